import { z } from 'zod';
import type { ContactSummary } from './activity-summary';
import { bantCompleteness, type Bant } from './bant';
import type { DealStatus } from './records';
import {
  addLocalDays,
  addWorkingDays,
  addWorkingHours,
  nextWorkingMoment,
  WorkScheduleSchema,
  type WorkSchedule,
} from './working-time';

// Pipeline hygiene nudges (docs/sales-method.md, "Follow-up").
// Pure: given a contact's summary (lib/domain/activity-summary), its deal, per-stage
// statistics, the settings and `now`. Due times depend only on the data, never on
// `now`, and every nudge id names one INSTANCE (e.g. the inbound email being
// waited on), so recomputing at any time, after a clock jump backwards or a week
// asleep, yields the same ids: nothing duplicated, nothing lost.

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const DEFAULT_STAGE_LIMIT_DAYS: Record<string, number> = {
  contact: 7,
  qualification: 14,
  meeting: 14,
  proposal: 21,
  closing: 30,
};
/**
 * Bump when what upcomingNudges returns for the same input changes (a rule, a
 * sentence's params). The engine recomputes a stored contact only when the
 * digest of its inputs moves, and this version is part of that digest. The
 * "rules pin" test in nudges.test.ts fails on a change made without a bump.
 */
export const NUDGE_RULES_VERSION = 1;

export const DEFAULT_CADENCE_DAYS = [2, 4, 7, 12, 20, 30, 45, 60];

const Days = z.number().positive().max(3650);

export const NudgeSettingsSchema = z.object({
  /** A lead with no outbound touch this many working days after it was created. */
  neverFollowedUpDays: z.number().min(0).max(365).default(1),
  /** Their email unanswered this many hours, counted on working days only. */
  awaitingReplyHours: z.number().min(0).max(24 * 365).default(24),
  /** Day of each touch of a sequence (strictly increasing); length = number of touches. */
  cadenceDays: z
    .array(Days)
    .min(1)
    .max(30)
    .refine((c) => c.every((d, i) => i === 0 || d > c[i - 1]!), 'cadence days must be strictly increasing')
    .default(() => [...DEFAULT_CADENCE_DAYS]),
  /** An open deal with nothing from them for this many days. */
  goneQuietDays: Days.default(14),
  /** Stuck when in the stage longer than factor × the median time deals spent there. */
  stuckFactor: z.number().positive().max(100).default(1.5),
  /** Below this many finished stays in a stage, the configured limit is used instead of the median. */
  stuckMinSamples: z.number().int().min(1).max(1_000_000).default(5),
  /** Per-stage limit in days when history is thin; a stage without one is never "stuck" by limit. */
  stageLimitDays: z.record(z.string().min(1).max(64), Days).default(() => ({ ...DEFAULT_STAGE_LIMIT_DAYS })),
  schedule: WorkScheduleSchema.default(() => WorkScheduleSchema.parse({})),
});
export type NudgeSettings = z.infer<typeof NudgeSettingsSchema>;

export const DEFAULT_NUDGE_SETTINGS: NudgeSettings = NudgeSettingsSchema.parse({});

export const NUDGE_KINDS = [
  'never_followed_up',
  'awaiting_reply',
  'follow_up_due',
  'gone_quiet',
  'stuck',
  'missing_details',
  'sales_ready',
] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** The settings that tune when a rule fires, one number each (the rep edits them in the options page). */
export const NUDGE_NUMBER_SETTINGS = ['neverFollowedUpDays', 'awaitingReplyHours', 'goneQuietDays', 'stuckFactor'] as const satisfies readonly (keyof NudgeSettings)[];
export type NudgeNumberSetting = (typeof NUDGE_NUMBER_SETTINGS)[number];

export const NUDGE_PRIORITY: Record<NudgeKind, number> = {
  awaiting_reply: 1,
  sales_ready: 1,
  follow_up_due: 2,
  never_followed_up: 2,
  gone_quiet: 3,
  stuck: 3,
  missing_details: 4,
};

export interface Nudge {
  /** Deterministic: identifies the instance, e.g. "awaiting_reply:<contactId>:<lastEmailAt>". */
  id: string;
  kind: NudgeKind;
  contactId: string;
  dealId: string | null;
  /** An i18n key and the numbers for its sentence (see WHY_ELAPSED). */
  why: { key: NudgeWhyKey; params: Record<string, string | number> };
  /** Epoch ms; never inside quiet hours or on a non-working day. */
  dueAt: number;
  /** 1 = highest … 5. */
  priority: number;
}

export interface StageStat {
  median: number;
  samples: number;
}

