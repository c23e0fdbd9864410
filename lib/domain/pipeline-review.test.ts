import { emptyBant, type Bant } from './bant';
import { DEFAULT_NUDGE_SETTINGS } from './nudges';
import { pipelineReview, weekRange, weekStart, type ReviewChange, type ReviewDeal, type ReviewEvidence } from './pipeline-review';

const STAGES = ['contact', 'qualification', 'meeting', 'proposal', 'closing'];
/** 09:00 local on a day of 2026 (month 1-12). */
const at = (month: number, day: number, hour = 9) => new Date(2026, month - 1, day, hour).getTime();
const DAY = 86_400_000;

const fullBant: Bant = {
  ...emptyBant(),
  budget: { ...emptyBant().budget, state: 'yes' },
  authority: { ...emptyBant().authority, state: 'yes' },
  need: { ...emptyBant().need, state: 'yes' },
  timeline: { ...emptyBant().timeline, state: 'yes' },
};

function deal(id: string, p: Partial<ReviewDeal> & { createdAt: number }): ReviewDeal {
  return {
    id,
    contactId: `c-${id}`,
    deletedAt: null,
    status: 'open',
    stageId: 'contact',
    stageEnteredAt: p.createdAt,
    closedAt: null,
    valueMinor: 100_00,
    currency: 'USD',
    lostReason: null,
    expectedCloseAt: at(6, 1),
    bant: fullBant,
    ...p,
  };
}
/** Created at path[0], then moves; `close` ends it. */
function history(dealId: string, path: [number, string][], close?: [number, 'won' | 'lost', string?]): ReviewChange[] {
  const out: ReviewChange[] = [];
  let from: string | null = null;
  for (const [t, to] of path) {
    out.push({ dealId, fromStageId: from, toStageId: to, status: 'open', at: t, reason: null });
    from = to;
  }
  if (close) out.push({ dealId, fromStageId: from, toStageId: from!, status: close[1], at: close[0], reason: close[2] ?? null });
  return out;
}

// The week of Monday 2 March 2026.
const WEEK = weekRange(weekStart(at(3, 4)));
const NOW = at(3, 25);

const deals: ReviewDeal[] = [
  // Moved twice this week, forward; past Qualification with nothing filled in.
  deal('A', { createdAt: at(2, 1), stageId: 'proposal', stageEnteredAt: at(3, 5), valueMinor: 0, expectedCloseAt: null, bant: null }),
  // Moved back.
  deal('B', { createdAt: at(2, 20), stageId: 'qualification', stageEnteredAt: at(3, 4) }),
  // Won, decided by an accepted signal (the latest before the win).
  deal('C', { createdAt: at(1, 5), status: 'won', stageId: 'closing', closedAt: at(3, 6), valueMinor: 5_000_00 }),
  // Won with its reason written down.
  deal('D', { createdAt: at(2, 2), status: 'won', stageId: 'proposal', closedAt: at(3, 3), valueMinor: 9_000_00 }),
  // Won; only touches known.
  deal('E', { createdAt: at(2, 10), status: 'won', stageId: 'meeting', closedAt: at(3, 4), valueMinor: 1_000_00 }),
  deal('F', { createdAt: at(2, 3), status: 'lost', stageId: 'meeting', closedAt: at(3, 5), lostReason: 'No budget' }),
  // Quiet since 10 January and in Contact since 1 January (limit 7 days, no history to take a median from).
  deal('G', { createdAt: at(1, 1) }),
  // In Meeting since 1 March; they wrote after the week: not quiet, not stuck, details complete.
  deal('H', { createdAt: at(2, 25), stageId: 'meeting', stageEnteredAt: at(3, 1) }),
  // Deleted: nowhere.
  deal('I', { createdAt: at(3, 3), deletedAt: at(3, 4), stageId: 'meeting' }),
  // New this week.
  deal('J', { createdAt: at(3, 7) }),
];
const changes: ReviewChange[] = [
  ...history('A', [[at(2, 1), 'contact'], [at(2, 10), 'qualification'], [at(3, 3), 'meeting'], [at(3, 5), 'proposal']]),
  ...history('B', [[at(2, 20), 'contact'], [at(2, 25), 'meeting'], [at(3, 4), 'qualification']]),
  ...history('C', [[at(1, 5), 'contact'], [at(2, 1), 'closing']], [at(3, 6), 'won']),
  ...history('D', [[at(2, 2), 'contact'], [at(2, 20), 'proposal']], [at(3, 3), 'won', 'Referred by their CFO']),
  ...history('E', [[at(2, 10), 'contact'], [at(2, 12), 'meeting']], [at(3, 4), 'won']),
  ...history('F', [[at(2, 3), 'contact'], [at(2, 6), 'meeting']], [at(3, 5), 'lost', 'No budget']),
  ...history('G', [[at(1, 1), 'contact']]),
  ...history('H', [[at(2, 25), 'contact'], [at(3, 1), 'meeting']]),
  ...history('I', [[at(3, 3), 'contact'], [at(3, 3, 10), 'meeting']]),
  ...history('J', [[at(3, 7), 'contact']]),
].reverse();
const evidence = new Map<string, ReviewEvidence[]>([
  [
    'C',
    [
      { source: 'signal', kind: 'demo_request', text: 'schedule a demo', at: at(2, 20) },
      { source: 'signal', kind: 'contract_request', text: 'send the contract', at: at(3, 4) },
      { source: 'activity', kind: 'meeting', text: null, at: at(3, 5) },
      { source: 'signal', kind: 'pricing_request', text: 'after the win', at: at(3, 7) },
    ],
  ],
  [
    'E',
    [
      { source: 'activity', kind: 'email_in', text: 'Re: order', at: at(3, 2) },
      { source: 'activity', kind: 'stage_change', text: 'meeting→won', at: at(3, 4) },
    ],
  ],
]);
const lastInboundAt = new Map([
  ['c-G', at(1, 10)],
  ['c-H', at(3, 20)],
  ['c-A', at(3, 5)],
  ['c-B', at(3, 4)],
  ['c-J', at(3, 7)],
]);

