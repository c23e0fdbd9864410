// @vitest-environment node
process.env.TZ = 'Europe/Berlin';

import fc from 'fast-check';
import { translator } from '../i18n';
import { nudgeWhyText } from '../i18n/nudge-why';
import { emptySummary, summarizeAll, type ContactSummary, type SummaryActivity } from './activity-summary';
import { emptyBant, type Bant } from './bant';
import {
  DEFAULT_NUDGE_SETTINGS,
  isActive,
  NUDGE_WHY_KEYS,
  NUDGE_RULES_VERSION,
  NudgeSettingsSchema,
  snoozeUntil,
  stageIntervals,
  stageStats,
  upcomingNudges,
  whyAt,
  type Nudge,
  type NudgeDeal,
  type NudgeInput,
  type NudgeKind,
} from './nudges';

/** The due ones (dueAt ≤ now): what the badge and the lists show of what the pass stores. */
const nudgesFor = (input: NudgeInput): Nudge[] => upcomingNudges(input).filter((n) => n.dueAt <= input.now);
/** When the nudge of `kind` becomes due for this input, or null when its rule does not apply. */
const dueAtFor = (kind: NudgeKind, input: NudgeInput): number | null => upcomingNudges(input).find((n) => n.kind === kind)?.dueAt ?? null;
import { nudgeDigest } from './lead-facts';
import { ACTIVITY_DEFAULTS, type ActivityKind } from './records';
import { BUILTIN_STAGE_IDS } from './stages';
import { addLocalDays, isQuietTime, isWorkingDay } from './working-time';

// Node applies a runtime process.env.TZ change only in a process's main thread,
// which is why vitest.config.ts runs test files in forked workers.
const berlin = () => new Date(2026, 0, 15).getTimezoneOffset() === -60 && new Date(2026, 6, 15).getTimezoneOffset() === -120;
if (!berlin()) throw new Error('TZ=Europe/Berlin did not take effect: run vitest with pool "forks" (vitest.config.ts)');
suites();

