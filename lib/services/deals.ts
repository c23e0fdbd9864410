import type { SidecarDb } from '../db';
import { newId } from '../domain/ids';
import type { Deal } from '../domain/records';
import { nextStage } from '../domain/stages';
import { newActivity } from './records';
import { loadSettings } from './settings';

export type MoveResult = { ok: true; deal: Deal } | { ok: false; reason: 'not_found' | 'not_open' | 'last_stage' | 'unknown_stage' | 'same_stage' };

/**
 * Moves an open deal to `toStageId` (default: the next stage), recording the
 * change in the insert-only stage history and as a stage_change activity.
 */
export async function moveDealStage(
  db: SidecarDb,
  dealId: string,
  env: { now: number; locale: string; toStageId?: string; reason?: string | null },
): Promise<MoveResult> {
  const { now } = env;
  return db.transaction('rw', [db.deals, db.stageChanges, db.activities, db.settings], async () => {
    const deal = await db.deals.get(dealId);
    if (!deal || deal.deletedAt !== null) return { ok: false, reason: 'not_found' };
    if (deal.status !== 'open') return { ok: false, reason: 'not_open' };
    const { stages } = await loadSettings(db, env.locale);
    const target = env.toStageId ? stages.find((s) => s.id === env.toStageId) : nextStage(stages, deal.stageId);
    if (!target) return { ok: false, reason: env.toStageId ? 'unknown_stage' : 'last_stage' };
    if (target.id === deal.stageId) return { ok: false, reason: 'same_stage' };
    const updated: Deal = { ...deal, stageId: target.id, stageEnteredAt: now, updatedAt: now };
    await db.deals.put(updated);
    await db.stageChanges.add({
      id: newId(now),
      dealId,
      fromStageId: deal.stageId,
      toStageId: target.id,
      status: 'open',
      at: now,
      reason: env.reason ?? null,
      createdAt: now,
    });
    await db.activities.add(newActivity('stage_change', { contactId: deal.contactId, dealId, at: now, text: `${deal.stageId}→${target.id}` }, now));
    return { ok: true, deal: updated };
  });
}
