import fc from 'fast-check';
import { computeMetrics, DAY_MS, PERIODS, type MetricChange, type MetricDeal } from './metrics';
import { MetricsIndex } from './metrics-index';
import { filterByOwner, ownerMatches } from './deal-owner';

const STAGES = ['contact', 'qualification', 'meeting', 'proposal', 'closing'];
const T0 = new Date(2026, 0, 1, 9, 0).getTime();
const NOW = T0 + 400 * DAY_MS;
type Change = MetricChange & { id: string };
const ME = ['dana@acme.com'];

const arbDeal = (id: string) =>
  fc.record({
    id: fc.constant(id),
    createdAt: fc.integer({ min: 0, max: 380 }).map((d) => T0 + d * DAY_MS),
    deletedAt: fc.oneof({ arbitrary: fc.constant(null), weight: 7 }, { arbitrary: fc.constant(T0), weight: 1 }),
    status: fc.constantFrom('open', 'won', 'lost') as fc.Arbitrary<MetricDeal['status']>,
    closedAt: fc.option(fc.integer({ min: 0, max: 399 }).map((d) => T0 + d * DAY_MS)),
    stageId: fc.constantFrom(...STAGES, 'removed-stage'),
    valueMinor: fc.integer({ min: 0, max: 50_000_000 }),
    currency: fc.constantFrom('USD', 'USD', 'EUR', 'IDR'),
    lostReason: fc.option(fc.constantFrom('No budget', 'Timing', ' ')),
    leadSource: fc.option(fc.constantFrom('referral', 'cold_email', 'linkedin')),
    owner: fc.option(fc.constantFrom('dana@acme.com', 'sam@acme.com')),
  });

const DEAL_IDS = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7'];
const arbChange = (id: string) =>
  fc.record({
    id: fc.constant(id),
    dealId: fc.constantFrom(...DEAL_IDS),
    fromStageId: fc.option(fc.constantFrom(...STAGES)),
    toStageId: fc.constantFrom(...STAGES, 'removed-stage'),
    status: fc.constantFrom('open', 'open', 'won', 'lost') as fc.Arbitrary<MetricDeal['status']>,
    // Few distinct times, so changes at the same moment are common.
    at: fc.integer({ min: 0, max: 30 }).map((d) => T0 + d * 13 * DAY_MS),
  });

/** One write: a deal put (created or updated), a deal deleted, a change added, a change removed (forget, sample data). */
const arbWrite = fc.oneof(
  fc.constantFrom(...DEAL_IDS).chain((id) => arbDeal(id).map((d) => ({ op: 'putDeal' as const, d }))),
  fc.constantFrom(...DEAL_IDS).map((id) => ({ op: 'deleteDeal' as const, id })),
  fc.integer({ min: 0, max: 12 }).chain((n) => arbChange(`c${String(n).padStart(3, '0')}`).map((c) => ({ op: 'putChange' as const, c }))),
  fc.integer({ min: 0, max: 12 }).map((n) => ({ op: 'deleteChange' as const, id: `c${String(n).padStart(3, '0')}` })),
);

describe('MetricsIndex', () => {
  it('gives what computeMetrics gives from scratch, after any sequence of writes, for every period', () => {
    fc.assert(
      fc.property(fc.array(fc.array(arbWrite, { maxLength: 12 }), { minLength: 1, maxLength: 6 }), fc.boolean(), (batches, reorder) => {
        const index = new MetricsIndex<MetricDeal, Change>();
        const deals = new Map<string, MetricDeal>();
        const changes = new Map<string, Change>();
        let stageOrder = STAGES;
        for (const batch of batches) {
          for (const w of batch) {
            if (w.op === 'putDeal') {
              deals.set(w.d.id, w.d);
              index.putDeal(w.d);
            } else if (w.op === 'deleteDeal') {
              deals.delete(w.id);
              index.deleteDeal(w.id);
            } else if (w.op === 'putChange') {
              changes.set(w.c.id, w.c);
              index.putChange(w.c);
            } else {
              changes.delete(w.id);
              index.deleteChange(w.id);
            }
          }
          // The rep may reorder stages between writes: every deal's walk depends on it.
          if (reorder) stageOrder = [...stageOrder.slice(1), stageOrder[0]!];
          // From scratch, as the database gives them: by primary key.
          const byKey = <T extends { id: string }>(m: Map<string, T>) => [...m.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
          for (const period of PERIODS) {
            const opts = { stageOrder, currency: 'USD', period, now: NOW };
            expect(index.metrics(opts)).toEqual(computeMetrics({ ...opts, deals: byKey(deals), changes: byKey(changes) }));
            // One owner's: the same figures as from scratch over their deals alone (the unowned count as mine).
            for (const which of ['mine', 'team'] as const) {
              const keep = (f: { owner: string | null }) => ownerMatches(f, which, ME);
              expect(index.metrics(opts, keep)).toEqual(computeMetrics({ ...opts, deals: filterByOwner(byKey(deals) as (MetricDeal & { owner: string | null })[], which, ME), changes: byKey(changes) }));
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('walks again only the deals a write touched', () => {
    const index = new MetricsIndex<MetricDeal, Change>();
    const d = (id: string, stageId: string): MetricDeal => ({ id, createdAt: T0, deletedAt: null, status: 'open', closedAt: null, stageId, valueMinor: 100, currency: 'USD', lostReason: null });
    index.putDeal(d('a', 'contact'));
    index.putDeal(d('b', 'contact'));
    index.putChange({ id: 'c1', dealId: 'a', fromStageId: null, toStageId: 'contact', status: 'open', at: T0 });
    const opts = { stageOrder: STAGES, currency: 'USD', period: 'all' as const, now: NOW };
    expect(index.metrics(opts).stages[0]!.open).toBe(2);
    index.putChange({ id: 'c2', dealId: 'a', fromStageId: 'contact', toStageId: 'meeting', status: 'open', at: T0 + 2 * DAY_MS });
    index.putDeal(d('a', 'meeting'));
    const m = index.metrics(opts);
    expect(m.stages.map((s) => s.open)).toEqual([1, 0, 1, 0, 0]);
    expect(m.stages[0]!.medianDays).toBe(2);
    index.deleteDeal('b');
    expect(index.metrics(opts).openDeals).toBe(1);
  });
});