function suites(): void {
  const MIN = 60_000;
  const H = 3_600_000;
  const DAY = 86_400_000;
  /** Local Berlin wall-clock time in 2026 (March 2 is a Monday). */
  const L = (mo: number, d: number, h = 0, mi = 0) => new Date(2026, mo - 1, d, h, mi).getTime();
  const S = DEFAULT_NUDGE_SETTINGS;
  const STAGES: readonly string[] = BUILTIN_STAGE_IDS;
  const C = { id: 'c1', createdAt: L(3, 2, 10) };

  const act = (kind: ActivityKind, at: number, extra: Partial<SummaryActivity> = {}): SummaryActivity => ({
    kind,
    ...ACTIVITY_DEFAULTS[kind],
    at,
    ...extra,
  });
  const fullBant = (): Bant => {
    const b = emptyBant();
    b.budget.state = 'yes';
    b.authority.state = 'yes';
    b.need.state = 'partial';
    b.timeline.state = 'no';
    return b;
  };
  const deal = (over: Partial<NudgeDeal> = {}): NudgeDeal => ({
    id: 'd1',
    stageId: 'contact',
    status: 'open',
    stageEnteredAt: C.createdAt,
    valueMinor: 100_000,
    expectedCloseAt: L(6, 30),
    bant: fullBant(),
    createdAt: C.createdAt,
    ...over,
  });
  type Opts = Partial<Omit<NudgeInput, 'summary' | 'now'>> & { summaryAt?: number; contact?: NudgeInput['contact'] };
  const input = (now: number, acts: SummaryActivity[] = [], o: Opts = {}): NudgeInput => {
    const contact = o.contact ?? C;
    return {
      contact,
      summary: summarizeAll(contact.id, contact.createdAt, acts, o.summaryAt ?? now),
      deal: null,
      stageOrder: STAGES,
      stats: new Map(),
      salesReady: false,
      settings: S,
      ...o,
      now,
    };
  };
  const run = (now: number, acts: SummaryActivity[] = [], o: Opts = {}) => nudgesFor(input(now, acts, o));
  const ofKind = (list: Nudge[], k: NudgeKind) => list.filter((n) => n.kind === k);
  /** The nudge of `kind` is absent one minute before `dueAt` and present (once) at it. */
  const firesAt = (kind: NudgeKind, dueAt: number, acts: SummaryActivity[], o: Opts = {}): Nudge => {
    expect(ofKind(run(dueAt - MIN, acts, o), kind)).toEqual([]);
    const at = ofKind(run(dueAt, acts, o), kind);
    expect(at).toHaveLength(1);
    expect(at[0]!.dueAt).toBe(dueAt);
    expect(dueAtFor(kind, input(dueAt, acts, o))).toBe(dueAt);
    return at[0]!;
  };
  const hours = (t: number) => new Date(t).getHours();

  describe('settings', () => {
    it('has the documented defaults', () => {
      expect(NudgeSettingsSchema.parse({})).toEqual(DEFAULT_NUDGE_SETTINGS);
      expect(DEFAULT_NUDGE_SETTINGS).toEqual({
        neverFollowedUpDays: 1,
        awaitingReplyHours: 24,
        cadenceDays: [2, 4, 7, 12, 20, 30, 45, 60],
        goneQuietDays: 14,
        stuckFactor: 1.5,
        stuckMinSamples: 5,
        stageLimitDays: { contact: 7, qualification: 14, meeting: 14, proposal: 21, closing: 30 },
        schedule: { workingDays: [1, 2, 3, 4, 5], quietStart: '20:00', quietEnd: '08:00' },
      });
    });
    it('rejects a cadence that does not increase, and bad numbers', () => {
      expect(NudgeSettingsSchema.safeParse({ cadenceDays: [2, 2] }).success).toBe(false);
      expect(NudgeSettingsSchema.safeParse({ cadenceDays: [] }).success).toBe(false);
      expect(NudgeSettingsSchema.safeParse({ goneQuietDays: 0 }).success).toBe(false);
      expect(NudgeSettingsSchema.safeParse({ stuckMinSamples: 1.5 }).success).toBe(false);
      expect(NudgeSettingsSchema.safeParse({ stageLimitDays: { proposal: -1 } }).success).toBe(false);
    });
  });

  describe('never followed up', () => {
    it('fires one working day after creation, not a minute before', () => {
      const n = firesAt('never_followed_up', L(3, 3, 10), []);
      expect(n).toMatchObject({ id: `never_followed_up:c1:${C.createdAt}`, contactId: 'c1', dealId: null, priority: 2 });
      expect(n.why).toEqual({ key: 'nudge.why.neverFollowedUp', params: { days: 1, since: C.createdAt } });
      expect(whyAt(n.why, L(3, 3, 10)).params.daysSinceCreated).toBe(1);
    });
    it('skips the weekend and quiet hours', () => {
      const fri = { id: 'c1', createdAt: L(3, 6, 16) };
      expect(ofKind(run(L(3, 8, 23), [], { contact: fri }), 'never_followed_up')).toEqual([]);
      firesAt('never_followed_up', L(3, 9, 16), [], { contact: fri });
      const late = { id: 'c1', createdAt: L(3, 2, 21, 30) }; // due Tuesday 21:30 → quiet → Wednesday 08:00
      expect(ofKind(run(L(3, 3, 23), [], { contact: late }), 'never_followed_up')).toEqual([]);
      const n = firesAt('never_followed_up', L(3, 4, 8), [], { contact: late });
      expect(hours(n.dueAt)).toBe(8);
    });
    it('is gone after any touch, LinkedIn included', () => {
      expect(ofKind(run(L(3, 5, 10), [act('linkedin_connect', L(3, 4, 9))]), 'never_followed_up')).toEqual([]);
      expect(ofKind(run(L(3, 5, 10), [act('call', L(3, 4, 9))]), 'never_followed_up')).toEqual([]);
      expect(ofKind(run(L(3, 5, 10), [act('note', L(3, 4, 9))]), 'never_followed_up')).toHaveLength(1);
    });
  });

  describe('waiting for your reply', () => {
    const inbound = act('email_in', L(3, 6, 10)); // Friday 10:00
    const touched = [act('email_out', L(3, 2, 11)), inbound];

    it('fires 24 working hours after their email (Friday 10:00 → Monday 10:00)', () => {
      expect(ofKind(run(L(3, 8, 12), touched), 'awaiting_reply')).toEqual([]);
      const n = firesAt('awaiting_reply', L(3, 9, 10), touched);
      expect(n).toMatchObject({ id: `awaiting_reply:c1:${inbound.at}`, priority: 1 });
      expect(n.why).toEqual({ key: 'nudge.why.awaitingReply', params: { hours: 24, since: inbound.at } });
      expect(whyAt(n.why, L(3, 9, 10)).params).toEqual({ hours: 24, since: inbound.at, waitedHours: 72 });
    });
    it('is removed by replying, by email or another channel', () => {
      expect(ofKind(run(L(3, 9, 12), [...touched, act('email_out', L(3, 9, 11))]), 'awaiting_reply')).toEqual([]);
      expect(ofKind(run(L(3, 9, 12), [...touched, act('linkedin_message', L(3, 9, 11))]), 'awaiting_reply')).toEqual([]);
      // A note is not a reply.
      expect(ofKind(run(L(3, 9, 12), [...touched, act('note', L(3, 9, 11))]), 'awaiting_reply')).toHaveLength(1);
    });
    it('a newer email from them is a new instance', () => {
      const newer = act('email_in', L(3, 10, 9));
      const n = ofKind(run(L(3, 11, 9), [...touched, act('email_out', L(3, 9, 11)), newer]), 'awaiting_reply');
      expect(n.map((x) => x.id)).toEqual([`awaiting_reply:c1:${newer.at}`]);
    });
    it('an inbound-first lead gets the reply nudge, not also "never followed up"', () => {
      const list = run(L(3, 4, 10), [act('email_in', C.createdAt)]);
      expect(list.map((n) => n.kind)).toEqual(['awaiting_reply']);
    });
    it('keeps the wall-clock hour through the DST weeks in Berlin', () => {
      for (const [from, due] of [
        [L(3, 26, 15), L(3, 27, 15)],
        [L(3, 27, 15), L(3, 30, 15)],
        [L(10, 23, 15), L(10, 26, 15)],
        [L(10, 26, 15), L(10, 27, 15)],
      ] as const) {
        const n = firesAt('awaiting_reply', due, [act('email_out', L(3, 2, 11)), act('email_in', from)]);
        expect(hours(n.dueAt)).toBe(15);
      }
      expect(L(3, 30, 15) - L(3, 27, 15)).toBe(3 * DAY - H); // really across the switch
    });
  });

  describe('follow-up due', () => {
    const t1 = L(3, 2, 10);
    it('asks for touch 2 two days after touch 1, then touch 3 three days after touch 2', () => {
      const n = firesAt('follow_up_due', L(3, 4, 10), [act('email_out', t1)]);
      expect(n).toMatchObject({ id: 'follow_up_due:c1:0:2', priority: 2 });
      expect(n.why).toEqual({ key: 'nudge.why.followUpDue', params: { touch: 2, total: 8, touchesMade: 1, gapDays: 2, since: t1 } });
      expect(whyAt(n.why, L(3, 4, 10)).params.daysSinceLast).toBe(2);
      // Touch 2 on Wednesday 11:00 → touch 3 due Saturday 11:00 → moved to Monday 08:00.
      const acts = [act('email_out', t1), act('email_out', L(3, 4, 11))];
      expect(ofKind(run(L(3, 8, 12), acts), 'follow_up_due')).toEqual([]);
      expect(firesAt('follow_up_due', L(3, 9, 8), acts).id).toBe('follow_up_due:c1:0:3');
    });
    it('counts LinkedIn-only outreach as touches', () => {
      const acts = [act('linkedin_connect', t1), act('linkedin_message', L(3, 4, 10))];
      expect(run(L(3, 9, 7, 59), acts)).toEqual([]); // due Saturday 10:00 → Monday 08:00
      const list = run(L(3, 9, 8), acts);
      expect(list.map((n) => n.id)).toEqual(['follow_up_due:c1:0:3']);
      expect(list[0]!.why.params).toMatchObject({ touch: 3, touchesMade: 2 });
    });
    it('is reset by a response: an email (then it is our turn) or a meeting', () => {
      const touches = [act('email_out', t1), act('linkedin_message', L(3, 4, 10))];
      const replied = run(L(3, 20, 10), [...touches, act('email_in', L(3, 5, 10)), act('email_out', L(3, 5, 12))]);
      expect(ofKind(replied, 'follow_up_due').map((n) => n.id)).toEqual([`follow_up_due:c1:${L(3, 5, 10)}:2`]);
      const met = run(L(3, 20, 10), [...touches, act('meeting', L(3, 5, 10))]);
      expect(ofKind(met, 'follow_up_due')).toEqual([]);
      expect(ofKind(met, 'awaiting_reply')).toEqual([]);
      const wrote = run(L(3, 20, 10), [...touches, act('email_in', L(3, 5, 10))]);
      expect(wrote.map((n) => n.kind)).toEqual(['awaiting_reply']);
    });
    it('walks the whole cadence once per touch, then suggests Lost or parking', () => {
      const acts: SummaryActivity[] = [act('email_out', t1)];
      const seen: string[] = [];
      for (let guard = 0; guard < 20; guard++) {
        const next = upcomingNudges(input(acts[acts.length - 1]!.at, acts)).find((n) => n.kind === 'follow_up_due')!;
        const due = ofKind(run(next.dueAt, acts), 'follow_up_due');
        expect(due).toHaveLength(1);
        seen.push(due[0]!.id);
        if (due[0]!.why.key === 'nudge.why.cadenceDone') break;
        acts.push(act(acts.length % 2 ? 'linkedin_message' : 'email_out', next.dueAt)); // the rep follows up on time
      }
      expect(seen).toEqual([2, 3, 4, 5, 6, 7, 8].map((k) => `follow_up_due:c1:0:${k}`).concat('follow_up_due:c1:0:done'));
    });
    it('cadence exhausted: eight unanswered touches, then the last gap (15 days) before suggesting Lost', () => {
      const offsets = [0, 2, 5, 10, 18, 28, 43, 58];
      const acts = offsets.map((d) => act('email_out', addLocalDays(t1, d)));
      const last = acts[7]!.at; // Wednesday 29 April 10:00
      expect(new Date(last).getHours()).toBe(10);
      const n = firesAt('follow_up_due', L(5, 14, 10), acts);
      expect(n.id).toBe('follow_up_due:c1:0:done');
      expect(n.why).toEqual({
        key: 'nudge.why.cadenceDone',
        params: { touchesMade: 8, total: 8, gapDays: 15, since: last, suggest: 'lost_or_park' },
      });
      expect(whyAt(n.why, L(5, 14, 10)).params.daysSinceLast).toBe(15);
      expect(L(5, 14, 10) - last).toBe(15 * DAY);
      // A ninth touch keeps the same instance (not a new one per touch).
      const more = [...acts, act('call', L(5, 15, 10))];
      expect(ofKind(run(L(6, 1, 10), more), 'follow_up_due').map((x) => x.id)).toEqual(['follow_up_due:c1:0:done']);
    });
    it('stops once the deal is won or lost, but a waiting email still gets its nudge', () => {
      const lost = deal({ status: 'lost' });
      expect(run(L(3, 20, 10), [act('email_out', t1)], { deal: lost })).toEqual([]);
      const w = run(L(3, 20, 10), [act('email_out', t1), act('email_in', L(3, 5, 10))], { deal: lost, salesReady: true });
      expect(w.map((n) => [n.kind, n.dealId])).toEqual([['awaiting_reply', 'd1']]);
    });
  });

  describe('gone quiet', () => {
    const talked = [act('email_in', L(3, 2, 10)), act('email_out', L(3, 2, 11))];
    const quiet = (list: Nudge[]) => ofKind(list, 'gone_quiet');
    it('fires 14 days after the last inbound activity on an open deal', () => {
      const n = firesAt('gone_quiet', L(3, 16, 10), talked, { deal: deal() });
      expect(n).toMatchObject({ id: `gone_quiet:d1:${L(3, 2, 10)}`, dealId: 'd1', priority: 3 });
      expect(n.why).toEqual({ key: 'nudge.why.goneQuiet', params: { days: 14, since: L(3, 2, 10) } });
      expect(whyAt(n.why, L(3, 16, 10)).params.silentDays).toBe(14);
    });
    it('counts from the deal creation when nothing ever came in', () => {
      const n = firesAt('gone_quiet', L(3, 20, 9), [act('email_out', L(3, 6, 9))], { deal: deal({ createdAt: L(3, 6, 9) }) });
      expect(n.id).toBe(`gone_quiet:d1:${L(3, 6, 9)}`);
    });
    it('ignores a future-dated activity and flags it', () => {
      const now = L(3, 16, 10);
      const future = act('email_in', now + 2 * DAY);
      const inp = input(now, [...talked, future], { deal: deal() });
      expect(inp.summary.futureActivityAt).toBe(future.at);
      expect(inp.summary.lastInboundAt).toBe(L(3, 2, 10));
      const n = quiet(nudgesFor(inp));
      expect(n).toHaveLength(1);
      expect(n[0]!.why.params.futureActivityAt).toBe(future.at);
      expect(n[0]!.id).toBe(`gone_quiet:d1:${L(3, 2, 10)}`);
    });
    it('does not fire while they wait for our reply, nor on won/lost deals', () => {
      expect(quiet(run(L(4, 1, 10), [act('email_in', L(3, 2, 10))], { deal: deal() }))).toEqual([]);
      expect(run(L(6, 1, 10), talked, { deal: deal({ status: 'won', stageId: 'proposal', valueMinor: 0, bant: null }) })).toEqual([]);
    });
  });

  describe('stuck', () => {
    const entered = L(3, 2, 10);
    const proposal = deal({ stageId: 'proposal', stageEnteredAt: entered });
    const touched = [act('email_in', entered), act('email_out', entered + H)];
    const stats = (median: number, samples: number) => new Map([['proposal', { median, samples }]]);
    it('rich history: 1.5 × the median stay (2 days → 3 days)', () => {
      const n = firesAt('stuck', L(3, 5, 10), touched, { deal: proposal, stats: stats(2 * DAY, 5) });
      expect(n).toMatchObject({ id: `stuck:d1:${entered}`, priority: 3 });
      expect(n.why).toEqual({
        key: 'nudge.why.stuck',
        params: { since: entered, medianDays: 2, factor: 1.5, limitDays: 3, samples: 5, stageId: 'proposal' },
      });
      expect(whyAt(n.why, L(3, 5, 10)).params.days).toBe(3);
    });
    it('thin history: the configured limit for the stage (proposal: 21 days)', () => {
      const n = firesAt('stuck', L(3, 23, 10), touched, { deal: proposal, stats: stats(2 * DAY, 4) });
      expect(n.why).toEqual({ key: 'nudge.why.stuckLimit', params: { since: entered, limitDays: 21, samples: 4, stageId: 'proposal' } });
      expect(whyAt(n.why, L(3, 23, 10)).params.days).toBe(21);
      expect(ofKind(run(L(3, 23, 10), touched, { deal: proposal }), 'stuck')).toHaveLength(1); // no history at all
    });
    it('no limit and no history: never stuck; a new stage entry is a new instance', () => {
      const retention = deal({ stageId: 'retention', stageEnteredAt: entered });
      expect(ofKind(run(L(12, 1, 10), touched, { deal: retention }), 'stuck')).toEqual([]);
      const rich = new Map([['retention', { median: DAY, samples: 10 }]]);
      expect(ofKind(run(L(12, 1, 10), touched, { deal: retention, stats: rich }), 'stuck')).toHaveLength(1);
      const again = deal({ stageId: 'proposal', stageEnteredAt: L(4, 1, 10) });
      expect(ofKind(run(L(5, 1, 10), touched, { deal: again }), 'stuck').map((n) => n.id)).toEqual([`stuck:d1:${L(4, 1, 10)}`]);
    });
  });

  describe('missing details', () => {
    const entered = L(3, 2, 10);
    const now = L(3, 3, 10);
    const touched = [act('email_in', entered), act('email_out', entered + H)];
    const missing = (d: NudgeDeal) => ofKind(run(now, touched, { deal: d }), 'missing_details');
    it('lists what is missing past Qualification', () => {
      const [n] = missing(deal({ stageId: 'proposal', stageEnteredAt: entered, bant: emptyBant(), valueMinor: 0, expectedCloseAt: null }));
      expect(n).toMatchObject({ id: `missing_details:d1:${entered}`, priority: 4, dealId: 'd1', dueAt: entered });
      expect(n!.why).toEqual({
        key: 'nudge.why.missingDetails',
        params: { missing: 'bant, value, closeDate', missingCount: 3, bantKnown: 0, stageId: 'proposal' },
      });
      const b = fullBant();
      b.timeline.state = 'unknown';
      expect(missing(deal({ stageId: 'meeting', bant: b }))[0]!.why.params).toMatchObject({ missing: 'bant', bantKnown: 3 });
      expect(missing(deal({ stageId: 'closing', valueMinor: 0 }))[0]!.why.params.missing).toBe('value');
      expect(missing(deal({ stageId: 'closing', expectedCloseAt: null }))[0]!.why.params.missing).toBe('closeDate');
    });
    it('says nothing at or before Qualification, or when everything is there', () => {
      const bare = { bant: null, valueMinor: 0, expectedCloseAt: null };
      expect(missing(deal({ stageId: 'qualification', ...bare }))).toEqual([]);
      expect(missing(deal({ stageId: 'contact', ...bare }))).toEqual([]);
      expect(missing(deal({ stageId: 'unknown-stage', ...bare }))).toEqual([]);
      expect(missing(deal({ stageId: 'proposal' }))).toEqual([]);
    });
    it('is not due before the deal entered the stage (quiet hours respected)', () => {
      const late = L(3, 2, 22);
      const d = deal({ stageId: 'proposal', stageEnteredAt: late, valueMinor: 0 });
      firesAt('missing_details', L(3, 3, 8), touched, { deal: d });
    });
  });

  describe('sales-ready', () => {
    it('fires when the score crossed the threshold, with the numbers when given', () => {
      const now = L(3, 2, 12);
      const out = { deal: deal(), salesReady: true };
      const plain = ofKind(run(now, [act('email_out', C.createdAt)], out), 'sales_ready');
      expect(plain).toMatchObject([{ id: 'sales_ready:c1', priority: 1, why: { key: 'nudge.why.salesReady', params: {} } }]);
      const since = L(3, 2, 11);
      const withScore = ofKind(run(now, [act('email_out', C.createdAt)], { ...out, salesReady: { score: 72, threshold: 60, since } }), 'sales_ready');
      expect(withScore).toMatchObject([{ id: `sales_ready:c1:${since}`, dueAt: since, why: { key: 'nudge.why.salesReadyThreshold', params: { threshold: 60 } } }]);
      expect(ofKind(run(now, [], { salesReady: false }), 'sales_ready')).toEqual([]);
      expect(ofKind(run(now, [], { deal: deal({ status: 'won' }), salesReady: true }), 'sales_ready')).toEqual([]);
    });
  });

  describe('identity over time: no duplicates, nothing lost', () => {
    // Everything at once: unanswered touches, a stuck deal missing details, sales-ready.
    const acts = [act('email_in', L(3, 2, 9)), act('email_out', L(3, 2, 10)), act('linkedin_message', L(3, 4, 10))];
    const o: Opts = {
      deal: deal({ stageId: 'proposal', stageEnteredAt: L(3, 2, 9), valueMinor: 0 }),
      salesReady: true,
      summaryAt: L(3, 5, 0),
    };
    const ids = (now: number) => run(now, acts, o).map((n) => n.id);

    it('recomputing gives the same nudges', () => {
      const t = L(3, 30, 10);
      expect(run(t, acts, o)).toEqual(run(t, acts, o));
      expect(new Set(ids(t)).size).toBe(ids(t).length);
      expect(run(t, acts, o).map((n) => n.kind).sort()).toEqual(['follow_up_due', 'gone_quiet', 'missing_details', 'sales_ready', 'stuck']);
    });
    it('a clock moving backwards brings no new ids', () => {
      const t2 = L(3, 30, 10);
      const later = new Set(ids(t2));
      for (const t1 of [t2 - MIN, L(3, 20, 10), L(3, 9, 3), L(3, 5, 10), L(3, 1, 0)]) {
        const earlier = ids(t1);
        expect(new Set(earlier).size).toBe(earlier.length);
        for (const id of earlier) expect(later.has(id)).toBe(true);
      }
    });
    it('after a week asleep each instance appears once, and nothing that was due disappears', () => {
      const t = L(3, 16, 10);
      const before = ids(t);
      const after = ids(t + 7 * DAY);
      expect(new Set(after).size).toBe(after.length);
      for (const id of before) expect(after).toContain(id);
      const kinds = run(t + 7 * DAY, acts, o).map((n) => n.kind);
      expect(new Set(kinds).size).toBe(kinds.length);
    });
    it('sweeping the clock minute by minute and then a week at once give the same final set', () => {
      const seen = new Set<string>();
      for (let t = L(3, 2, 0); t <= L(3, 9, 0); t += 30 * MIN) for (const id of ids(t)) seen.add(id);
      expect([...seen].sort()).toEqual(ids(L(3, 9, 0)).sort());
    });
    it('property: nudgesFor never returns duplicate ids, and all are due and outside quiet hours', () => {
      const base = L(3, 2, 0);
      const t = fc.integer({ min: 0, max: 90 * 24 }).map((h) => base + h * H);
      const maybeT = fc.option(t, { nil: null });
      const summary = fc
        .record({
          firstOutboundAt: maybeT,
          lastOutboundAt: maybeT,
          lastInboundAt: maybeT,
          lastEmailFrom: fc.constantFrom('them' as const, 'rep' as const, null),
          lastEmailAt: maybeT,
          outboundSinceInbound: fc.integer({ min: 0, max: 12 }),
          futureActivityAt: maybeT,
        })
        .map((s): ContactSummary => ({ ...emptySummary('c1', base), ...s }));
      const dealArb = fc.option(
        fc.record({
          stageId: fc.constantFrom(...STAGES, 'custom'),
          status: fc.constantFrom('open' as const, 'won' as const, 'lost' as const),
          stageEnteredAt: t,
          valueMinor: fc.constantFrom(0, 5000),
          expectedCloseAt: maybeT,
          bant: fc.constantFrom(null, emptyBant(), fullBant()),
          createdAt: t,
        }).map((d): NudgeDeal => ({ id: 'd1', ...d })),
        { nil: null },
      );
      fc.assert(
        fc.property(summary, dealArb, fc.boolean(), t, fc.integer({ min: 0, max: 10 }), (s, d, ready, now, samples) => {
          const list = nudgesFor({
            contact: { id: 'c1', createdAt: base },
            summary: s,
            deal: d,
            stageOrder: STAGES,
            stats: new Map([['proposal', { median: 3 * DAY, samples }]]),
            salesReady: ready,
            settings: S,
            now,
          });
          expect(new Set(list.map((n) => n.id)).size).toBe(list.length);
          for (const n of list) {
            expect(n.dueAt).toBeLessThanOrEqual(now);
            expect(isWorkingDay(n.dueAt, S.schedule)).toBe(true);
            expect(isQuietTime(n.dueAt, S.schedule)).toBe(false);
            expect(n.id.startsWith(`${n.kind}:`)).toBe(true);
            expect(NUDGE_WHY_KEYS).toContain(n.why.key);
            if (d && d.status !== 'open') expect(['awaiting_reply']).toContain(n.kind);
          }
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('done, snoozed, dismissed', () => {
    const state = (o: Partial<{ done: string[]; snoozed: [string, number][]; dismissed: string[] }> = {}) => ({
      doneIds: new Set(o.done ?? []),
      snoozedUntil: new Map(o.snoozed ?? []),
      dismissedDeals: new Set(o.dismissed ?? []),
    });
    it('a snoozed nudge returns exactly when the snooze ends', () => {
      const acts = [act('email_out', L(3, 2, 11)), act('email_in', L(3, 3, 10))];
      const now = L(3, 4, 10);
      const [n] = run(now, acts);
      expect(n!.kind).toBe('awaiting_reply');
      const until = snoozeUntil('1d', now, S.schedule);
      expect(until).toBe(L(3, 5, 10));
      const s = state({ snoozed: [[n!.id, until]] });
      const visible = (t: number) => run(t, acts).filter((x) => isActive(x.id, s, x, t));
      expect(visible(now)).toEqual([]);
      expect(visible(until - 1)).toEqual([]);
      expect(visible(until).map((x) => x.id)).toEqual([n!.id]);
    });
    it('done stays done across recomputation; a new occurrence is new', () => {
      const acts = [act('email_out', L(3, 2, 11)), act('email_in', L(3, 3, 10))];
      const [n] = run(L(3, 4, 10), acts);
      const s = state({ done: [n!.id] });
      expect(run(L(3, 20, 10), acts).filter((x) => isActive(x.id, s, x, L(3, 20, 10)))).toEqual([]);
      const more = [...acts, act('email_out', L(3, 4, 11)), act('email_in', L(3, 10, 10))];
      expect(run(L(3, 20, 10), more).filter((x) => isActive(x.id, s, x, L(3, 20, 10))).map((x) => x.kind)).toEqual(['awaiting_reply']);
    });
    it('a deal dismissed forever silences its nudges only', () => {
      const s = state({ dismissed: ['d1'] });
      expect(isActive('stuck:d1:1', s, { dealId: 'd1' }, 0)).toBe(false);
      expect(isActive('never_followed_up:c1:1', s, { dealId: null }, 0)).toBe(true);
      expect(isActive('stuck:d2:1', s, { dealId: 'd2' }, 0)).toBe(true);
      expect(isActive('x', state(), { dealId: null, dueAt: 10 }, 9)).toBe(false);
    });
    it('snooze options: 1 day, 3 days, next week (Monday 09:00), custom', () => {
      const sched = S.schedule;
      expect(snoozeUntil('1d', L(3, 3, 10), sched)).toBe(L(3, 4, 10));
      expect(snoozeUntil('1d', L(3, 6, 10), sched)).toBe(L(3, 9, 8)); // Saturday → Monday morning
      expect(snoozeUntil('1d', L(3, 3, 21), sched)).toBe(L(3, 5, 8)); // quiet hours
      expect(snoozeUntil('3d', L(3, 2, 10), sched)).toBe(L(3, 5, 10));
      expect(snoozeUntil('nextWeek', L(3, 4, 15), sched)).toBe(L(3, 9, 9));
      expect(snoozeUntil('nextWeek', L(3, 8, 15), sched)).toBe(L(3, 9, 9)); // Sunday: tomorrow starts next week
      expect(snoozeUntil('nextWeek', L(3, 9, 7), sched)).toBe(L(3, 16, 9)); // Monday: the one after
      expect(hours(snoozeUntil('nextWeek', L(3, 25, 15), sched))).toBe(9); // across the DST switch
      expect(snoozeUntil('nextWeek', L(3, 25, 15), sched)).toBe(L(3, 30, 9));
      expect(snoozeUntil('nextWeek', L(3, 4, 15), { ...sched, workingDays: [2, 3, 4, 5, 6] })).toBe(L(3, 10, 9));
      expect(snoozeUntil(L(3, 7, 3), L(3, 4, 15), sched)).toBe(L(3, 7, 3));
      expect(() => snoozeUntil(Number.NaN, 0, sched)).toThrow(RangeError);
    });
  });

  describe('stage statistics', () => {
    it('takes the median of finished stays per stage, skipping impossible intervals', () => {
      const s = stageStats([
        { stageId: 'a', ms: 3 },
        { stageId: 'a', ms: 1 },
        { stageId: 'a', ms: 2 },
        { stageId: 'b', ms: 4 },
        { stageId: 'b', ms: 1 },
        { stageId: 'b', ms: -5 },
        { stageId: 'b', ms: Number.NaN },
      ]);
      expect(s.get('a')).toEqual({ median: 2, samples: 3 });
      expect(s.get('b')).toEqual({ median: 2.5, samples: 2 });
      expect(stageStats([]).size).toBe(0);
    });
    it('derives the stays from stage changes ordered by deal and time', () => {
      const changes = [
        { dealId: 'd1', toStageId: 'contact', at: 0 },
        { dealId: 'd1', toStageId: 'qualification', at: 10 },
        { dealId: 'd1', toStageId: 'meeting', at: 25 },
        { dealId: 'd2', toStageId: 'contact', at: 5 },
        { dealId: 'd2', toStageId: 'qualification', at: 9 },
      ];
      expect([...stageIntervals(changes)]).toEqual([
        { stageId: 'contact', ms: 10 },
        { stageId: 'qualification', ms: 15 },
        { stageId: 'contact', ms: 4 },
      ]);
      expect(stageStats(stageIntervals(changes)).get('contact')).toEqual({ median: 7, samples: 2 });
    });
  });

  describe('why sentences', () => {
    const en = translator('en');
    const id = translator('id');
    it('say when as a person says it, counted from the stored since as of the moment shown', () => {
      const [n] = run(L(3, 9, 10), [act('email_out', L(3, 2, 11)), act('email_in', L(3, 6, 10))]);
      expect(whyAt(n!.why, L(3, 9, 10)).params.waitedHours).toBe(72);
      expect(nudgeWhyText(n!.why, en, 'en', L(3, 9, 10))).toBe('They wrote 3 days ago and are waiting for your reply (reply within 24 working hours).');
      expect(nudgeWhyText(n!.why, id, 'id', L(3, 9, 10))).toBe('Mereka menulis 3 hari yang lalu dan menunggu balasan Anda (balas dalam 24 jam kerja).');
      expect(nudgeWhyText(n!.why, en, 'en', L(3, 6, 13))).toContain('They wrote 3 hours ago');
      // The stored why carries no clock: the same nudge computed later is the same value, and reads older when shown later.
      const [later] = run(L(3, 10, 10), [act('email_out', L(3, 2, 11)), act('email_in', L(3, 6, 10))]);
      expect(later).toEqual(n);
      expect(nudgeWhyText(n!.why, en, 'en', L(3, 16, 22))).toContain('They wrote 10 days ago');
      expect(whyAt({ key: 'nudge.why.salesReady', params: {} }, L(3, 10, 10))).toEqual({ key: 'nudge.why.salesReady', params: {} });
    });
  });

  describe('rules pin', () => {
    const PIN = 3833315159;
    // The engine skips a contact whose inputs did not change, so a change to what these rules
    // return must come with a NUDGE_RULES_VERSION bump (stored nudges are then recomputed).
    it('a fixed corpus yields the pinned nudges: changed the rules? bump NUDGE_RULES_VERSION, then update the pin', () => {
      const now = L(6, 1, 10);
      const stats = new Map(STAGES.map((s, i) => [s, { median: (i + 2) * DAY, samples: i % 2 ? 10 : 3 }]));
      function* inputs(): Generator<NudgeInput> {
        for (let i = 0; i < 5_000; i++) {
          const created = now - (i % 120) * DAY - (i % 24) * H;
          const s = emptySummary(`c${i}`, created);
          if (i % 4 !== 0) {
            s.firstOutboundAt = created + H;
            s.lastOutboundAt = created + (i % 30) * DAY;
            s.outboundSinceInbound = i % 9;
          }
          if (i % 3 === 0) {
            s.lastInboundAt = created + (i % 20) * DAY;
            s.lastEmailAt = s.lastInboundAt;
            s.lastEmailFrom = 'them';
          }
          yield {
            contact: { id: s.contactId, createdAt: created },
            summary: s,
            deal:
              i % 2 === 0
                ? { id: `d${i}`, stageId: STAGES[i % STAGES.length]!, status: i % 10 === 0 ? 'won' : 'open', stageEnteredAt: created, valueMinor: i % 3 ? 1000 : 0, expectedCloseAt: i % 5 ? now : null, bant: null, createdAt: created }
                : null,
            stageOrder: STAGES,
            stats,
            salesReady: i % 7 === 0,
            settings: S,
            now,
          };
        }
      }
      const all: Nudge[] = [];
      for (const inp of inputs()) all.push(...upcomingNudges(inp));
      expect(all.length).toBeGreaterThan(5_000);
      expect(NUDGE_RULES_VERSION).toBe(1);
      expect(nudgeDigest(all)).toBe(PIN);
    });
  });
}
