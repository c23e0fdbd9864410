import type { SidecarDb, StoredSummary } from '../db';
import type { Activity, Contact } from '../domain/records';
import { FUTURE_TOLERANCE_MS, futureActivityDue, summarizeAll, type SummaryActivity } from '../domain/activity-summary';
import { engagementWeights } from '../domain/engagement';
import { groupBy } from '../domain/group-by';
import { ENGINE_KEYS } from '../db/schema';
import { whereAnyOf } from './index-reads';
import { defaultLocale, loadSettings } from './settings';

/**
 * Rebuilds the summaries of the contacts whose activities just changed. Run
 * inside the writing transaction (needs contacts, activities, summaries), so a
 * summary is never out of step with the activities it stands for. A contact's
 * activities are few; the nudge engine never reads activities at all.
 */
export async function refreshSummaries(db: SidecarDb, contactIds: Iterable<string>, halfLifeDays: number, now: number): Promise<void> {
  const ids = [...new Set(contactIds)];
  if (ids.length === 0) return;
  const [contacts, all] = await contactsWithActivities(db, ids);
  const byContact = groupBy(all.filter((a) => a.deletedAt === null), (a) => a.contactId);
  const rows: StoredSummary[] = [];
  for (const c of contacts) {
    if (!c) continue;
    const activities = byContact.get(c.id) ?? [];
    rows.push({ ...summarizeAll(c.id, c.createdAt, activities, now), engagement: engagementWeights(activities, halfLifeDays, now) });
  }
  await db.summaries.bulkPut(rows);
}

/**
 * The contacts (undefined where none) and their activities. Many ids in one stretch of keys with few other
 * contacts among them (a first sync's summaries, rebuilt in key order) are read as two ranges, a request each,
 * where reading them one by one took a request per contact and another per contact's activities.
 */
async function contactsWithActivities(db: SidecarDb, ids: string[]): Promise<[(Contact | undefined)[], Activity[]]> {
  if (ids.length >= 50) {
    const sorted = [...ids].sort();
    const [lo, hi] = [sorted[0]!, sorted[sorted.length - 1]!];
    const inRange = db.contacts.where(':id').between(lo, hi, true, true);
    if ((await inRange.count()) <= ids.length * 1.25) {
      const [contacts, activities] = await Promise.all([inRange.toArray(), db.activities.where('contactId').between(lo, hi, true, true).toArray()]);
      const want = new Set(ids);
      const byId = new Map(contacts.map((c) => [c.id, c]));
      return [ids.map((id) => byId.get(id)), activities.filter((a) => want.has(a.contactId))];
    }
  }
  return Promise.all([db.contacts.bulkGet(ids), whereAnyOf(db.activities, 'contactId', ids)]);
}

/**
 * Summaries built from activities already in hand (an import or restore that
 * wrote them itself): no read at all, where refreshSummaries would read each
 * contact's activities back. `activities` holds every activity of these
 * contacts. A contact without any gets no row: every reader takes a missing
 * summary as the empty one (what summarizeAll and engagementWeights give for
 * no activities), and 50,000 empty rows were a quarter of a large import's time.
 */
export function summariesOf(
  contacts: Iterable<{ id: string; createdAt: number }>,
  activities: Iterable<SummaryActivity & { contactId: string }>,
  halfLifeDays: number,
  now: number,
): StoredSummary[] {
  const byContact = groupBy([...activities].filter((a) => !a.deletedAt), (a) => a.contactId);
  const rows: StoredSummary[] = [];
  for (const c of contacts) {
    const list = byContact.get(c.id);
    if (!list) continue;
    rows.push({ ...summarizeAll(c.id, c.createdAt, list, now), engagement: engagementWeights(list, halfLifeDays, now) });
  }
  return rows;
}

/** The same, with the half-life from settings: for every service that writes activities. */
export async function touchSummaries(db: SidecarDb, contactIds: Iterable<string>, now: number): Promise<void> {
  const { scoring } = await loadSettings(db, defaultLocale());
  await refreshSummaries(db, contactIds, scoring.engagement.halfLifeDays, now);
}

const SYNCED_KEY = ENGINE_KEYS.engagementHalfLife;

/**
 * After the engagement half-life changed in the settings: rebuilds the
 * engagement weights of every summary built with another one (weights cannot
 * be converted, each activity's age counts), a page of contacts at a time.
 * Until then the background's scores (sales-ready nudges) would keep the old
 * half-life while the sidebar's, computed from the activities, had the new.
 * Rows already right are skipped, so a run stopped halfway resumes cheaply.
 * Returns how many summaries were rebuilt.
 */
export async function syncEngagementHalfLife(db: SidecarDb, locale: string, now: number): Promise<number> {
  const { scoring } = await loadSettings(db, locale);
  const halfLife = scoring.engagement.halfLifeDays;
  if ((await db.engineState.get(SYNCED_KEY))?.value === halfLife) return 0;
  let count = 0;
  let after = '';
  for (;;) {
    const page = await db.summaries.where(':id').above(after).limit(2000).toArray();
    const last = page[page.length - 1];
    if (!last) break;
    after = last.contactId;
    const stale = page.filter((s) => s.engagement.halfLifeDays !== halfLife).map((s) => s.contactId);
    if (stale.length === 0) continue;
    await db.transaction('rw', [db.contacts, db.activities, db.summaries], () => refreshSummaries(db, stale, halfLife, now));
    count += stale.length;
  }
  await db.engineState.put({ key: SYNCED_KEY, value: halfLife, updatedAt: now });
  return count;
}

/**
 * Applies the future-dated activities whose time has come: a summary folds an
 * activity dated ahead of the clock in only as a flag (`futureActivityAt`,
 * the earliest such), so without this it would wait until the contact was
 * written again. Rebuilds those summaries from their activities (the write
 * leaves the change marker, so the nudge pass that follows recomputes them).
 * Returns how many were rebuilt.
 */
export async function applyDueFutureActivities(db: SidecarDb, locale: string, now: number): Promise<number> {
  const flagged = await db.summaries.where('futureActivityAt').belowOrEqual(now + FUTURE_TOLERANCE_MS).toArray();
  const due = flagged.filter((s) => futureActivityDue(s, now)).map((s) => s.contactId);
  if (due.length === 0) return 0;
  const { scoring } = await loadSettings(db, locale);
  for (let i = 0; i < due.length; i += 1000) {
    const ids = due.slice(i, i + 1000);
    await db.transaction('rw', [db.contacts, db.activities, db.summaries], () => refreshSummaries(db, ids, scoring.engagement.halfLifeDays, now));
  }
  return due.length;
}

/** When the next flagged future-dated activity falls due (for the engine's wake-up alarm); null when none is flagged. */
export async function nextFutureActivityDue(db: SidecarDb, now: number): Promise<number | null> {
  const next = await db.summaries.where('futureActivityAt').above(now + FUTURE_TOLERANCE_MS).first();
  return next?.futureActivityAt != null ? next.futureActivityAt - FUTURE_TOLERANCE_MS : null;
}
