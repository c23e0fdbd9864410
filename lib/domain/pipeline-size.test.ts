import fc from 'fast-check';
import { pipelineSize } from './pipeline-size';

describe('pipelineSize', () => {
  it('reproduces the method’s worked example: 100,000 ÷ 500 → 200 sales; ÷ 80% → 250 leads; ÷ 10 reps → 25 each', () => {
    expect(pipelineSize({ target: 100_000, avgDeal: 500, closeRate: 0.8, reps: 10, openLeads: 100 })).toEqual({ deals: 200, leads: 250, perRep: 25, moreLeads: 150 });
  });

  it('needs no more leads when the pipeline is big enough, and refuses missing or impossible inputs', () => {
    expect(pipelineSize({ target: 1000, avgDeal: 100, closeRate: 0.5, reps: 1, openLeads: 30 })!.moreLeads).toBe(0);
    expect(pipelineSize({ target: 1000, avgDeal: 100, closeRate: 0.5, reps: 1 })!.moreLeads).toBeNull();
    for (const bad of [{ target: 0 }, { avgDeal: 0 }, { closeRate: 0 }, { closeRate: 1.2 }, { reps: 0 }, { target: Number.NaN }]) {
      expect(pipelineSize({ target: 1000, avgDeal: 100, closeRate: 0.5, reps: 2, ...bad })).toBeNull();
    }
  });

  it('multiplies back to the target', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e9, noNaN: true }), fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.integer({ min: 1, max: 500 }), (target, avgDeal, closeRate, reps) => {
        const r = pipelineSize({ target, avgDeal, closeRate, reps })!;
        expect(r.perRep * reps * closeRate * avgDeal).toBeCloseTo(target, 3);
        expect(r.leads).toBeGreaterThanOrEqual(r.deals - 1e-9);
      }),
    );
  });
});
