import type { SidecarDb } from '../db';
import { generateSample, SAMPLE_PREFIX } from '../domain/sample-data';
import { forgetStageStays } from './nudges';
import { loadSettings } from './settings';
import { refreshSummaries } from './summaries';

/**
 * The stage medians the nudges compare with, and the velocity trend, are built
 * from the history: rebuilt after sample data comes or goes, so none of it
 * lingers in the rep's own figures.
 */
async function forgetDerived(db: SidecarDb): Promise<void> {
  await forgetStageStays(db);
  await db.velocity.clear();
}

/** Loads the sample pipeline (idempotent: the same ids each time), in the rep's stages, currency and language. */
export async function loadSample(db: SidecarDb, env: { now: number; locale: string; language: 'en' | 'id' }): Promise<{ contacts: number }> {
  const settings = await loadSettings(db, env.locale);
  const data = generateSample({ now: env.now, currency: settings.currency, stageOrder: settings.stages.map((s) => s.id), language: env.language });
  await db.transaction('rw', [db.contacts, db.companies, db.deals, db.stageChanges, db.activities, db.engineState, db.velocity], async () => {
    await db.companies.bulkPut(data.companies);
    await db.contacts.bulkPut(data.contacts);
    await db.deals.bulkPut(data.deals);
    await db.stageChanges.bulkPut(data.stageChanges);
    await db.activities.bulkPut(data.activities);
    await forgetDerived(db);
  });
  await refreshSummaries(db, data.contacts.map((c) => c.id), settings.scoring.engagement.halfLifeDays, env.now);
  return { contacts: data.contacts.length };
}

/**
 * Removes exactly the sample data: every record whose id carries the sample
 * prefix, and whatever the rep hung on a sample person or deal since (a call
 * logged, a stage moved, a nudge snoozed). The rep's own records are never
 * read for deletion, only these key ranges.
 */
export async function removeSample(db: SidecarDb): Promise<void> {
  const p = SAMPLE_PREFIX;
  await db.transaction(
    'rw',
    [db.contacts, db.companies, db.deals, db.stageChanges, db.activities, db.summaries, db.nudges, db.nudgeStates, db.suggestions, db.engineState, db.velocity],
    async () => {
      await db.activities.where('contactId').startsWith(p).delete();
      await db.activities.where(':id').startsWith(p).delete();
      await db.stageChanges.where('dealId').startsWith(p).delete();
      await db.suggestions.where('contactId').startsWith(p).delete();
      await db.nudges.where('contactId').startsWith(p).delete();
      // Nudge ids carry the contact or deal id after the kind ("stuck:<dealId>:…"); dismissals are "deal:<dealId>".
      await db.nudgeStates.filter((s) => s.id.includes(`:${p}`)).delete();
      await db.summaries.where(':id').startsWith(p).delete();
      await db.deals.where(':id').startsWith(p).delete();
      await db.contacts.where(':id').startsWith(p).delete();
      await db.companies.where(':id').startsWith(p).delete();
      await forgetDerived(db);
    },
  );
}
