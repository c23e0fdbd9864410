import type { SidecarDb } from '../db';
import { BantSchema, emptyBant, gateMissing, type Bant, type BantField } from '../domain/bant';
import { newId } from '../domain/ids';
import type { Deal, DealStatus } from '../domain/records';
import { nextStage } from '../domain/stages';
import { newActivity } from './records';
import { loadSettings } from './settings';
import { recordStay } from './nudges';
import { touchSummaries } from './summaries';

export type MoveResult =
  | { ok: true; deal: Deal }
  | { ok: false; reason: 'not_found' | 'not_open' | 'last_stage' | 'unknown_stage' | 'same_stage' }
  | { ok: false; reason: 'gated'; stageId: string; missing: BantField[] };

async function recordChange(
  db: SidecarDb,
  deal: Deal,
  to: { stageId: string; status: DealStatus },
  reason: string | null,
  now: number,
): Promise<void> {
  await db.stageChanges.add({
    id: newId(now),
    dealId: deal.id,
    fromStageId: deal.stageId,
    toStageId: to.stageId,
    status: to.status,
    at: now,
    reason,
    createdAt: now,
  });
  const text = to.status === 'open' ? `${deal.stageId}→${to.stageId}` : `${deal.stageId}→${to.status}`;
  await db.activities.add(newActivity('stage_change', { contactId: deal.contactId, dealId: deal.id, at: now, text }, now));
  await touchSummaries(db, [deal.contactId], now);
  if (deal.status === 'open') await recordStay(db, deal.stageId, now - deal.stageEnteredAt, now);
}

/**
 * Moves an open deal to `toStageId` (default: the next stage), recording the
 * change in the insert-only stage history and as a stage_change activity. A
 * stage gate that is not met is explained (which BANT answers are missing),
 * never silently refused.
 */
export async function moveDealStage(
  db: SidecarDb,
  dealId: string,
  env: { now: number; locale: string; toStageId?: string; reason?: string | null },
): Promise<MoveResult> {
  const { now } = env;
  return db.transaction('rw', [db.deals, db.stageChanges, db.activities, db.settings, db.engineState, db.contacts, db.summaries], async (): Promise<MoveResult> => {
    const deal = await db.deals.get(dealId);
    if (!deal || deal.deletedAt !== null) return { ok: false, reason: 'not_found' };
    if (deal.status !== 'open') return { ok: false, reason: 'not_open' };
    const { stages } = await loadSettings(db, env.locale);
    const target = env.toStageId ? stages.find((s) => s.id === env.toStageId) : nextStage(stages, deal.stageId);
    if (!target) return { ok: false, reason: env.toStageId ? 'unknown_stage' : 'last_stage' };
    if (target.id === deal.stageId) return { ok: false, reason: 'same_stage' };
    const missing = gateMissing(target.gate, deal.bant);
    if (missing.length > 0) return { ok: false, reason: 'gated', stageId: target.id, missing };
    const updated: Deal = { ...deal, stageId: target.id, stageEnteredAt: now, updatedAt: now };
    await db.deals.put(updated);
    await recordChange(db, deal, { stageId: target.id, status: 'open' }, env.reason ?? null, now);
    return { ok: true, deal: updated };
  });
}

export type CloseResult = { ok: true } | { ok: false; reason: 'not_found' | 'not_open' | 'reason_required' };

/** Won or Lost, reachable from any stage; Lost needs a reason. */
export async function closeDeal(db: SidecarDb, dealId: string, outcome: 'won' | 'lost', reason: string | null, now: number): Promise<CloseResult> {
  const why = reason?.trim().slice(0, 300) || null;
  if (outcome === 'lost' && !why) return { ok: false, reason: 'reason_required' };
  return db.transaction('rw', [db.deals, db.stageChanges, db.activities, db.settings, db.engineState, db.contacts, db.summaries], async (): Promise<CloseResult> => {
    const deal = await db.deals.get(dealId);
    if (!deal || deal.deletedAt !== null) return { ok: false, reason: 'not_found' };
    if (deal.status !== 'open') return { ok: false, reason: 'not_open' };
    await db.deals.put({ ...deal, status: outcome, closedAt: now, lostReason: outcome === 'lost' ? why : null, updatedAt: now });
    await recordChange(db, deal, { stageId: deal.stageId, status: outcome }, why, now);
    return { ok: true };
  });
}

/** Re-opens a won or lost deal at the stage it closed in. */
export async function reopenDeal(db: SidecarDb, dealId: string, now: number): Promise<boolean> {
  return db.transaction('rw', [db.deals, db.stageChanges, db.activities, db.settings, db.engineState, db.contacts, db.summaries], async () => {
    const deal = await db.deals.get(dealId);
    if (!deal || deal.deletedAt !== null || deal.status === 'open') return false;
    await db.deals.put({ ...deal, status: 'open', closedAt: null, lostReason: null, stageEnteredAt: now, updatedAt: now });
    await recordChange(db, { ...deal, stageId: deal.stageId }, { stageId: deal.stageId, status: 'open' }, 'reopened', now);
    return true;
  });
}

/**
 * A BANT edit as it arrives: fields of each answer, not yet checked (the router
 * checks only this outline; a sender is held to BantPatch). The merge is parsed
 * whole by BantSchema below.
 */
export type UncheckedBantPatch = { [F in BantField]?: Record<string, unknown> };
export type BantResult = { ok: true; bant: Bant } | { ok: false; issues: string[] };

/** Merges a partial BANT edit and validates the whole result: a bad edit changes nothing. */
export async function updateBant(db: SidecarDb, dealId: string, patch: UncheckedBantPatch, now: number): Promise<BantResult> {
  return db.transaction('rw', db.deals, async (): Promise<BantResult> => {
    const deal = await db.deals.get(dealId);
    if (!deal || deal.deletedAt !== null) return { ok: false, issues: ['deal not found'] };
    const current = deal.bant ?? emptyBant();
    const merged = {
      budget: { ...current.budget, ...patch.budget },
      authority: { ...current.authority, ...patch.authority },
      need: { ...current.need, ...patch.need },
      timeline: { ...current.timeline, ...patch.timeline },
    };
    const parsed = BantSchema.safeParse(merged);
    if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
    await db.deals.update(dealId, { bant: parsed.data, updatedAt: now });
    return { ok: true, bant: parsed.data };
  });
}

export interface DealPatch {
  valueMinor?: number;
  currency?: string;
  expectedCloseAt?: number | null;
  title?: string;
  leadSource?: string | null;
}

export async function updateDeal(db: SidecarDb, dealId: string, patch: DealPatch, now: number): Promise<boolean> {
  const n = await db.deals.update(dealId, { ...patch, updatedAt: now });
  return n === 1;
}

export async function updateCompany(db: SidecarDb, companyId: string, patch: { name?: string; industry?: string | null; employees?: number | null }, now: number): Promise<boolean> {
  const n = await db.companies.update(companyId, { ...patch, updatedAt: now });
  return n === 1;
}
