import type { SidecarDb } from '../db';
import { ENGINE_KEYS } from '../db/schema';
import { isActive, NUDGE_PRIORITY, snoozeUntil, stageIntervals, stageStats, type Nudge, type SnoozeOption, type StageStat } from '../domain/nudges';
import type { NudgeState } from '../domain/records';
import { loadSettings } from './settings';
import { nextFutureActivityDue } from './summaries';

const STAYS_KEY = ENGINE_KEYS.stageStays;
const MAX_STAYS = 500;

/** Finished stays per stage, most recent last: kept as deals move, so stage medians never read the whole history. */
type Stays = Record<string, number[]>;

/** Records a finished stay (a deal leaving `stageId` after `ms`), inside the caller's transaction (needs engineState). */
export async function recordStay(db: SidecarDb, stageId: string, ms: number, now: number): Promise<void> {
  if (!(ms >= 0)) return;
  const row = await db.engineState.get(STAYS_KEY);
  if (!row) return; // not built yet: the first computeStageStats builds it from the history, this stay included
  const stays = row.value as Stays;
  const list = [...(stays[stageId] ?? []), ms].slice(-MAX_STAYS);
  await db.engineState.put({ key: STAYS_KEY, value: { ...stays, [stageId]: list }, updatedAt: now });
}

/** New or rewritten history (an import, a restore, pulled changes, sample data): the kept stays are built again from it. */
export async function forgetStageStays(db: SidecarDb): Promise<void> {
  await db.engineState.delete(STAYS_KEY);
}

/** Median time per stage: from the kept stays, built once from the insert-only history. */
export async function computeStageStats(db: SidecarDb): Promise<Map<string, StageStat>> {
  let row = await db.engineState.get(STAYS_KEY);
  if (!row) {
    const stays: Stays = {};
    for (const s of await historyStays(db)) (stays[s.stageId] ??= []).push(s.ms);
    for (const k of Object.keys(stays)) stays[k] = stays[k]!.slice(-MAX_STAYS);
    row = { key: STAYS_KEY, value: stays, updatedAt: Date.now() };
    await db.engineState.put(row);
  }
  return stageStats(Object.entries(row.value as Stays).flatMap(([stageId, list]) => list.map((ms) => ({ stageId, ms }))));
}

/** Every finished stay in the stage history, walked deal by deal in time order. */
async function historyStays(db: SidecarDb): Promise<{ stageId: string; ms: number }[]> {
  const changes: { dealId: string; toStageId: string; at: number; status: 'open' | 'won' | 'lost' }[] = [];
  await db.stageChanges.orderBy('[dealId+at]').each((c) => {
    changes.push({ dealId: c.dealId, toStageId: c.toStageId, at: c.at, status: c.status });
  });
  return [...stageIntervals(changes)];
}

export interface NudgeStates {
  doneIds: Set<string>;
  snoozedUntil: Map<string, number>;
  dismissedDeals: Set<string>;
}

export async function loadNudgeStates(db: SidecarDb): Promise<NudgeStates> {
  const rows = await db.nudgeStates.toArray();
  const s: NudgeStates = { doneIds: new Set(), snoozedUntil: new Map(), dismissedDeals: new Set() };
  for (const r of rows) {
    if (r.state === 'done') s.doneIds.add(r.id);
    else if (r.state === 'snoozed' && r.until !== null) s.snoozedUntil.set(r.id, r.until);
    else if (r.state === 'dismissed') s.dismissedDeals.add(r.id.replace(/^deal:/, ''));
  }
  return s;
}

