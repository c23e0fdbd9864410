import { bantCompleteness, type Bant } from './bant';
import { DAY_MS, qualificationIndex } from './metrics';
import { stageIntervals, stageStats, type NudgeSettings } from './nudges';
import type { DealStatus } from './records';

// The agenda of the weekly pipeline meeting the sales method recommends
// (docs/sales-method.md, "Pipeline review"): for one week, the deals that moved and
// where, the ones won and what decided them, the ones lost and why, the ones
// gone quiet or stuck longer than usual, and the records missing details.
// Pure: the deals, their stage history and `now` come in.

export interface ReviewDeal {
  id: string;
  contactId: string;
  createdAt: number;
  deletedAt: number | null;
  status: DealStatus;
  stageId: string;
  stageEnteredAt: number;
  closedAt: number | null;
  valueMinor: number;
  currency: string;
  lostReason: string | null;
  expectedCloseAt: number | null;
  bant: Bant | null;
}

export interface ReviewChange {
  dealId: string;
  fromStageId: string | null;
  toStageId: string;
  status: DealStatus;
  at: number;
  reason: string | null;
}

/** Something that happened before a win: an accepted stage signal ("asked for the contract") or a touch. */
export interface ReviewEvidence {
  source: 'signal' | 'activity';
  /** A trigger kind or an activity kind. */
  kind: string;
  text: string | null;
  at: number;
}

export interface ReviewInput {
  deals: readonly ReviewDeal[];
  /** The whole stage history, any order. */
  changes: readonly ReviewChange[];
  stageOrder: readonly string[];
  /** Each contact's latest message or touch from them (activity summaries). */
  lastInboundAt: ReadonlyMap<string, number>;
  /** For won deals: their accepted signals and touches (only these are read). */
  evidence?: ReadonlyMap<string, readonly ReviewEvidence[]>;
  nudges: Pick<NudgeSettings, 'goneQuietDays' | 'stuckFactor' | 'stuckMinSamples' | 'stageLimitDays'>;
  /** The week: [from, to). */
  from: number;
  to: number;
  now: number;
}

export interface ReviewMove {
  dealId: string;
  contactId: string;
  /** Where it was before its first move of the week, and where it stood after the last. */
  fromStageId: string;
  toStageId: string;
  /** Moves in the week (a deal may move twice). */
  steps: number;
  forward: boolean;
  at: number;
}

export type ReviewDecider =
  | { kind: 'reason'; text: string }
  | { kind: 'signal'; trigger: string; text: string | null; at: number }
  | { kind: 'activity'; activity: string; text: string | null; at: number };

export interface ReviewWon {
  dealId: string;
  contactId: string;
  at: number;
  /** The stage it was won from. */
  stageId: string;
  valueMinor: number;
  currency: string;
  /** Created → won. */
  cycleDays: number;
  decidedBy: ReviewDecider | null;
}

export interface ReviewLost {
  dealId: string;
  contactId: string;
  at: number;
  stageId: string;
  reason: string | null;
  valueMinor: number;
  currency: string;
}

export interface ReviewStale {
  dealId: string;
  contactId: string;
  /** Its stage at the end of the week. */
  stageId: string;
  /** Days since they last wrote, when that is past the "gone quiet" limit. */
  quietDays: number | null;
  /** Days in its stage, when longer than usual, and the limit it passed. */
  stuckDays: number | null;
  stuckLimitDays: number | null;
}

export const MISSING_DETAILS = ['bant', 'value', 'closeDate'] as const;
export type MissingDetail = (typeof MISSING_DETAILS)[number];

export interface ReviewMissing {
  dealId: string;
  contactId: string;
  stageId: string;
  missing: MissingDetail[];
}

export interface PipelineReview {
  from: number;
  to: number;
  /** Deals created in the week. */
  added: { dealId: string; contactId: string; at: number }[];
  moved: ReviewMove[];
  won: ReviewWon[];
  lost: ReviewLost[];
  stale: ReviewStale[];
  missing: ReviewMissing[];
}

/** Monday 00:00 local time of the week holding `t` (the method's weekly meeting; weeks start on Monday). */
export function weekStart(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d.getTime();
}

