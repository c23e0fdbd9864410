/** The dashboard at one of its sections (#board, #data…), in a new tab. */
export async function openDashboardAt(section: string): Promise<void> {
  await browser.tabs.create({ url: `${browser.runtime.getURL('/dashboard.html')}#${encodeURIComponent(section)}` });
}

/** The welcome page, opened once when the extension is first installed (never on an update). */
export function openWelcomeOnInstall(): void {
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });
}

/** The dashboard in a new tab: one click from the popup, the sidebar's header and the options page. */
export async function openDashboard(): Promise<void> {
  const url = browser.runtime.getURL('/dashboard.html');
  // Firefox gives the sidebar frame inside Gmail or LinkedIn no `tabs` API (content-script APIs only):
  // there the frame opens its own page itself, within the rep's click.
  if (browser.tabs) await browser.tabs.create({ url });
  else window.open(url, '_blank', 'noopener');
}

/** The privacy policy the extension ships (docs/privacy.md), in a new tab. */
export async function openPrivacyPolicy(): Promise<void> {
  await browser.tabs.create({ url: browser.runtime.getURL('/privacy.html') });
}

type ChromeSidePanel = { open(o: { windowId: number }): Promise<void> };
type FirefoxSidebarAction = { open(): Promise<void> };

/** The sidebar app in the browser's side panel (Chromium) or sidebar (Firefox). Call it from a click: both need a user gesture. */
export async function openSidePanel(): Promise<void> {
  const win = await browser.windows.getCurrent();
  await openSidePanelIn(win.id);
}

/**
 * The same, in a window already known: called in the very turn of the rep's gesture (a click, the keyboard
 * shortcut), since both browsers refuse to open the panel once an await has passed in between.
 */
export function openSidePanelIn(windowId: number | undefined): Promise<void> {
  const chromePanel = (globalThis as { chrome?: { sidePanel?: ChromeSidePanel } }).chrome?.sidePanel;
  if (chromePanel) return windowId === undefined ? Promise.resolve() : chromePanel.open({ windowId });
  return (browser as unknown as { sidebarAction?: FirefoxSidebarAction }).sidebarAction?.open() ?? Promise.resolve();
}

export function openOptionsPage(): Promise<void> {
  return browser.runtime.openOptionsPage();
}