/** Due, not done, not snoozed, deal not dismissed: highest priority first. */
export async function activeNudges(db: SidecarDb, now: number, contactId?: string): Promise<Nudge[]> {
  const [states, due] = await Promise.all([
    loadNudgeStates(db),
    contactId ? db.nudges.where('contactId').equals(contactId).toArray() : db.nudges.where('dueAt').belowOrEqual(now).toArray(),
  ]);
  return due.filter((n) => isActive(n.id, states, n, now)).sort((a, b) => a.priority - b.priority || a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
}

/**
 * The due, active nudges in list order (priority, then due time, then id), at
 * most `limit`: walked along the [priority+dueAt] index, a priority at a time,
 * so a pipeline with 100,000 due nudges costs what `limit` of them cost.
 * `keep` narrows them (one owner's: lib/services/views.ts) before the limit counts.
 */
export async function topActiveNudges(db: SidecarDb, now: number, limit: number, keep?: (n: Nudge) => boolean): Promise<Nudge[]> {
  const states = await loadNudgeStates(db);
  const out: Nudge[] = [];
  for (const p of [...new Set(Object.values(NUDGE_PRIORITY))].sort((a, b) => a - b)) {
    if (out.length >= limit) break;
    const rows = await db.nudges
      .where('[priority+dueAt]')
      .between([p, -Infinity], [p, now], true, true)
      .filter((n) => isActive(n.id, states, n, now) && (!keep || keep(n)))
      .limit(limit - out.length)
      .toArray();
    out.push(...rows);
  }
  return out;
}

/**
 * How many nudges are active now, for the badge, counted up to `cap` (the
 * badge shows "999+" past that): the keys of the due nudges along the dueAt
 * index, at most `cap` plus the few hidden by a state (done, snoozed, their
 * deal dismissed), less those hidden. No nudge row is read, and IndexedDB's
 * own count() walks every due key (over a second at 170,000).
 */
export async function countActiveNudges(db: SidecarDb, now: number, cap = 1000): Promise<number> {
  const states = await loadNudgeStates(db);
  const stated = [...states.doneIds, ...[...states.snoozedUntil].filter(([, until]) => until > now).map(([id]) => id)];
  const [rows, ofDeals] = await Promise.all([
    db.nudges.bulkGet(stated),
    Promise.all([...states.dismissedDeals].map((dealId) => db.nudges.where('dealId').equals(dealId).toArray())),
  ]);
  const hidden = new Set<string>();
  for (const n of [...rows, ...ofDeals.flat()]) if (n && n.dueAt <= now) hidden.add(n.id);
  const want = cap + hidden.size;
  const keys = await db.nudges.where('dueAt').belowOrEqual(now).limit(want).primaryKeys();
  // Fewer than asked for: that is every due nudge, and the count is exact.
  if (keys.length < want) return keys.filter((id) => !hidden.has(id)).length;
  return cap;
}

/** When something will next change on its own: a nudge falling due, a snooze ending, a future-dated activity coming due. */
export async function nextWakeUp(db: SidecarDb, now: number): Promise<number | null> {
  const next = await db.nudges.where('dueAt').above(now).first();
  const snoozes = (await db.nudgeStates.where('state').equals('snoozed').toArray()).map((s) => s.until ?? Infinity).filter((t) => t > now);
  const future = (await nextFutureActivityDue(db, now)) ?? Infinity;
  const t = snoozes.reduce((m, x) => Math.min(m, x), Math.min(next?.dueAt ?? Infinity, future));
  return Number.isFinite(t) ? t : null;
}

export async function markNudge(db: SidecarDb, id: string, action: { done: true } | { snooze: SnoozeOption } | { dismissDeal: string }, env: { now: number; locale: string }): Promise<number | null> {
  const row: NudgeState =
    'done' in action
      ? { id, state: 'done', until: null, updatedAt: env.now }
      : 'snooze' in action
        ? { id, state: 'snoozed', until: snoozeUntil(action.snooze, env.now, (await loadSettings(db, env.locale)).nudges.schedule), updatedAt: env.now }
        : { id: `deal:${action.dismissDeal}`, state: 'dismissed', until: null, updatedAt: env.now };
  await db.nudgeStates.put(row);
  return row.until;
}
