import fc from 'fast-check';
import { ActivityKindSchema } from './records';
import { placeholderScore } from './score';

describe('placeholderScore', () => {
  it('counts activities with caps and stage progress', () => {
    const s = placeholderScore(['email_in', 'email_in', 'email_out', 'stage_change', 'note'], 2);
    expect(s.parts).toEqual([
      { rule: 'score.rule.repliesReceived', points: 10 },
      { rule: 'score.rule.emailsSent', points: 2 },
      { rule: 'score.rule.stageProgress', points: 10 },
    ]);
    expect(s.total).toBe(22);
    expect(placeholderScore(Array(50).fill('email_in'), 0).total).toBe(30);
  });

  it('always equals the sum of its parts and never decreases with more activity', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ActivityKindSchema.options)), fc.nat(10), (kinds, stage) => {
        const s = placeholderScore(kinds, stage);
        expect(s.total).toBe(s.parts.reduce((a, p) => a + p.points, 0));
        expect(Number.isFinite(s.total)).toBe(true);
        expect(placeholderScore([...kinds, 'email_in'], stage).total).toBeGreaterThanOrEqual(s.total);
      }),
    );
  });
});
