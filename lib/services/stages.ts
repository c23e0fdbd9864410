import { z } from 'zod';
import type { SidecarDb } from '../db';
import { newId } from '../domain/ids';
import type { Deal } from '../domain/records';
import { StageSchema, type Stage } from '../domain/stages';
import { newActivity } from './records';
import { loadSettings, updateSettings } from './settings';
import { recordStay } from './nudges';
import { touchSummaries } from './summaries';

export const StageEditSchema = z
  .array(StageSchema)
  .min(1, 'a pipeline needs at least one stage')
  .max(30)
  .superRefine((stages, ctx) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    stages.forEach((s, i) => {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate stage id ${s.id}` });
      ids.add(s.id);
      const name = (s.name ?? s.id).trim().toLowerCase();
      if (names.has(name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate stage name "${s.name ?? s.id}"` });
      names.add(name);
    });
  });

export type SaveStagesResult = { ok: true } | { ok: false; issues: string[] } | { ok: false; needsMove: { stageId: string; deals: number }[] };

/**
 * Replaces the pipeline's stages. Deals in a removed stage must be moved
 * (`moves[removedId] = targetId`), and are, in the same transaction: nothing
 * is ever orphaned, and every move lands in the stage history.
 */
export async function saveStages(
  db: SidecarDb,
  input: unknown,
  moves: Record<string, string>,
  env: { now: number; locale: string },
): Promise<SaveStagesResult> {
  const parsed = StageEditSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const next: Stage[] = parsed.data;
  const keep = new Set(next.map((s) => s.id));
  const { now } = env;
  return db.transaction('rw', [db.settings, db.engineState, db.deals, db.stageChanges, db.activities, db.contacts, db.summaries], async (): Promise<SaveStagesResult> => {
    const current = await loadSettings(db, env.locale);
    const removed = current.stages.filter((s) => !keep.has(s.id)).map((s) => s.id);
    const needsMove: { stageId: string; deals: number }[] = [];
    const byStage = new Map<string, Deal[]>();
    for (const id of removed) {
      // Closed deals keep their stage id for history, but must still point at a live stage.
      const deals = (await db.deals.where('stageId').equals(id).toArray()).filter((d) => d.deletedAt === null);
      byStage.set(id, deals);
      const target = moves[id];
      if (deals.length > 0 && (!target || !keep.has(target))) needsMove.push({ stageId: id, deals: deals.length });
    }
    if (needsMove.length > 0) return { ok: false, needsMove };
    for (const [from, deals] of byStage) {
      const to = moves[from]!;
      for (const d of deals) {
        await db.deals.update(d.id, { stageId: to, stageEnteredAt: d.status === 'open' ? now : d.stageEnteredAt, updatedAt: now });
        await db.stageChanges.add({ id: newId(now), dealId: d.id, fromStageId: from, toStageId: to, status: d.status, at: now, reason: 'stage removed', createdAt: now });
        await db.activities.add(newActivity('stage_change', { contactId: d.contactId, dealId: d.id, at: now, text: `${from}→${to}` }, now));
        if (d.status === 'open') await recordStay(db, from, now - d.stageEnteredAt, now);
      }
      await touchSummaries(db, deals.map((d) => d.contactId), now);
    }
    const r = await updateSettings(db, env.locale, () => ({ stages: next }), now);
    return r.ok ? { ok: true } : r;
  });
}
