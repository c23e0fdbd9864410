import { emptyBant } from './bant';
import type { LeadInput } from './scoring';
import { DEFAULT_SCORING } from './scoring-config';
import { conversionAttributes, parseConversionAttribute, whatConverts } from './what-converts';

const lead = (bant: LeadInput['bant'] = null): LeadInput => ({
  bant,
  activities: [],
  company: null,
  contact: { title: null, headline: null, location: null, emails: [] },
});

describe('whatConverts', () => {
  const deals = (n: number, status: 'won' | 'lost', matches: Record<string, boolean>) =>
    Array.from({ length: n }, () => ({ status, matches }));

  it('flags small samples unreliable and suggests nothing', () => {
    const rows = whatConverts([...deals(3, 'won', { role: true }), ...deals(1, 'lost', { role: false })]);
    expect(rows).toEqual([
      {
        attribute: 'role', wonWith: 3, lostWith: 0, wonWithout: 0, lostWithout: 1,
        winRateWith: 1, winRateWithout: 0, lift: 1, sample: 4, reliable: false, suggestedPoints: null,
      },
    ]);
  });

  it('needs both groups large enough', () => {
    const rows = whatConverts([...deals(19, 'won', { x: true }), ...deals(1, 'lost', { x: false })]);
    expect(rows[0]).toMatchObject({ sample: 20, reliable: false, suggestedPoints: null });
  });

  it('gives null rates for an empty group', () => {
    const [row] = whatConverts(deals(12, 'won', { x: true }));
    expect(row).toMatchObject({ winRateWith: 1, winRateWithout: null, lift: null, reliable: false, suggestedPoints: null });
    expect(whatConverts([])).toEqual([]);
  });

  it('turns a clear signal into a positive suggestion, a negative one into a penalty, reliable first', () => {
    const history = [
      ...deals(8, 'won', { seniority: true, freeMail: false, 'bant.budget.yes': true }),
      ...deals(2, 'lost', { seniority: true, freeMail: true, 'bant.budget.yes': false }),
      ...deals(2, 'won', { seniority: false, freeMail: false, 'bant.budget.yes': false }),
      ...deals(8, 'lost', { seniority: false, freeMail: true, 'bant.budget.yes': false }),
    ];
    const rows = whatConverts(history);
    const seniority = rows.find((r) => r.attribute === 'seniority')!;
    expect(seniority).toMatchObject({ wonWith: 8, lostWith: 2, wonWithout: 2, lostWithout: 8, winRateWith: 0.8, winRateWithout: 0.2, reliable: true });
    expect(seniority.lift).toBeCloseTo(0.6);
    expect(seniority.suggestedPoints).toBe(12);
    const budget = rows.find((r) => r.attribute === 'bant.budget.yes')!;
    expect(budget).toMatchObject({ winRateWith: 1, reliable: true, suggestedPoints: 17 });
    const free = rows.find((r) => r.attribute === 'freeMail')!;
    expect(free).toMatchObject({ winRateWith: 0, winRateWithout: 1, lift: -1, reliable: true, suggestedPoints: -20 });
    expect(rows.map((r) => r.attribute)).toEqual(['freeMail', 'bant.budget.yes', 'seniority']);
  });

  it('puts reliable rows before unreliable ones with a larger lift', () => {
    const history = [
      ...deals(5, 'won', { a: true, b: false }),
      ...deals(3, 'lost', { a: true, b: false }),
      ...deals(1, 'won', { a: false, b: true }),
      ...deals(1, 'won', { a: false, b: false }),
      ...deals(4, 'lost', { a: false, b: false }),
    ];
    const rows = whatConverts(history, 10);
    expect(rows.map((r) => [r.attribute, r.reliable])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    expect(rows[1]!.lift).toBeGreaterThan(rows[0]!.lift!);
  });

  it('accepts conversionAttributes rows', () => {
    const attrs = conversionAttributes(lead({ ...emptyBant(), budget: { ...emptyBant().budget, state: 'yes' } }), DEFAULT_SCORING.icp);
    expect(attrs['bant.budget.yes']).toBe(true);
    expect(attrs['bant.budget.no']).toBe(false);
    expect(attrs.role).toBe(false);
    expect(Object.keys(attrs)).toHaveLength(7 + 12);
  });

  it('reads back every attribute it writes, and nothing else', () => {
    const attrs = Object.keys(conversionAttributes(lead(), DEFAULT_SCORING.icp));
    expect(attrs.map(parseConversionAttribute)).not.toContain(null);
    expect(parseConversionAttribute('bant.budget.yes')).toEqual({ bant: 'budget', state: 'yes' });
    expect(parseConversionAttribute('role')).toEqual({ fit: 'role' });
    for (const bad of ['bant.budget.unknown', 'bant.money.yes', 'bant.budget.yes.x', 'bant', 'toString', '__proto__', ''])
      expect(parseConversionAttribute(bad), bad).toBeNull();
  });
});
