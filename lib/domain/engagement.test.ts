import fc from 'fast-check';
import { ActivityKindSchema } from './records';
import { engagementFromWeights, engagementWeights } from './engagement';
import { scoreLead } from './scoring';
import { DEFAULT_SCORING } from './scoring-config';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27, 12);

describe('engagement weights', () => {
  it('give the same engagement as scoring the activities themselves', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom(...ActivityKindSchema.options), at: fc.integer({ min: NOW - 400 * DAY, max: NOW }) }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 200 * DAY }),
        (activities, later) => {
          const cfg = DEFAULT_SCORING;
          const w = engagementWeights(activities, cfg.engagement.halfLifeDays, NOW);
          const expected = scoreLead({ contact: { title: null, headline: null, location: null, emails: [] }, company: null, bant: null, activities }, cfg, NOW + later).engagement;
          // Per-kind rounding of the same sums: at most one point apart per kind from float order.
          expect(Math.abs(engagementFromWeights(w, cfg.engagement.points, cfg.engagement.maxPerKind, NOW + later) - expected)).toBeLessThanOrEqual(ActivityKindSchema.options.length);
        },
      ),
    );
  });

  it('halve after one half-life and never grow with time', () => {
    const w = engagementWeights([{ kind: 'meeting', at: NOW }], 30, NOW);
    expect(engagementFromWeights(w, { meeting: 16 }, 100, NOW)).toBe(16);
    expect(engagementFromWeights(w, { meeting: 16 }, 100, NOW + 30 * DAY)).toBe(8);
    expect(engagementFromWeights(w, { meeting: 16 }, 100, NOW - 5 * DAY)).toBe(16);
    expect(engagementFromWeights(engagementWeights([], 30, NOW), { meeting: 16 }, 100, NOW)).toBe(0);
  });
});
