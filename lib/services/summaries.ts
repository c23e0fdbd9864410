import type { SidecarDb, StoredSummary } from '../db';
import { summarizeAll } from '../domain/activity-summary';
import { engagementWeights } from '../domain/engagement';
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
  const contacts = await db.contacts.bulkGet(ids);
  const rows: StoredSummary[] = [];
  for (const c of contacts) {
    if (!c) continue;
    const activities = (await db.activities.where('contactId').equals(c.id).toArray()).filter((a) => a.deletedAt === null);
    rows.push({ ...summarizeAll(c.id, c.createdAt, activities, now), engagement: engagementWeights(activities, halfLifeDays, now) });
  }
  await db.summaries.bulkPut(rows);
}

/** The same, with the half-life from settings: for every service that writes activities. */
export async function touchSummaries(db: SidecarDb, contactIds: Iterable<string>, now: number): Promise<void> {
  const { scoring } = await loadSettings(db, defaultLocale());
  await refreshSummaries(db, contactIds, scoring.engagement.halfLifeDays, now);
}
