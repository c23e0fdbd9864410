import type { ActivityKind } from './records';

// A small per-contact summary, kept up to date as activities are written, so the
// nudge engine never has to load a contact's activities (1,000,000 of them in
// the budget). Pure: `summarize` folds one activity in; `summarizeAll` rebuilds.

export interface ContactSummary {
  contactId: string;
  createdAt: number;
  /** Earliest outbound touch (email, LinkedIn, call) ever. */
  firstOutboundAt: number | null;
  /** Latest outbound touch. */
  lastOutboundAt: number | null;
  /** Latest sign of life from them: an inbound message (any channel) or a meeting. */
  lastInboundAt: number | null;
  /** Who wrote the latest email of the thread(s) with this contact. */
  lastEmailFrom: 'them' | 'rep' | null;
  lastEmailAt: number | null;
  /** Outbound touches strictly after `lastInboundAt` (all of them when there is no inbound). */
  outboundSinceInbound: number;
  /**
   * Earliest activity dated more than FUTURE_TOLERANCE_MS after `now` when it was folded in: not applied yet,
   * flagged. The earliest, because it is the next one to apply: the background rebuilds the summary when it
   * falls due (lib/services/summaries.ts applyDueFutureActivities), and the rebuild flags the next one.
   */
  futureActivityAt: number | null;
}

export interface SummaryActivity {
  kind: ActivityKind;
  direction: 'in' | 'out' | 'none';
  channel: string;
  at: number;
  deletedAt?: number | null;
}

/** Clock skew tolerated before an activity counts as "dated in the future". */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

const TOUCH_CHANNELS: ReadonlySet<string> = new Set(['email', 'linkedin', 'phone']);

export function emptySummary(contactId: string, createdAt: number): ContactSummary {
  return {
    contactId,
    createdAt,
    firstOutboundAt: null,
    lastOutboundAt: null,
    lastInboundAt: null,
    lastEmailFrom: null,
    lastEmailAt: null,
    outboundSinceInbound: 0,
    futureActivityAt: null,
  };
}

/** An outbound touch: direction 'out' on email, LinkedIn or phone (calls count; notes and stage changes do not). */
export function isOutboundTouch(a: Pick<SummaryActivity, 'direction' | 'channel'>): boolean {
  return a.direction === 'out' && TOUCH_CHANNELS.has(a.channel);
}

/** A response from them: anything inbound, or a meeting (which also answers the outreach). */
export function isInboundResponse(a: Pick<SummaryActivity, 'kind' | 'direction'>): boolean {
  return a.direction === 'in' || a.kind === 'meeting';
}

function usable(a: SummaryActivity): boolean {
  return (a.deletedAt === undefined || a.deletedAt === null) && Number.isFinite(a.at);
}

function isFuture(a: SummaryActivity, now: number): boolean {
  return a.at > now + FUTURE_TOLERANCE_MS;
}

const max = (a: number | null, b: number) => (a === null || b > a ? b : a);
const min = (a: number | null, b: number) => (a === null || b < a ? b : a);

/**
 * Folds one activity into the summary. The timestamp fields (first/last touch,
 * last inbound, last email and who wrote it, future flag) are plain max/min, so
 * any order of the same activities gives the same values; email ties at the same
 * millisecond go to the rep. `outboundSinceInbound` is exact only when activities
 * arrive in time order, which is why the product always rebuilds with
 * `summarizeAll` (it sorts first). Deleted activities are ignored.
 */
export function summarize(prev: ContactSummary, activity: SummaryActivity, now: number): ContactSummary {
  if (!usable(activity)) return prev;
  const at = activity.at;
  if (isFuture(activity, now)) {
    const f = min(prev.futureActivityAt, at);
    return f === prev.futureActivityAt ? prev : { ...prev, futureActivityAt: f };
  }
  const next: ContactSummary = { ...prev };
  if (isOutboundTouch(activity)) {
    next.firstOutboundAt = min(prev.firstOutboundAt, at);
    next.lastOutboundAt = max(prev.lastOutboundAt, at);
    if (prev.lastInboundAt === null || at > prev.lastInboundAt) next.outboundSinceInbound = prev.outboundSinceInbound + 1;
  } else if (isInboundResponse(activity)) {
    if (prev.lastInboundAt === null || at > prev.lastInboundAt) {
      next.lastInboundAt = at;
      if (prev.lastOutboundAt === null || at >= prev.lastOutboundAt) next.outboundSinceInbound = 0;
      // Late-arriving inbound older than the latest touch: at least that touch came after it
      // (summarizeAll never gets here: it folds in time order).
      else next.outboundSinceInbound = 1;
    }
  }
  if (activity.channel === 'email' && (activity.direction === 'in' || activity.direction === 'out')) {
    const from = activity.direction === 'in' ? 'them' : 'rep';
    if (prev.lastEmailAt === null || at > prev.lastEmailAt || (at === prev.lastEmailAt && from === 'rep')) {
      next.lastEmailAt = at;
      next.lastEmailFrom = from;
    }
  }
  return next;
}

/**
 * True when a flagged future-dated activity has become current (the clock caught
 * up, or was wrong before): rebuild so it is applied. The index on
 * `futureActivityAt` finds these summaries; this decides each.
 */
export function futureActivityDue(summary: ContactSummary, now: number): boolean {
  return summary.futureActivityAt !== null && summary.futureActivityAt <= now + FUTURE_TOLERANCE_MS;
}

/** Rebuilds a summary from a contact's activities, in any order: sorts by time and folds. */
export function summarizeAll(
  contactId: string,
  createdAt: number,
  activities: Iterable<SummaryActivity>,
  now: number,
): ContactSummary {
  const list: SummaryActivity[] = [];
  for (const a of activities) if (usable(a)) list.push(a);
  list.sort((a, b) => a.at - b.at);
  let s = emptySummary(contactId, createdAt);
  for (const a of list) s = summarize(s, a, now);
  return s;
}
