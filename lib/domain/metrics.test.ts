import fc from 'fast-check';
import { backfillVelocity, computeMetrics, DAY_MS, dealPath, localDay, median, periodRange, velocityAt, type MetricChange, type MetricDeal } from './metrics';

const STAGES = ['contact', 'qualification', 'meeting', 'proposal', 'closing'];
const T0 = new Date(2026, 0, 1, 9, 0).getTime();
const day = (n: number) => T0 + n * DAY_MS;

function deal(id: string, p: Partial<MetricDeal> & { createdAt: number }): MetricDeal {
  return { id, deletedAt: null, status: 'open', closedAt: null, stageId: 'contact', valueMinor: 0, currency: 'USD', lostReason: null, leadSource: null, ...p };
}
/** A deal's history: created at `path[0]`, then moves; the last entry may close it. */
function history(dealId: string, path: [number, string][], close?: [number, 'won' | 'lost']): MetricChange[] {
  const out: MetricChange[] = [];
  let from: string | null = null;
  for (const [d, to] of path) {
    out.push({ dealId, fromStageId: from, toStageId: to, status: 'open', at: day(d) });
    from = to;
  }
  if (close) out.push({ dealId, fromStageId: from, toStageId: from!, status: close[1], at: day(close[0]) });
  return out;
}

// The worked example of docs/sales-method.md, "A worked example", every figure below computed by hand.
const deals: MetricDeal[] = [
  deal('A', { createdAt: day(0), status: 'won', closedAt: day(10), stageId: 'meeting', valueMinor: 100_000, leadSource: 'referral' }),
  deal('B', { createdAt: day(1), status: 'lost', closedAt: day(7), stageId: 'qualification', valueMinor: 50_000, lostReason: 'No budget', leadSource: 'cold_email' }),
  deal('C', { createdAt: day(2), status: 'won', closedAt: day(22), stageId: 'proposal', valueMinor: 300_000, leadSource: 'referral' }),
  deal('D', { createdAt: day(3), stageId: 'contact', valueMinor: 20_000, leadSource: 'cold_email' }),
  deal('E', { createdAt: day(4), stageId: 'meeting', valueMinor: 80_000, leadSource: 'linkedin' }),
  // Deleted: counts for nothing.
  deal('F', { createdAt: day(1), deletedAt: day(2), status: 'won', closedAt: day(2), valueMinor: 999_999 }),
];
const changes: MetricChange[] = [
  ...history('A', [[0, 'contact'], [2, 'qualification'], [5, 'meeting']], [10, 'won']),
  ...history('B', [[1, 'contact'], [4, 'qualification']], [7, 'lost']),
  ...history('C', [[2, 'contact'], [3, 'qualification'], [6, 'meeting'], [8, 'proposal']], [22, 'won']),
  ...history('D', [[3, 'contact']]),
  ...history('E', [[4, 'contact'], [5, 'qualification'], [9, 'meeting']]),
  ...history('F', [[1, 'contact']], [2, 'won']),
].reverse(); // any order

const all = computeMetrics({ deals, changes, stageOrder: STAGES, currency: 'USD', period: 'all', now: day(30) });

