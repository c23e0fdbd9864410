import type { SidecarDb } from '../db';
import { refreshSummaries } from '../services/summaries';
import { defaultLocale, loadSettings } from '../services/settings';

const CHUNK = 500;

/**
 * Rebuilds the activity summaries of contacts whose activities arrived by
 * sync: after the pull rather than page by page, so a first sync of 100,000
 * activities reads each contact's activities once. A page of contacts per
 * transaction, each removed from the list with its rebuilt summary, so a
 * stop halfway resumes where it stopped. Returns how many were rebuilt.
 */
export async function rebuildStaleSummaries(db: SidecarDb, now: number): Promise<number> {
  const { scoring } = await loadSettings(db, defaultLocale());
  let done = 0;
  for (;;) {
    const ids = (await db.summariesStale.limit(CHUNK).primaryKeys()) as string[];
    if (ids.length === 0) return done;
    await db.transaction('rw', [db.contacts, db.activities, db.summaries, db.summariesStale], async () => {
      await refreshSummaries(db, ids, scoring.engagement.halfLifeDays, now);
      await db.summariesStale.bulkDelete(ids);
    });
    done += ids.length;
  }
}
