import { bantCompleteness, BantSchema, emptyBant, gateMissing } from './bant';

describe('BANT', () => {
  it('starts empty and counts known fields', () => {
    const b = emptyBant();
    expect(BantSchema.parse(b)).toEqual(b);
    expect(bantCompleteness(b)).toBe(0);
    b.budget.state = 'yes';
    b.need.state = 'no';
    b.timeline.state = 'partial';
    expect(bantCompleteness(b)).toBe(3);
    expect(bantCompleteness(null)).toBe(0);
  });

  it('explains what a gate still needs', () => {
    const b = emptyBant();
    b.budget.state = 'yes';
    expect(gateMissing({ requires: ['budget', 'authority', 'need'] }, b)).toEqual(['authority', 'need']);
    expect(gateMissing(null, b)).toEqual([]);
    expect(gateMissing({ requires: ['budget'] }, null)).toEqual(['budget']);
  });

  it('rejects malformed answers', () => {
    const b = emptyBant();
    expect(BantSchema.safeParse({ ...b, timeline: { ...b.timeline, quarter: '2026-Q5' } }).success).toBe(false);
    expect(BantSchema.safeParse({ ...b, timeline: { ...b.timeline, quarter: '2026-Q4' }, budget: { ...b.budget, currency: 'usd' } }).success).toBe(false);
  });
});