describe('computeMetrics on a hand-computed example', () => {
  it('counts leads, qualified leads, outcomes and rates', () => {
    expect(all.leads).toBe(5);
    expect(all.qualified).toBe(3); // A, C (won) and E (reached Meeting); B and D stopped at or before Qualification
    expect(all.won).toBe(2);
    expect(all.lost).toBe(1);
    expect(all.closeRate).toBeCloseTo(2 / 3, 12);
    expect(all.leadConversion).toBeCloseTo(0.4, 12);
    expect(all.avgDealSize).toBe(2000); // (1,000 + 3,000) / 2, in dollars
  });

  it('measures cycle length and deal lifetime in days, mean and median', () => {
    expect(all.cycleDays).toEqual({ mean: 15, median: 15, count: 2 }); // A 10, C 20
    expect(all.lifetimeDays).toEqual({ mean: 12, median: 10, count: 3 }); // A 10, B 6, C 20
  });

  it('computes velocity: open deals × close rate × average deal ÷ cycle days', () => {
    expect(all.openDeals).toBe(2);
    expect(all.openValue).toBe(1000);
    expect(all.velocityPerDay).toBeCloseTo((2 * (2 / 3) * 2000) / 15, 9);
    expect(all.velocityPer30Days).toBeCloseTo(((2 * (2 / 3) * 2000) / 15) * 30, 9);
  });

  it('gives each stage its conversion to the next and its median days', () => {
    const s = Object.fromEntries(all.stages.map((x) => [x.stageId, x]));
    expect([s.contact!.reached, s.qualification!.reached, s.meeting!.reached, s.proposal!.reached, s.closing!.reached]).toEqual([5, 4, 3, 1, 0]);
    expect(s.contact!.conversion).toBeCloseTo(4 / 5, 12);
    expect(s.qualification!.conversion).toBeCloseTo(3 / 4, 12);
    expect(s.meeting!.conversion).toBeCloseTo(2 / 3, 12); // A won from Meeting, C moved on; E still there
    expect(s.proposal!.conversion).toBe(1);
    expect(s.closing!.conversion).toBeNull();
    expect(s.contact!.medianDays).toBe(1.5); // stays 2, 3, 1, 1
    expect(s.qualification!.medianDays).toBe(3); // 3, 3, 3, 4
    expect(s.meeting!.medianDays).toBe(3.5); // 5, 2
    expect(s.proposal!.medianDays).toBe(14);
    expect(s.closing!.medianDays).toBeNull();
  });

  it('weights the forecast by each stage’s historical win rate and ranks the most winnable deals', () => {
    const s = Object.fromEntries(all.stages.map((x) => [x.stageId, x]));
    expect(s.contact!.winRate).toBeCloseTo(2 / 3, 12);
    expect(s.meeting!.winRate).toBe(1);
    expect(s.closing!.winRate).toBeNull();
    expect(all.forecast).toBeCloseTo(200 * (2 / 3) + 800 * 1, 9);
    expect(all.winnable.map((w) => w.dealId)).toEqual(['E', 'D']);
    expect(all.winnable[0]).toMatchObject({ probability: 1, value: 800, weighted: 800 });
  });

  it('lists lost reasons and splits the figures by lead source', () => {
    expect(all.lostReasons).toEqual([{ reason: 'No budget', count: 1 }]);
    const by = Object.fromEntries(all.bySource.map((x) => [String(x.source), x]));
    expect(by.referral).toEqual({ source: 'referral', leads: 2, won: 2, lost: 0, conversion: 1, closeRate: 1, avgDealSize: 2000, cycleDays: 15 });
    expect(by.cold_email).toMatchObject({ leads: 2, won: 0, lost: 1, conversion: 0, closeRate: 0, avgDealSize: null });
    expect(by.linkedin).toMatchObject({ leads: 1, conversion: 0, closeRate: null });
  });

  it('limits every figure to the period', () => {
    // 90 days back from day 120 is day 30: A-E were created and closed before it.
    const now = day(120);
    const late = [deal('L1', { createdAt: day(40) }), deal('L2', { createdAt: day(100), status: 'won', closedAt: day(110), valueMinor: 50_000 })];
    const m = computeMetrics({ deals: [...deals, ...late], changes, stageOrder: STAGES, currency: 'USD', period: '90d', now });
    expect([m.leads, m.won, m.lost, m.avgDealSize, m.cycleDays.mean]).toEqual([2, 1, 0, 500, 10]);
    expect(m.openDeals).toBe(3); // open now, whenever created: D, E, L1
    expect(periodRange('all', now)).toEqual({ from: null, to: now });
    const month = periodRange('month', new Date(2026, 4, 20, 15).getTime());
    expect(month.from).toBe(new Date(2026, 4, 1).getTime());
    expect(periodRange('year', new Date(2026, 4, 20).getTime()).from).toBe(new Date(2026, 0, 1).getTime());
  });

  it('leaves other currencies out of money figures and says how many', () => {
    const eur = deal('G', { createdAt: day(0), status: 'won', closedAt: day(4), valueMinor: 10_000, currency: 'EUR' });
    const m = computeMetrics({ deals: [...deals, eur], changes, stageOrder: STAGES, currency: 'USD', period: 'all', now: day(30) });
    expect(m.won).toBe(3);
    expect(m.avgDealSize).toBe(2000);
    expect(m.otherCurrencyWon).toBe(1);
    expect(m.cycleDays.mean).toBeCloseTo((10 + 20 + 4) / 3, 12);
  });

  it('uses major units of the currency (IDR has none below the rupiah)', () => {
    const idr = [deal('I', { createdAt: day(0), status: 'won', closedAt: day(3), valueMinor: 15_000_000, currency: 'IDR' })];
    expect(computeMetrics({ deals: idr, changes: [], stageOrder: STAGES, currency: 'IDR', period: 'all', now: day(5) }).avgDealSize).toBe(15_000_000);
  });
});

