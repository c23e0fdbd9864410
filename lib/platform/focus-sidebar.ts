import { readBackgroundMessage } from '../messaging/to-content';
import { openSidePanelIn } from './open-pages';
import { sendToTab } from './messaging';
import { SIDE_PANEL_KEY } from './storage-keys';

/** The `commands` entry of the manifest (wxt.config.ts): the rep's shortcut into the sidebar. */
export const FOCUS_SIDEBAR_COMMAND = 'focus-sidebar';

type Tab = { id?: number; windowId?: number };

/**
 * Side-panel mode, known before the shortcut arrives: both browsers open a panel only in the very turn of the
 * gesture, so the handler cannot wait for storage first. Null until the first read (a worker the shortcut
 * itself woke up): then the panel is opened after the read, which the browser may refuse.
 */
let sidePanel: boolean | null = null;

/**
 * What the shortcut does: in the in-page mode, the content script of the rep's Gmail or LinkedIn tab moves the
 * keyboard focus into its sidebar frame (expanding it if collapsed); in side-panel mode, the panel opens in
 * the tab's window and its page focuses its first control.
 */
export function focusSidebar(tab: Tab | undefined): void {
  if (sidePanel === null) {
    void browser.storage.local.get(SIDE_PANEL_KEY).then((v) => {
      sidePanel = v[SIDE_PANEL_KEY] === true;
      focusSidebar(tab);
    });
    return;
  }
  if (sidePanel) {
    void openSidePanelIn(tab?.windowId)
      .then(() => browser.runtime.sendMessage({ type: 'bg/focus-sidebar' }))
      .catch(() => {});
    return;
  }
  if (tab?.id !== undefined) sendToTab(tab.id, { type: 'bg/focus-sidebar' });
}

/** Registers the shortcut's handler (a thin call into focusSidebar) and keeps side-panel mode at hand for it. */
export function listenForShortcut(): void {
  void browser.storage.local.get(SIDE_PANEL_KEY).then((v) => (sidePanel ??= v[SIDE_PANEL_KEY] === true));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SIDE_PANEL_KEY in changes) sidePanel = changes[SIDE_PANEL_KEY]!.newValue === true;
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === FOCUS_SIDEBAR_COMMAND) focusSidebar(tab);
  });
}

/** Sidebar page, in the side panel (not framed): runs `onFocus` when the rep's shortcut opened or found it. */
export function listenForPanelFocus(onFocus: () => void): void {
  if (window.parent !== window) return;
  browser.runtime.onMessage.addListener((raw: unknown) => {
    if (readBackgroundMessage(raw)?.type === 'bg/focus-sidebar') onFocus();
  });
}
