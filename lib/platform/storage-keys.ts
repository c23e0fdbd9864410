/**
 * Every key this extension keeps in the browser's own storage, in one place
 * (the CRM itself is in IndexedDB, lib/db). A key named twice is a key that
 * drifts: the reader and the writer import it from here.
 */

/** storage.session: the page context of a tab, as the background last parsed it from the content script. */
const CONTEXT_PREFIX = 'ctx:';
export const contextKey = (tabId: number) => `${CONTEXT_PREFIX}${tabId}`;
/** The tab a contextKey() names, or null for any other key. */
export function tabOfContextKey(key: string): number | null {
  if (!key.startsWith(CONTEXT_PREFIX)) return null;
  const tabId = Number(key.slice(CONTEXT_PREFIX.length));
  return Number.isInteger(tabId) ? tabId : null;
}
/** storage.session: the secret the sidebar frame the content script placed in a tab must show (frame-token.ts). */
export const frameTokenKey = (tabId: number) => `frameToken:${tabId}`;
/** storage.session: the Gmail/LinkedIn tab the rep looked at last (what the side panel follows). */
export const ACTIVE_TAB_KEY = 'activeTab';

/** storage.local: the in-page sidebar is collapsed to its tab (content script, per browser profile). */
export const COLLAPSED_KEY = 'sidebarCollapsed';
/** storage.local: side-panel mode, mirrored from the settings for content scripts (lib/platform/side-panel.ts). */
export const SIDE_PANEL_KEY = 'sidePanel';
/** storage.local: the UI language, resolved, mirrored for the few words content scripts show. */
export const LANGUAGE_KEY = 'uiLanguage';
/** storage.local: when the nudge engine's last full pass ran. */
export const NUDGES_LAST_FULL_KEY = 'nudgesLastFull';
/** storage.local: the automatic backup's state (lib/platform/auto-backup.ts). */
export const BACKUP_STATE_KEY = 'autoBackup';
