/** The dashboard in a new tab: one click from the popup, the sidebar's header and the options page. */
export async function openDashboard(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') });
}