export interface NudgeDeal {
  id: string;
  stageId: string;
  status: DealStatus;
  stageEnteredAt: number;
  valueMinor: number;
  expectedCloseAt: number | null;
  bant: Bant | null;
  /** How many BANT parts are known, when only the count is at hand (packed facts); else counted from `bant`. */
  bantKnown?: number;
  /** When the deal was created: the "gone quiet" anchor while nothing came from them. Defaults to the contact's creation. */
  createdAt?: number;
}

export interface NudgeInput {
  contact: { id: string; createdAt: number };
  summary: ContactSummary;
  deal: NudgeDeal | null;
  /** Stage ids in pipeline order (settings.stages). */
  stageOrder: readonly string[];
  stats: ReadonlyMap<string, StageStat>;
  /**
   * Whether the lead score is at or above the threshold. The object form adds the
   * numbers for the sentence and, with `since` (when it crossed), makes a later
   * re-crossing a new instance.
   */
  salesReady: boolean | { score: number; threshold: number; since?: number | null };
  settings: NudgeSettings;
  now: number;
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Every why key (an i18n key: the sentences live in lib/i18n, one per
 * language) with the number its sentence counts from the stored `since`, if
 * any. Stored params hold only data (`since`: the epoch ms the sentence counts
 * from), never `now`, so a stored nudge stays the same from one day to the
 * next and a daily pass rewrites nothing; the elapsed number each sentence
 * shows is derived by `whyAt` when it is displayed.
 */
const WHY_ELAPSED = {
  'nudge.why.neverFollowedUp': ['daysSinceCreated', DAY_MS],
  'nudge.why.awaitingReply': ['waitedHours', HOUR_MS],
  'nudge.why.followUpDue': ['daysSinceLast', DAY_MS],
  'nudge.why.cadenceDone': ['daysSinceLast', DAY_MS],
  'nudge.why.goneQuiet': ['silentDays', DAY_MS],
  'nudge.why.stuck': ['days', DAY_MS],
  'nudge.why.stuckLimit': ['days', DAY_MS],
  'nudge.why.missingDetails': null,
  'nudge.why.salesReady': null,
  'nudge.why.salesReadyThreshold': null,
} as const satisfies Record<string, readonly [param: string, unitMs: number] | null>;
export type NudgeWhyKey = keyof typeof WHY_ELAPSED;
export const NUDGE_WHY_KEYS = Object.keys(WHY_ELAPSED) as NudgeWhyKey[];

/** The why with its elapsed-time number as of `now` (e.g. waitedHours), ready for its sentence. */
export function whyAt(why: Nudge['why'], now: number): Nudge['why'] {
  // A stored nudge may come from an older version: its key is checked, not trusted.
  const elapsed = hasOwn(WHY_ELAPSED, why.key) ? WHY_ELAPSED[why.key] : null;
  const since = why.params.since;
  if (!elapsed || typeof since !== 'number') return why;
  return { key: why.key, params: { ...why.params, [elapsed[0]]: Math.max(0, Math.floor((now - since) / elapsed[1])) } };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Every nudge that applies to this contact/deal, whether due yet or not: the nudge
 * pass stores them all, and the badge and lists read the due ones (dueAt ≤ now)
 * along the dueAt index, so a nudge falls due without being computed again.
 */
export function upcomingNudges(input: NudgeInput): Nudge[] {
  const { contact, summary: s, deal, settings } = input;
  const schedule = settings.schedule;
  const out: Nudge[] = [];
  const dealId = deal?.id ?? null;
  const closed = deal !== null && deal.status !== 'open';
  const openDeal = deal !== null && deal.status === 'open' ? deal : null;
  const push = (kind: NudgeKind, id: string, rawDue: number, key: NudgeWhyKey, params: Record<string, string | number>, forDeal = dealId) => {
    out.push({ id, kind, contactId: contact.id, dealId: forDeal, why: { key, params }, dueAt: nextWorkingMoment(rawDue, schedule), priority: NUDGE_PRIORITY[kind] });
  };

  // Waiting for your reply: their email is the latest and no touch of ours came after it.
  // Kept even on won/lost deals: someone is waiting for an answer.
  const awaiting =
    s.lastEmailFrom === 'them' && s.lastEmailAt !== null && (s.lastOutboundAt === null || s.lastOutboundAt < s.lastEmailAt);
  if (awaiting) {
    const at = s.lastEmailAt!;
    push('awaiting_reply', `awaiting_reply:${contact.id}:${at}`, addWorkingHours(at, settings.awaitingReplyHours, schedule), 'nudge.why.awaitingReply', {
      hours: settings.awaitingReplyHours,
      since: at,
    });
  }

  // Never followed up (the awaiting-reply nudge already says it when they wrote first).
  if (!closed && s.firstOutboundAt === null && !awaiting) {
    push(
      'never_followed_up',
      `never_followed_up:${contact.id}:${contact.createdAt}`,
      addWorkingDays(contact.createdAt, settings.neverFollowedUpDays, schedule),
      'nudge.why.neverFollowedUp',
      { days: settings.neverFollowedUpDays, since: contact.createdAt },
    );
  }

  // Follow-up due: unanswered touches, next one by the cadence; after the last, suggest Lost or parking.
  if (
    !closed &&
    s.outboundSinceInbound >= 1 &&
    s.lastOutboundAt !== null &&
    (s.lastInboundAt === null || s.lastInboundAt < s.lastOutboundAt)
  ) {
    const c = settings.cadenceDays;
    const n = s.outboundSinceInbound;
    const sequence = `follow_up_due:${contact.id}:${s.lastInboundAt ?? 0}`;
    if (n < c.length) {
      const gap = c[n]! - c[n - 1]!;
      push('follow_up_due', `${sequence}:${n + 1}`, addLocalDays(s.lastOutboundAt, gap), 'nudge.why.followUpDue', {
        touch: n + 1,
        total: c.length,
        touchesMade: n,
        gapDays: gap,
        since: s.lastOutboundAt,
      });
    } else {
      // Give the last touch the cadence's last gap to be answered before suggesting Lost.
      const gap = c.length >= 2 ? c[c.length - 1]! - c[c.length - 2]! : c[0]!;
      push('follow_up_due', `${sequence}:done`, addLocalDays(s.lastOutboundAt, gap), 'nudge.why.cadenceDone', {
        touchesMade: n,
        total: c.length,
        gapDays: gap,
        since: s.lastOutboundAt,
        suggest: 'lost_or_park',
      });
    }
  }

  // Sales-ready: the lead score crossed the threshold.
  if (!closed && input.salesReady) {
    const sr = typeof input.salesReady === 'object' ? input.salesReady : null;
    const since = sr?.since ?? null;
    push(
      'sales_ready',
      since === null ? `sales_ready:${contact.id}` : `sales_ready:${contact.id}:${since}`,
      since ?? contact.createdAt,
      sr ? 'nudge.why.salesReadyThreshold' : 'nudge.why.salesReady',
      // Not the score itself: it decays by the hour, and a stored nudge must not change with time.
      sr ? { threshold: sr.threshold } : {},
    );
  }

  if (openDeal) {
    const d = openDeal;
    // Gone quiet: nothing from them for N days (future-dated activities never count: the summary
    // keeps them out, and the nudge carries the flag). Not while they wait for our reply.
    if (!awaiting) {
      const anchor = s.lastInboundAt ?? d.createdAt ?? contact.createdAt;
      const params: Record<string, string | number> = { days: settings.goneQuietDays, since: anchor };
      if (s.futureActivityAt !== null) params.futureActivityAt = s.futureActivityAt;
      push('gone_quiet', `gone_quiet:${d.id}:${anchor}`, addLocalDays(anchor, settings.goneQuietDays), 'nudge.why.goneQuiet', params);
    }

    // Stuck: longer than factor × the median stay, or the configured limit when history is thin.
    const stat = input.stats.get(d.stageId);
    const stuckId = `stuck:${d.id}:${d.stageEnteredAt}`;
    if (stat && stat.samples >= settings.stuckMinSamples && stat.median > 0) {
      const limitMs = settings.stuckFactor * stat.median;
      push('stuck', stuckId, d.stageEnteredAt + limitMs, 'nudge.why.stuck', {
        since: d.stageEnteredAt,
        medianDays: round1(stat.median / DAY_MS),
        factor: settings.stuckFactor,
        limitDays: round1(limitMs / DAY_MS),
        samples: stat.samples,
        stageId: d.stageId,
      });
    } else if (hasOwn(settings.stageLimitDays, d.stageId)) {
      const limit = settings.stageLimitDays[d.stageId]!;
      push('stuck', stuckId, addLocalDays(d.stageEnteredAt, limit), 'nudge.why.stuckLimit', {
        since: d.stageEnteredAt,
        limitDays: limit,
        samples: stat?.samples ?? 0,
        stageId: d.stageId,
      });
    }

    // Missing details: past Qualification with BANT incomplete, no value or no close date.
    const qi = input.stageOrder.indexOf('qualification');
    const boundary = qi >= 0 ? qi : 1; // a pipeline without the built-in stage: its second stage
    const si = input.stageOrder.indexOf(d.stageId);
    if (si > boundary) {
      const known = d.bantKnown ?? bantCompleteness(d.bant);
      const missing: string[] = [];
      if (known < 4) missing.push('bant');
      if (!(d.valueMinor > 0)) missing.push('value');
      if (d.expectedCloseAt === null) missing.push('closeDate');
      if (missing.length > 0) {
        push('missing_details', `missing_details:${d.id}:${d.stageEnteredAt}`, d.stageEnteredAt, 'nudge.why.missingDetails', {
          missing: missing.join(', '),
          missingCount: missing.length,
          bantKnown: known,
          stageId: d.stageId,
        });
      }
    }
  }

  out.sort(compareNudges);
  return out;
}

/** Priority first, then the earliest due, then id: a stable order for lists. */
export function compareNudges(a: Nudge, b: Nudge): number {
  return a.priority - b.priority || a.dueAt - b.dueAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}


/**
 * Median stay per stage from stage-history intervals (streamed by the caller;
 * only the numbers are kept). Negative or non-finite intervals, e.g. from a clock
 * that moved backwards, are skipped.
 */
export function stageStats(durations: Iterable<{ stageId: string; ms: number }>): Map<string, StageStat> {
  const byStage = new Map<string, number[]>();
  for (const { stageId, ms } of durations) {
    if (!Number.isFinite(ms) || ms < 0) continue;
    let list = byStage.get(stageId);
    if (!list) byStage.set(stageId, (list = []));
    list.push(ms);
  }
  const out = new Map<string, StageStat>();
  for (const [stageId, list] of byStage) {
    list.sort((a, b) => a - b);
    const mid = list.length >> 1;
    const median = list.length % 2 === 1 ? list[mid]! : (list[mid - 1]! + list[mid]!) / 2;
    out.set(stageId, { median, samples: list.length });
  }
  return out;
}

/**
 * Finished stays in a stage from stage changes ordered by deal, then time (e.g. a
 * [dealId+at] index walk): each change closes the stay in the stage the deal was in.
 * The current stage of each deal is not a finished stay and yields nothing, and
 * neither is the time a deal spent won or lost before it was reopened.
 */
export function* stageIntervals(
  changes: Iterable<{ dealId: string; toStageId: string; at: number; status?: 'open' | 'won' | 'lost' }>,
): Generator<{ stageId: string; ms: number }> {
  let deal: string | null = null;
  let stage: string | null = null;
  let since = 0;
  for (const c of changes) {
    if (c.dealId === deal && stage !== null) yield { stageId: stage, ms: c.at - since };
    deal = c.dealId;
    stage = (c.status ?? 'open') === 'open' ? c.toStageId : null;
    since = c.at;
  }
}

export interface NudgeState {
  doneIds: ReadonlySet<string>;
  snoozedUntil: ReadonlyMap<string, number>;
  dismissedDeals: ReadonlySet<string>;
}

/** Whether to show a nudge: not done, not snoozed past `now`, its deal not dismissed forever, and due. */
export function isActive(nudgeId: string, state: NudgeState, nudge: Pick<Nudge, 'dealId'> & Partial<Pick<Nudge, 'dueAt'>>, now: number): boolean {
  if (state.doneIds.has(nudgeId)) return false;
  const until = state.snoozedUntil.get(nudgeId);
  if (until !== undefined && until > now) return false;
  if (nudge.dealId !== null && state.dismissedDeals.has(nudge.dealId)) return false;
  if (nudge.dueAt !== undefined && nudge.dueAt > now) return false;
  return true;
}

export type SnoozeOption = '1d' | '3d' | 'nextWeek' | number;

/**
 * When a snooze ends: '1d' / '3d' = the same wall-clock time 1 or 3 days later
 * (moved out of quiet hours and non-working days); 'nextWeek' = 09:00 local on the
 * first working day of next week (Monday with the default schedule; weeks start on
 * Monday); a number = that exact epoch ms.
 */
export function snoozeUntil(option: SnoozeOption, now: number, schedule: WorkSchedule): number {
  if (typeof option === 'number') {
    if (!Number.isFinite(option)) throw new RangeError(`snooze time must be finite, got ${option}`);
    return option;
  }
  if (option === '1d') return nextWorkingMoment(addLocalDays(now, 1), schedule);
  if (option === '3d') return nextWorkingMoment(addLocalDays(now, 3), schedule);
  const d = new Date(now);
  const toMonday = ((8 - d.getDay()) % 7) || 7; // Sunday → 1, Monday → 7, Saturday → 2
  const working = new Set(schedule.workingDays);
  for (let i = 0; i < 7; i++) {
    const day = new Date(d.getFullYear(), d.getMonth(), d.getDate() + toMonday + i, 9, 0, 0, 0);
    if (working.has(day.getDay()) || working.size === 0) return nextWorkingMoment(day.getTime(), schedule);
  }
  return nextWorkingMoment(new Date(d.getFullYear(), d.getMonth(), d.getDate() + toMonday, 9).getTime(), schedule);
}