const review = pipelineReview({ deals, changes, stageOrder: STAGES, lastInboundAt, evidence, nudges: DEFAULT_NUDGE_SETTINGS, ...WEEK, now: NOW });

describe('pipelineReview on a hand-made week', () => {
  it('takes the week from Monday 00:00 to the next Monday', () => {
    expect(new Date(WEEK.from).toString()).toContain('Mon Mar 02 2026 00:00:00');
    expect(WEEK.to - WEEK.from).toBe(7 * DAY);
    expect(weekStart(at(3, 8, 23))).toBe(WEEK.from); // Sunday evening is the same week
    expect(weekRange(WEEK.from, -1).to).toBe(WEEK.from);
  });

  it('lists the deals that moved, where from and where to, forward ones first', () => {
    expect(review.moved).toEqual([
      { dealId: 'A', contactId: 'c-A', fromStageId: 'qualification', toStageId: 'proposal', steps: 2, forward: true, at: at(3, 5) },
      { dealId: 'B', contactId: 'c-B', fromStageId: 'meeting', toStageId: 'qualification', steps: 1, forward: false, at: at(3, 4) },
    ]);
  });

  it('lists the deals won, largest first, with what decided them', () => {
    expect(review.won.map((w) => [w.dealId, w.stageId, w.decidedBy])).toEqual([
      ['D', 'proposal', { kind: 'reason', text: 'Referred by their CFO' }],
      ['C', 'closing', { kind: 'signal', trigger: 'contract_request', text: 'send the contract', at: at(3, 4) }],
      ['E', 'meeting', { kind: 'activity', activity: 'email_in', text: 'Re: order', at: at(3, 2) }],
    ]);
    expect(review.won.find((w) => w.dealId === 'C')!.cycleDays).toBe(60); // 5 January → 6 March
  });

  it('lists the deals lost, with why', () => {
    expect(review.lost).toEqual([{ dealId: 'F', contactId: 'c-F', at: at(3, 5), stageId: 'meeting', reason: 'No budget', valueMinor: 100_00, currency: 'USD' }]);
  });

  it('lists deals gone quiet or stuck at the end of the week', () => {
    // G: quiet from 10 Jan 09:00 to the end of Sunday 8 March (57.6 days); in Contact since 1 Jan 09:00 (66.6 days).
    // Finished stays in Contact: E 2, F 3, H 4, B 5, A 9, D 18, C 27 days (I is deleted): median 5, limit 1.5 × 5.
    expect(review.stale).toEqual([{ dealId: 'G', contactId: 'c-G', stageId: 'contact', quietDays: 57, stuckDays: 66, stuckLimitDays: 7.5 }]);
  });

  it('lists open deals past Qualification missing details, and the new ones', () => {
    expect(review.missing).toEqual([{ dealId: 'A', contactId: 'c-A', stageId: 'proposal', missing: ['bant', 'value', 'closeDate'] }]);
    expect(review.added.map((a) => a.dealId)).toEqual(['J']);
  });
});

