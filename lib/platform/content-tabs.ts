import type { BGtoCSMessage } from '../messaging/to-content';
import { sendToTab } from './messaging';
import { ACTIVE_TAB_KEY, contextKey, frameTokenKey, tabOfContextKey } from './storage-keys';

/** Tabs whose content script told us who is on screen: the ones to notify of changes. */
async function contentTabs(): Promise<number[]> {
  const all = await browser.storage.session.get(null);
  return Object.keys(all).flatMap((k) => {
    const tabId = tabOfContextKey(k);
    return tabId === null ? [] : [tabId];
  });
}

/** Tells every Gmail/LinkedIn tab with a content script (chips stale, report again...). */
export async function notifyContentTabs(message: BGtoCSMessage): Promise<void> {
  for (const tabId of await contentTabs()) sendToTab(tabId, message);
}

/**
 * Keeps the tabs' page contexts (storage.session) in step with the tabs:
 * forgotten when a tab closes or loads another page (its content script
 * reports anew), and the side panel follows the site tab the rep looks at.
 */
export function followContentTabs(): void {
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove([contextKey(tabId), frameTokenKey(tabId)]));
  browser.tabs.onUpdated.addListener((tabId, info) => {
    if (info.status === 'loading') void browser.storage.session.remove(contextKey(tabId));
  });
  // Other tabs leave the side panel as it was.
  browser.tabs.onActivated.addListener(async ({ tabId }) => {
    const known = await browser.storage.session.get(contextKey(tabId));
    if (contextKey(tabId) in known) await browser.storage.session.set({ [ACTIVE_TAB_KEY]: tabId });
  });
}
