import type { SidecarDb } from '../db';
import { resolveLanguage } from '../i18n';
import { loadSettings } from '../services/settings';
import { LANGUAGE_KEY, SIDE_PANEL_KEY } from './storage-keys';

/**
 * What content scripts need of the settings, mirrored into extension storage
 * so they never touch the database: side-panel mode (then they inject nothing
 * into the page) and the UI language of the few words they show.
 * Side-panel mode: the toolbar opens the same sidebar app in the browser's side
 * panel (Chromium sidePanel, Firefox sidebar_action).
 */
export async function mirrorPageFlags(db: SidecarDb): Promise<void> {
  const { sidePanel, language } = await loadSettings(db, navigator.language || 'en');
  await browser.storage.local.set({ [SIDE_PANEL_KEY]: sidePanel, [LANGUAGE_KEY]: resolveLanguage(language, navigator.languages ?? []) });
  const chromeSidePanel = (globalThis as { chrome?: { sidePanel?: { setPanelBehavior(o: { openPanelOnActionClick: boolean }): Promise<void> } } }).chrome
    ?.sidePanel;
  if (chromeSidePanel) await chromeSidePanel.setPanelBehavior({ openPanelOnActionClick: sidePanel }).catch(() => {});
}