describe('pipelineReview: the finer points', () => {
  const stays = (n: number) =>
    Array.from({ length: n }, (_, i) => history(`P${i}`, [[at(1, 1 + i), 'contact'], [at(1, 10 + i), 'proposal'], [at(1, 12 + i), 'closing']], [at(1, 20), 'won'])).flat();
  const done = (n: number) => Array.from({ length: n }, (_, i) => deal(`P${i}`, { createdAt: at(1, 1 + i), stageId: 'closing', status: 'won', closedAt: at(1, 20) }));

  it('calls a deal stuck past 1.5 × the median stay once five stays are known', () => {
    const k = deal('K', { createdAt: at(2, 20), stageId: 'proposal', stageEnteredAt: at(3, 4, 12) });
    const r = pipelineReview({
      deals: [...done(5), k],
      changes: [...stays(5), ...history('K', [[at(2, 20), 'contact'], [at(3, 4, 12), 'proposal']])],
      stageOrder: STAGES,
      lastInboundAt: new Map([['c-K', at(3, 8)]]),
      nudges: DEFAULT_NUDGE_SETTINGS,
      ...WEEK,
      now: NOW,
    });
    // Median stay in Proposal 2 days → limit 3; from Wed 12:00 to the end of Sunday: 4.5 days.
    expect(r.stale).toEqual([{ dealId: 'K', contactId: 'c-K', stageId: 'proposal', quietDays: null, stuckDays: 4, stuckLimitDays: 3 }]);
  });

  it('reads a past week as it stood then: a deal won later was open, in the stage it was in', () => {
    const l = deal('L', { createdAt: at(1, 20), status: 'won', stageId: 'closing', closedAt: at(3, 20) });
    const r = pipelineReview({
      deals: [l],
      changes: history('L', [[at(1, 20), 'contact'], [at(1, 21), 'meeting'], [at(3, 10), 'closing']], [at(3, 20), 'won']),
      stageOrder: STAGES,
      lastInboundAt: new Map([['c-L', at(3, 19)]]),
      nudges: DEFAULT_NUDGE_SETTINGS,
      ...WEEK,
      now: NOW,
    });
    // At the end of 8 March it was in Meeting since 21 January (limit 14 days); they wrote again later, so not "quiet".
    expect(r.stale).toEqual([{ dealId: 'L', contactId: 'c-L', stageId: 'meeting', quietDays: null, stuckDays: 46, stuckLimitDays: 14 }]);
    expect(r.won).toEqual([]);
    expect(r.missing).toEqual([]); // won now: nothing to fill in
  });

  it('a deal closed and reopened within the week is not listed as closed; an imported close without history is', () => {
    const m = deal('M', { createdAt: at(2, 1), stageId: 'meeting' });
    const n = deal('N', { createdAt: at(1, 1), status: 'lost', closedAt: at(3, 3), lostReason: 'Went quiet', stageId: 'proposal' });
    const r = pipelineReview({
      deals: [m, n],
      changes: [
        ...history('M', [[at(2, 1), 'contact'], [at(2, 2), 'meeting']], [at(3, 3), 'won']),
        { dealId: 'M', fromStageId: 'meeting', toStageId: 'meeting', status: 'open', at: at(3, 4), reason: 'reopened' },
      ],
      stageOrder: STAGES,
      lastInboundAt: new Map(),
      nudges: DEFAULT_NUDGE_SETTINGS,
      ...WEEK,
      now: NOW,
    });
    expect(r.won).toEqual([]);
    expect(r.moved).toEqual([]); // a reopen is not a move
    expect(r.lost.map((x) => [x.dealId, x.reason, x.at])).toEqual([['N', 'Went quiet', at(3, 3)]]);
  });

  it('the week under way is read as of now', () => {
    const now = at(3, 4, 12);
    const g = deal('G', { createdAt: at(2, 20) });
    const r = pipelineReview({
      deals: [g],
      changes: history('G', [[at(2, 20), 'contact']]),
      stageOrder: STAGES,
      lastInboundAt: new Map([['c-G', at(2, 20)]]),
      nudges: DEFAULT_NUDGE_SETTINGS,
      ...WEEK,
      now,
    });
    // 20 Feb 09:00 → 4 Mar 12:00 = 12.1 days: not yet 14 quiet days, but 12 days in Contact (limit 7).
    expect(r.stale).toEqual([{ dealId: 'G', contactId: 'c-G', stageId: 'contact', quietDays: null, stuckDays: 12, stuckLimitDays: 7 }]);
  });
});
