import { Dexie } from 'dexie';
import { getDb } from '../db';
import { createRouter } from '../messaging/router';
import { ChipCache } from '../services/chips';
import { startAutoBackups } from './auto-backup';
import { backgroundRoutes } from './background-routes';
import { createSteps } from './background-steps';
import { followContentTabs, notifyContentTabs } from './content-tabs';
import { listenForShortcut } from './focus-sidebar';
import { serveDataPort } from './data-server';
import { serveLiveQueries } from './live-server';
import { startNudgeEngine } from './nudge-engine';
import { mirrorPageFlags } from './side-panel';
import { frameTokenKey } from './storage-keys';
import { startSyncRunner } from './sync-runner';
import { startVelocitySnapshots } from './velocity-snapshots';

const locale = () => navigator.language || 'en';

export function startBackground(): void {
  const db = getDb();
  const chipCache = new ChipCache();
  // A chip follows contacts, deals and settings (stages, language): any write there forgets them all.
  const chipTables = ['contacts', 'deals', 'settings'].map((t) => `idb://${db.name}/${t}/`);
  Dexie.on('storagemutated', (parts) => {
    if (Object.keys(parts).some((p) => chipTables.some((t) => p.startsWith(t)))) chipCache.clear();
  });
  const changed = () => {
    chipCache.clear();
    void notifyContentTabs({ type: 'bg/chips-stale' });
  };
  const live = serveLiveQueries(db, locale);
  const nudges = startNudgeEngine(db, locale, live.refresh);
  // Backups, restores and CSV imports: an applied one may touch every contact.
  const autoBackups = startAutoBackups(db, locale);
  const velocity = startVelocitySnapshots(db, locale);
  // Optional sync: records pulled from the server change chips and nudges like local writes do.
  const sync = startSyncRunner(
    db,
    () => {
      changed();
      nudges.poke();
    },
    () => nudges.hold(),
  );

  const steps = createSteps({ db, locale, changed, nudges, velocity, autoBackups, pageChanged: live.pageChanged });
  serveDataPort(
    db,
    locale,
    (kind) => {
      // A restore brings settings too: they take effect as a saved setting does, and that full nudge pass takes
      // the restore's change markers with it (a poke as well would queue a second pass over every contact).
      if (kind === 'restore') return void steps.settingsRestored();
      changed();
      nudges.poke();
    },
    () => nudges.hold(),
  );
  const handle = createRouter({
    extensionId: browser.runtime.id,
    extensionOrigin: new URL(browser.runtime.getURL('/')).origin,
    onError: (e) => console.error('[sidecar]', e),
    frameToken: async (tabId) => ((await browser.storage.session.get(frameTokenKey(tabId)))[frameTokenKey(tabId)] as string | undefined) ?? null,
    ...backgroundRoutes({ db, locale, steps, chipCache, changed, nudges, sync }),
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void handle(message, sender).then((reply) => {
      sendResponse(reply);
      // Any write may change what is due: recompute the contacts it touched.
      const type = (message as { type?: string }).type;
      if (reply.ok && type !== 'cs/chips') nudges.poke();
      // ...and, with sync on, is pushed a moment later (a burst of writes goes in one batch).
      if (reply.ok && type !== 'cs/chips' && !type?.startsWith('ui/sync-')) sync.soon();
    });
    return true;
  });
  followContentTabs();
  listenForShortcut();
  void mirrorPageFlags(db);
}