/** The week starting at `start` (a Monday from weekStart), `offset` weeks later: [from, to). */
export function weekRange(start: number, offset = 0): { from: number; to: number } {
  const a = new Date(start);
  a.setDate(a.getDate() + 7 * offset);
  const b = new Date(a);
  b.setDate(b.getDate() + 7);
  return { from: a.getTime(), to: b.getTime() };
}

interface StateAt {
  status: DealStatus;
  stageId: string;
  enteredAt: number;
}

/** Where a deal stood at `at`, read from its history (sorted by time); null when it did not exist yet. */
function stateAt(deal: ReviewDeal, changes: readonly ReviewChange[], at: number): StateAt | null {
  if (deal.createdAt > at) return null;
  let last: ReviewChange | undefined;
  for (const c of changes) {
    if (c.at > at) break;
    last = c;
  }
  if (last) return { status: last.status, stageId: last.toStageId, enteredAt: last.at };
  // No history (an imported deal): what the record says, if it says so of that moment.
  const closed = deal.status !== 'open' && deal.closedAt !== null && deal.closedAt <= at;
  return { status: closed ? deal.status : 'open', stageId: deal.stageId, enteredAt: deal.stageEnteredAt <= at ? deal.stageEnteredAt : deal.createdAt };
}

function decider(closeReason: string | null, evidence: readonly ReviewEvidence[] | undefined, closedAt: number): ReviewDecider | null {
  const reason = closeReason?.trim();
  if (reason) return { kind: 'reason', text: reason };
  let signal: ReviewEvidence | undefined;
  let touch: ReviewEvidence | undefined;
  for (const e of evidence ?? []) {
    if (e.at > closedAt) continue;
    if (e.source === 'signal' && (!signal || e.at > signal.at)) signal = e;
    if (e.source === 'activity' && e.kind !== 'stage_change' && (!touch || e.at > touch.at)) touch = e;
  }
  if (signal) return { kind: 'signal', trigger: signal.kind, text: signal.text, at: signal.at };
  if (touch) return { kind: 'activity', activity: touch.kind, text: touch.text, at: touch.at };
  return null;
}

const byValue = (a: { valueMinor: number; dealId: string }, b: { valueMinor: number; dealId: string }) => b.valueMinor - a.valueMinor || (a.dealId < b.dealId ? -1 : 1);

