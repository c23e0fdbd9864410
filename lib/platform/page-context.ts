import type { PageContext } from '../messaging/protocol';
import { ACTIVE_TAB_KEY, contextKey } from './storage-keys';

/**
 * What a sidebar shows, read in the background: the page context of the tab
 * hosting its frame, or, in the browser's side panel (no host tab), of the
 * site tab the rep looked at last. The sidebar page cannot read this itself
 * everywhere: Firefox gives an extension frame inside a web page only the
 * content-script APIs (no `tabs`, no `storage.session`), so it asks over its
 * live port, whose sender names the host tab in both browsers.
 */
export async function pageContextFor(hostTabId: number | undefined): Promise<PageContext | null> {
  let tabId = hostTabId;
  if (tabId === undefined) {
    const active = (await browser.storage.session.get(ACTIVE_TAB_KEY))[ACTIVE_TAB_KEY];
    if (typeof active !== 'number') return null;
    tabId = active;
  }
  const key = contextKey(tabId);
  // Written only by the background, after the router's zod parse of the content script's message.
  return ((await browser.storage.session.get(key))[key] as PageContext | undefined) ?? null;
}

/**
 * The site tab whose page hosts a subscriber in a frame (frameId > 0): the
 * sidebar iframe. The side panel has no tab; a sidebar page opened in a tab of
 * its own is top-level (frameId 0) and, like the panel, follows the site tab.
 */
export function hostTabOf(sender: { tab?: { id?: number }; frameId?: number } | undefined): number | undefined {
  return sender?.frameId !== undefined && sender.frameId !== 0 ? sender.tab?.id : undefined;
}