describe('dealPath', () => {
  it('ends a stay at a close and starts a new one at a reopen; removed stages count for nothing', () => {
    const idx = new Map(STAGES.map((s, i) => [s, i]));
    const c: MetricChange[] = [
      { dealId: 'x', fromStageId: null, toStageId: 'contact', status: 'open', at: day(0) },
      { dealId: 'x', fromStageId: 'contact', toStageId: 'contact', status: 'lost', at: day(2) },
      { dealId: 'x', fromStageId: 'contact', toStageId: 'contact', status: 'open', at: day(9) },
      { dealId: 'x', fromStageId: 'contact', toStageId: 'gone', status: 'open', at: day(10) },
      { dealId: 'x', fromStageId: 'gone', toStageId: 'meeting', status: 'open', at: day(12) },
    ];
    expect(dealPath({ stageId: 'meeting' }, c, idx)).toEqual({
      maxIndex: 2,
      stays: [
        { index: 0, ms: 2 * DAY_MS },
        { index: 0, ms: DAY_MS },
      ],
    });
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('velocity over time', () => {
  it('rebuilds a past day from the deals: open then, rates from the 90 days before', () => {
    expect(velocityAt(deals, day(30), 'USD')).toMatchObject({ openDeals: 2, closeRate: 2 / 3, avgDealSize: 2000, cycleDays: 15 });
    expect(velocityAt(deals, day(30), 'USD').velocityPerDay).toBeCloseTo(all.velocityPerDay, 9);
    // Day 9: only B had closed (lost): A, C, D and E were open.
    expect(velocityAt(deals, day(9), 'USD')).toMatchObject({ openDeals: 4, closeRate: 0, avgDealSize: null, velocityPerDay: 0 });
  });

  it('back-fills one point per missing day, up to yesterday', () => {
    const now = day(10) + 3_600_000;
    const points = backfillVelocity(deals, new Set([localDay(day(5))]), now, 'USD');
    const days = points.map((p) => p.day);
    expect(days[0]).toBe(localDay(day(0)));
    expect(days).not.toContain(localDay(day(5)));
    expect(days).not.toContain(localDay(now));
    expect(days).toHaveLength(9);
    expect(backfillVelocity([], new Set(), now, 'USD')).toEqual([]);
  });
});

describe('properties', () => {
  const arbDeal = fc.record({
    created: fc.integer({ min: 0, max: 200 }),
    life: fc.integer({ min: 0, max: 100 }),
    status: fc.constantFrom('open', 'won', 'lost'),
    stage: fc.integer({ min: 0, max: STAGES.length - 1 }),
    value: fc.integer({ min: 0, max: 10_000_000 }),
  });
  const build = (xs: { created: number; life: number; status: string; stage: number; value: number }[]) => {
    const ds: MetricDeal[] = [];
    const cs: MetricChange[] = [];
    xs.forEach((x, i) => {
      const id = `d${i}`;
      const status = x.status as MetricDeal['status'];
      ds.push(deal(id, { createdAt: day(x.created), status, closedAt: status === 'open' ? null : day(x.created + x.life), stageId: STAGES[x.stage]!, valueMinor: x.value }));
      const path: [number, string][] = STAGES.slice(0, x.stage + 1).map((s, k) => [x.created + (k * x.life) / (x.stage + 1), s]);
      cs.push(...history(id, path, status === 'open' ? undefined : [x.created + x.life, status]));
    });
    return { ds, cs };
  };

  it('keeps rates within 0-1, counts consistent and the funnel narrowing', () => {
    fc.assert(
      fc.property(fc.array(arbDeal, { maxLength: 40 }), fc.constantFrom('month', '90d', 'year', 'all'), (xs, period) => {
        const { ds, cs } = build(xs);
        const m = computeMetrics({ deals: ds, changes: cs, stageOrder: STAGES, currency: 'USD', period: period as 'all', now: day(320) });
        for (const r of [m.closeRate, m.leadConversion, ...m.stages.map((s) => s.conversion), ...m.stages.map((s) => s.winRate)]) {
          if (r !== null) expect(r >= 0 && r <= 1).toBe(true);
        }
        expect(m.qualified).toBeLessThanOrEqual(m.leads);
        for (let k = 1; k < m.stages.length; k++) expect(m.stages[k]!.reached).toBeLessThanOrEqual(m.stages[k - 1]!.reached);
        expect(m.velocityPerDay).toBeGreaterThanOrEqual(0);
        expect(m.forecast).toBeLessThanOrEqual(m.openValue + 1e-6);
      }),
    );
  });

  it('has zero velocity without open deals', () => {
    fc.assert(
      fc.property(fc.array(arbDeal.filter((x) => x.status !== 'open'), { maxLength: 30 }), (xs) => {
        const { ds, cs } = build(xs);
        const m = computeMetrics({ deals: ds, changes: cs, stageOrder: STAGES, currency: 'USD', period: 'all', now: day(320) });
        expect(m.openDeals).toBe(0);
        expect(m.velocityPerDay).toBe(0);
        expect(velocityAt(ds, day(320), 'USD').velocityPerDay).toBe(0);
      }),
    );
  });
});