export function pipelineReview(input: ReviewInput): PipelineReview {
  const { from, to, stageOrder, nudges } = input;
  const indexOf = new Map(stageOrder.map((id, i) => [id, i]));
  const live = input.deals.filter((d) => d.deletedAt === null);
  const liveIds = new Set(live.map((d) => d.id));
  const changesOf = new Map<string, ReviewChange[]>();
  for (const c of input.changes) {
    if (!liveIds.has(c.dealId)) continue;
    const list = changesOf.get(c.dealId);
    if (list) list.push(c);
    else changesOf.set(c.dealId, [c]);
  }
  const sorted: ReviewChange[] = [];
  for (const list of changesOf.values()) {
    list.sort((a, b) => a.at - b.at);
    sorted.push(...list);
  }
  // "Longer than usual": the same rule as the stuck nudge, over the whole history.
  const stats = stageStats(stageIntervals(sorted));
  // The end of the week, or now for the week under way.
  const end = Math.min(to - 1, input.now);

  const out: PipelineReview = { from, to, added: [], moved: [], won: [], lost: [], stale: [], missing: [] };
  const qi = qualificationIndex(stageOrder);
  for (const d of live) {
    const changes = changesOf.get(d.id) ?? [];
    if (d.createdAt >= from && d.createdAt < to) out.added.push({ dealId: d.id, contactId: d.contactId, at: d.createdAt });

    let move: ReviewMove | null = null;
    let close: ReviewChange | null = null;
    for (const c of changes) {
      if (c.at < from || c.at >= to) continue;
      if (c.status === 'open' && c.fromStageId !== null && c.fromStageId !== c.toStageId) {
        if (!move) move = { dealId: d.id, contactId: d.contactId, fromStageId: c.fromStageId, toStageId: c.toStageId, steps: 0, forward: false, at: c.at };
        move.toStageId = c.toStageId;
        move.steps++;
        move.at = c.at;
      }
      if (c.status !== 'open') close = c;
      else if (close && c.at >= close.at) close = null; // reopened afterwards: not closed this week
    }
    if (move && move.fromStageId !== move.toStageId) {
      move.forward = (indexOf.get(move.toStageId) ?? -1) > (indexOf.get(move.fromStageId) ?? -1);
      out.moved.push(move);
    }
    // A close without history (an import): the record's own date.
    if (!close && changes.length === 0 && d.status !== 'open' && d.closedAt !== null && d.closedAt >= from && d.closedAt < to) {
      close = { dealId: d.id, fromStageId: d.stageId, toStageId: d.stageId, status: d.status, at: d.closedAt, reason: d.lostReason };
    }
    if (close?.status === 'won') {
      out.won.push({
        dealId: d.id,
        contactId: d.contactId,
        at: close.at,
        stageId: close.toStageId,
        valueMinor: d.valueMinor,
        currency: d.currency,
        cycleDays: Math.max(0, close.at - d.createdAt) / DAY_MS,
        decidedBy: decider(close.reason, input.evidence?.get(d.id), close.at),
      });
    } else if (close?.status === 'lost') {
      out.lost.push({
        dealId: d.id,
        contactId: d.contactId,
        at: close.at,
        stageId: close.toStageId,
        reason: close.reason?.trim() || d.lostReason?.trim() || null,
        valueMinor: d.valueMinor,
        currency: d.currency,
      });
    }

    // Gone quiet or stuck, as it stood at the end of the week.
    const state = stateAt(d, changes, end);
    if (state?.status === 'open') {
      const inbound = input.lastInboundAt.get(d.contactId);
      // They wrote after the week: whatever the silence was then, it is over.
      const heardSince = inbound !== undefined && inbound > end;
      const anchor = inbound ?? d.createdAt;
      const silent = (end - anchor) / DAY_MS;
      const quietDays = !heardSince && silent >= nudges.goneQuietDays ? Math.floor(silent) : null;
      const stat = stats.get(state.stageId);
      const limitDays =
        stat && stat.samples >= nudges.stuckMinSamples && stat.median > 0
          ? (nudges.stuckFactor * stat.median) / DAY_MS
          : Object.prototype.hasOwnProperty.call(nudges.stageLimitDays, state.stageId)
            ? nudges.stageLimitDays[state.stageId]!
            : null;
      const inStage = (end - state.enteredAt) / DAY_MS;
      const stuck = limitDays !== null && inStage > limitDays;
      if (quietDays !== null || stuck) {
        out.stale.push({
          dealId: d.id,
          contactId: d.contactId,
          stageId: state.stageId,
          quietDays,
          stuckDays: stuck ? Math.floor(inStage) : null,
          stuckLimitDays: stuck ? Math.round(limitDays! * 10) / 10 : null,
        });
      }
    }

    // Missing details: as the record is now (the missing-details nudge's rule), so the agenda says what to fix.
    if (d.status === 'open' && (indexOf.get(d.stageId) ?? -1) > qi) {
      const missing: MissingDetail[] = [];
      if (bantCompleteness(d.bant) < 4) missing.push('bant');
      if (!(d.valueMinor > 0)) missing.push('value');
      if (d.expectedCloseAt === null) missing.push('closeDate');
      if (missing.length) out.missing.push({ dealId: d.id, contactId: d.contactId, stageId: d.stageId, missing });
    }
  }
  out.added.sort((a, b) => a.at - b.at || (a.dealId < b.dealId ? -1 : 1));
  out.moved.sort((a, b) => Number(b.forward) - Number(a.forward) || a.at - b.at || (a.dealId < b.dealId ? -1 : 1));
  out.won.sort(byValue);
  out.lost.sort(byValue);
  const staleness = (s: ReviewStale) => Math.max(s.quietDays ?? 0, s.stuckDays ?? 0);
  out.stale.sort((a, b) => staleness(b) - staleness(a) || (a.dealId < b.dealId ? -1 : 1));
  out.missing.sort((a, b) => b.missing.length - a.missing.length || (indexOf.get(b.stageId) ?? 0) - (indexOf.get(a.stageId) ?? 0) || (a.dealId < b.dealId ? -1 : 1));
  return out;
}
