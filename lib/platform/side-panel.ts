import type { SidecarDb } from '../db';
import { loadSettings } from '../services/settings';

/**
 * Side-panel mode: the toolbar button opens the same sidebar app in the
 * browser's side panel (Chromium sidePanel, Firefox sidebar_action) and the
 * content scripts inject nothing into the page.
 */
export async function applySidePanelBehaviour(db: SidecarDb): Promise<void> {
  const { sidePanel } = await loadSettings(db, navigator.language || 'en');
  await browser.storage.local.set({ sidePanel });
  const chromeSidePanel = (globalThis as { chrome?: { sidePanel?: { setPanelBehavior(o: { openPanelOnActionClick: boolean }): Promise<void> } } }).chrome
    ?.sidePanel;
  if (chromeSidePanel) await chromeSidePanel.setPanelBehavior({ openPanelOnActionClick: sidePanel }).catch(() => {});
}
