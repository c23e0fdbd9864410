import type { SidecarDb } from '../db';
import { markAllDirtyIf } from '../services/lead-facts';
import { refreshSummaries } from '../services/summaries';
import { defaultLocale, loadSettings } from '../services/settings';

const CHUNK = 500;

/**
 * The list's entry that stands for every contact: a page naming about as many contacts as there are (a first
 * sync's) lists this one key rather than a key per contact (10,000 puts of their own). `after` is how far the
 * rebuild has gone, in contact-key order, so a stop halfway resumes there.
 */
export const ALL_STALE = '*';

/**
 * Rebuilds the activity summaries of contacts whose activities arrived by
 * sync: after the pull rather than page by page, so a first sync of 100,000
 * activities reads each contact's activities once. A page of contacts per
 * transaction, each removed from the list with its rebuilt summary, so a
 * stop halfway resumes where it stopped (ALL_STALE: every contact, in key
 * order). Returns how many were rebuilt.
 */
export async function rebuildStaleSummaries(db: SidecarDb, now: number): Promise<number> {
  const { scoring } = await loadSettings(db, defaultLocale());
  let done = 0;
  for (;;) {
    const n = await db.transaction('rw', [db.contacts, db.activities, db.summaries, db.summariesStale, db.factsDirty], async () => {
      const all = await db.summariesStale.get(ALL_STALE);
      if (all) {
        const next = (await db.contacts.where(':id').above(all.after ?? '').limit(CHUNK).primaryKeys()) as string[];
        if (next.length > 0) {
          await markAllDirtyIf(db, 0);
          await refreshSummaries(db, next, scoring.engagement.halfLifeDays, now);
          await db.summariesStale.put({ contactId: ALL_STALE, after: next[next.length - 1]! });
          return next.length;
        }
        // Every contact done: the entries listed on their own meanwhile (contacts it had passed) come next.
        await db.summariesStale.delete(ALL_STALE);
      }
      const ids = (await db.summariesStale.limit(CHUNK).primaryKeys()) as string[];
      if (ids.length === 0) return 0;
      // After a first sync the engine is to rebuild every contact anyway: the summaries then leave no marker each.
      await markAllDirtyIf(db, 0);
      await refreshSummaries(db, ids, scoring.engagement.halfLifeDays, now);
      // The list's first keys, read in this transaction: the range from the first to the last holds them and no
      // other, so it goes in one request (a delete per key was as many requests as contacts).
      await db.summariesStale.where(':id').between(ids[0]!, ids[ids.length - 1]!, true, true).delete();
      return ids.length;
    });
    if (n === 0) return done;
    done += n;
  }
}
