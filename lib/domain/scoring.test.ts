import fc from 'fast-check';
import { BANT_FIELDS, emptyBant, type Bant, type BantState } from './bant';
import { ActivityKindSchema, type ActivityKind } from './records';
import { fitMatches, SCORE_RULES, scoreLead, type LeadInput, type LeadScore } from './scoring';
import { DEFAULT_SCORING, type ScoringConfig } from './scoring-config';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 5, 1);
const KINDS = ActivityKindSchema.options;

function lead(over: Partial<Omit<LeadInput, 'contact'>> & { contact?: Partial<LeadInput['contact']> } = {}): LeadInput {
  return {
    bant: null,
    activities: [],
    company: null,
    ...over,
    contact: { title: null, headline: null, location: null, emails: [], ...over.contact },
  };
}
const icp = (over: Partial<ScoringConfig['icp']> = {}) => ({ ...DEFAULT_SCORING.icp, ...over });
const clone = (c: ScoringConfig): ScoringConfig => structuredClone(c);
const sum = (parts: LeadScore['parts']) => parts.reduce((s, p) => s + p.points, 0);
const bantWith = (states: Partial<Record<(typeof BANT_FIELDS)[number], BantState>>): Bant => {
  const b = emptyBant();
  for (const [f, s] of Object.entries(states)) b[f as keyof Bant].state = s;
  return b;
};

describe('fitMatches', () => {
  const cases: [string, LeadInput, Partial<ScoringConfig['icp']>, Partial<Record<string, boolean>>][] = [
    ['industry, case and accents aside', lead({ company: { domain: null, industry: 'Café & Restaurants', employees: null } }), { industries: ['cafe'] }, { industry: true }],
    ['industry: whole words only', lead({ company: { domain: null, industry: 'Software', employees: null } }), { industries: ['soft'] }, { industry: false }],
    ['industry: none configured', lead({ company: { domain: null, industry: 'Retail', employees: null } }), {}, { industry: false }],
    ['size within [min, max]', lead({ company: { domain: null, industry: null, employees: 50 } }), { minEmployees: 10, maxEmployees: 50 }, { companySize: true }],
    ['size below min', lead({ company: { domain: null, industry: null, employees: 9 } }), { minEmployees: 10 }, { companySize: false }],
    ['size above max', lead({ company: { domain: null, industry: null, employees: 501 } }), { maxEmployees: 500 }, { companySize: false }],
    ['size unknown', lead({ company: { domain: null, industry: null, employees: null } }), { minEmployees: 10 }, { companySize: false }],
    ['size: no bounds configured', lead({ company: { domain: null, industry: null, employees: 100 } }), { minEmployees: null, maxEmployees: null }, { companySize: false }],
    ['role and seniority in the title', lead({ contact: { title: 'Head of Sales' } }), {}, { role: true, seniority: true }],
    ['role in the headline', lead({ contact: { headline: 'Procurement lead at PT Maju' } }), {}, { role: true, seniority: false }],
    ['Indonesian keywords', lead({ contact: { title: 'Kepala Bagian Pengadaan' } }), {}, { role: true, seniority: true }],
    ['Indonesian keywords 2', lead({ contact: { title: 'Manajer Penjualan' } }), {}, { role: true, seniority: true }],
    ['multi-word seniority', lead({ contact: { title: 'Vice-President, Marketing' } }), {}, { role: true, seniority: true }],
    ['accents in the keyword', lead({ contact: { title: 'Directeur Général' } }), { seniorityKeywords: ['général'] }, { seniority: true }],
    ['accents in the title', lead({ contact: { title: 'Dírector' } }), {}, { seniority: true }],
    ['word match: "sales" not in "Salesforce"', lead({ contact: { title: 'Salesforce Administrator' } }), {}, { role: false }],
    ['word match: "head" not in "Headhunter"', lead({ contact: { title: 'Headhunter' } }), {}, { seniority: false }],
    ['co-founder is a founder', lead({ contact: { title: 'Co-Founder & CEO' } }), {}, { seniority: true }],
    ['location contains a listed one', lead({ contact: { location: 'South Jakarta, Jakarta, Indonesia' } }), { locations: ['Jakarta'] }, { location: true }],
    ['location elsewhere', lead({ contact: { location: 'Surabaya, East Java' } }), { locations: ['Jakarta'] }, { location: false }],
    ['company domain', lead({ contact: { emails: ['dana@tokomaju.co.id', 'dana@gmail.com'] } }), {}, { companyDomain: true, freeMail: false }],
    ['free mail', lead({ contact: { emails: ['dana@Gmail.com'] } }), {}, { companyDomain: false, freeMail: true }],
    ['Indonesian free mail', lead({ contact: { emails: ['dana@yahoo.co.id'] } }), {}, { companyDomain: false, freeMail: true }],
    ['no email: neither', lead(), {}, { companyDomain: false, freeMail: false }],
  ];
  it.each(cases)('%s', (_name, input, config, expected) => {
    const got = fitMatches(input, icp(config));
    for (const [rule, value] of Object.entries(expected)) expect([rule, got[rule as keyof typeof got]]).toEqual([rule, value]);
  });
});

describe('scoreLead', () => {
  it('gives each matched fit rule its points and explains them', () => {
    const s = scoreLead(
      lead({
        contact: { title: 'Direktur Penjualan', emails: ['dana@tokomaju.co.id'] },
        company: { domain: 'tokomaju.co.id', industry: 'Retail', employees: 200 },
      }),
      DEFAULT_SCORING,
      NOW,
    );
    expect(s.parts).toEqual([
      { rule: 'fit.companySize', group: 'fit', points: 10 },
      { rule: 'fit.role', group: 'fit', points: 10 },
      { rule: 'fit.seniority', group: 'fit', points: 15 },
      { rule: 'fit.companyDomain', group: 'fit', points: 10 },
    ]);
    expect(s).toMatchObject({ fit: 45, engagement: 0, total: 45, salesReady: false });
  });

  it('takes negative points for free mail', () => {
    const s = scoreLead(lead({ contact: { emails: ['x@gmail.com'] } }), DEFAULT_SCORING, NOW);
    expect(s.parts).toEqual([{ rule: 'fit.freeMail', group: 'fit', points: -5 }]);
    expect(s.total).toBe(-5);
  });

  it.each([
    ['yes', 10],
    ['partial', 5],
    ['no', -10],
  ] as const)('BANT %s gives %i per field', (state, points) => {
    const s = scoreLead(lead({ bant: bantWith({ budget: state, need: state }) }), DEFAULT_SCORING, NOW);
    expect(s.parts).toEqual([
      { rule: 'fit.bant.budget', group: 'fit', points },
      { rule: 'fit.bant.need', group: 'fit', points },
    ]);
  });

  it('ignores unknown BANT answers', () => {
    expect(scoreLead(lead({ bant: emptyBant() }), DEFAULT_SCORING, NOW).parts).toEqual([]);
  });

  it('halves an activity per half-life', () => {
    const at = (days: number) => [{ kind: 'meeting' as const, at: NOW - days * DAY }];
    expect(scoreLead(lead({ activities: at(0) }), DEFAULT_SCORING, NOW).engagement).toBe(15);
    expect(scoreLead(lead({ activities: at(30) }), DEFAULT_SCORING, NOW).engagement).toBe(8); // 7.5 rounded
    const c = clone(DEFAULT_SCORING);
    c.engagement.points.meeting = 20;
    expect(scoreLead(lead({ activities: at(30) }), c, NOW).engagement).toBe(10);
    expect(scoreLead(lead({ activities: at(60) }), c, NOW).engagement).toBe(5);
    expect(scoreLead(lead({ activities: at(3000) }), c, NOW).parts).toEqual([]);
  });

  it('counts future activities as now, never more', () => {
    const s = scoreLead(lead({ activities: [{ kind: 'call', at: NOW + 365 * DAY }] }), DEFAULT_SCORING, NOW);
    expect(s.parts).toEqual([{ rule: 'eng.call', group: 'engagement', points: 10, count: 1 }]);
  });

  it('caps each kind and omits zero-point kinds', () => {
    const activities = [
      ...Array.from({ length: 20 }, () => ({ kind: 'email_in' as const, at: NOW })),
      { kind: 'note' as const, at: NOW },
      { kind: 'email_out' as const, at: NOW },
    ];
    const s = scoreLead(lead({ activities }), DEFAULT_SCORING, NOW);
    expect(s.parts).toEqual([
      { rule: 'eng.email_in', group: 'engagement', points: 40, count: 20 },
      { rule: 'eng.email_out', group: 'engagement', points: 1, count: 1 },
    ]);
  });

  it('adds accepted triggers and flags sales-ready at the threshold', () => {
    const input = lead({
      contact: { title: 'Head of Procurement', emails: ['a@acme.com'] },
      company: { domain: 'acme.com', industry: null, employees: 40 },
      activities: [{ kind: 'meeting', at: NOW }],
      acceptedTriggers: 1,
    });
    const s = scoreLead(input, DEFAULT_SCORING, NOW);
    expect(s.parts.at(-1)).toEqual({ rule: 'eng.triggers', group: 'engagement', points: 15, count: 1 });
    expect(s.total).toBe(10 + 10 + 15 + 10 + 15 + 15);
    expect(s.salesReady).toBe(true);
    const without = scoreLead({ ...input, acceptedTriggers: 0 }, DEFAULT_SCORING, NOW);
    expect(without).toMatchObject({ total: 60, salesReady: true }); // exactly at the threshold
    expect(scoreLead({ ...input, acceptedTriggers: 0 }, { ...DEFAULT_SCORING, threshold: 61 }, NOW).salesReady).toBe(false);
  });

  it('survives a corrupted store: NaN, Infinity, missing parts', () => {
    const bad = {
      ...DEFAULT_SCORING,
      fit: { ...DEFAULT_SCORING.fit, role: Number.NaN, seniority: Infinity },
      engagement: { points: { meeting: Infinity }, halfLifeDays: -3, maxPerKind: Number.NaN, triggerPoints: -Infinity },
      threshold: Number.NaN,
    } as unknown as ScoringConfig;
    const s = scoreLead(
      lead({
        contact: { title: 'CEO' },
        activities: [{ kind: 'meeting', at: Number.NaN }, { kind: 'meeting', at: NOW - 1 }, { kind: 'bogus' as ActivityKind, at: NOW }],
        acceptedTriggers: Infinity,
      }),
      bad,
      NOW,
    );
    expect(Number.isFinite(s.total)).toBe(true);
    expect(s.parts).toEqual([
      { rule: 'fit.seniority', group: 'fit', points: 100 },
      { rule: 'eng.meeting', group: 'engagement', points: 40, count: 1 },
    ]);
    expect(scoreLead(lead(), undefined as unknown as ScoringConfig, Number.NaN).total).toBe(0);
  });
});

// ------------------------------------------------------------ properties ---

const points = fc.integer({ min: -100, max: 100 });
const bantPts = fc.record({ yes: points, partial: points, no: points });
const configArb: fc.Arbitrary<ScoringConfig> = fc.record({
  icp: fc.record({
    industries: fc.subarray(['retail', 'manufacturing', 'software']),
    minEmployees: fc.option(fc.nat(1000), { nil: null }),
    maxEmployees: fc.option(fc.nat(100_000), { nil: null }),
    roleKeywords: fc.subarray(DEFAULT_SCORING.icp.roleKeywords),
    seniorityKeywords: fc.subarray(DEFAULT_SCORING.icp.seniorityKeywords),
    locations: fc.subarray(['jakarta', 'bandung']),
  }),
  fit: fc.record({
    industry: points,
    companySize: points,
    role: points,
    seniority: points,
    location: points,
    companyDomain: points,
    freeMail: points,
    bant: fc.record({ budget: bantPts, authority: bantPts, need: bantPts, timeline: bantPts }),
  }),
  engagement: fc.record({
    points: fc.record(Object.fromEntries(KINDS.map((k) => [k, fc.integer({ min: 0, max: 100 })])) as Record<ActivityKind, fc.Arbitrary<number>>),
    halfLifeDays: fc.double({ min: 0.01, max: 3650, noNaN: true }),
    maxPerKind: fc.integer({ min: 0, max: 1000 }),
    triggerPoints: fc.integer({ min: 0, max: 100 }),
  }),
  threshold: fc.integer({ min: 1, max: 500 }),
});

const time = fc.integer({ min: NOW - 3000 * DAY, max: NOW + 30 * DAY });
const activityArb = fc.record({ kind: fc.constantFrom(...KINDS), at: time });
const stateArb = fc.constantFrom<BantState>('unknown', 'yes', 'no', 'partial');
const leadArb: fc.Arbitrary<LeadInput> = fc.record({
  contact: fc.record({
    title: fc.option(fc.constantFrom('Head of Sales', 'Engineer', 'Direktur Pengadaan', 'CEO', 'Manajer Operasional'), { nil: null }),
    headline: fc.option(fc.constantFrom('Marketing at Acme', 'Founder', 'Student'), { nil: null }),
    location: fc.option(fc.constantFrom('Jakarta, Indonesia', 'Bandung', 'Berlin'), { nil: null }),
    emails: fc.subarray(['a@gmail.com', 'b@acme.com', 'c@yahoo.co.id']),
  }),
  company: fc.option(
    fc.record({
      domain: fc.constant(null),
      industry: fc.option(fc.constantFrom('Retail', 'Software', 'Food Manufacturing'), { nil: null }),
      employees: fc.option(fc.nat(10_000), { nil: null }),
    }),
    { nil: null },
  ),
  bant: fc.option(
    fc.record({ budget: stateArb, authority: stateArb, need: stateArb, timeline: stateArb }).map((s) => bantWith(s)),
    { nil: null },
  ),
  activities: fc.array(activityArb, { maxLength: 30 }),
  acceptedTriggers: fc.nat(5),
});

/** Every numeric leaf of the config, as a path. */
function numericPaths(o: unknown, prefix: string[] = []): string[][] {
  if (typeof o === 'number') return [prefix];
  if (o && typeof o === 'object' && !Array.isArray(o)) return Object.entries(o).flatMap(([k, v]) => numericPaths(v, [...prefix, k]));
  return [];
}
const RAISABLE = numericPaths(DEFAULT_SCORING).filter(
  (p) => !['threshold', 'halfLifeDays', 'minEmployees', 'maxEmployees'].includes(p.at(-1)!),
);
function setPath(o: unknown, path: string[], f: (n: number) => number): void {
  let cur = o as Record<string, unknown>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  const last = path.at(-1)!;
  cur[last] = f(cur[last] as number);
}

describe('scoreLead properties', () => {
  it('total is the sum of the parts, and each group the sum of its parts', () => {
    fc.assert(
      fc.property(leadArb, configArb, time, (input, config, now) => {
        const s = scoreLead(input, config, now);
        expect(s.total).toBe(sum(s.parts));
        expect(s.total).toBe(s.fit + s.engagement);
        expect(s.fit).toBe(sum(s.parts.filter((p) => p.group === 'fit')));
        expect(s.engagement).toBe(sum(s.parts.filter((p) => p.group === 'engagement')));
        expect(s.parts.every((p) => Number.isInteger(p.points) && p.points !== 0)).toBe(true);
        // SCORE_RULES lists every rule (and so every i18n key, see lib/i18n/keys.test.ts) a score can show.
        for (const p of s.parts) expect(SCORE_RULES).toContain(p.rule);
        expect(s.salesReady).toBe(s.total >= config.threshold);
      }),
    );
  });

  it('stays finite for absurd numbers anywhere in the config and dates', () => {
    const absurd = fc.oneof(
      fc.double(),
      fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE),
    );
    fc.assert(
      fc.property(
        leadArb,
        fc.array(fc.tuple(fc.constantFrom(...numericPaths(DEFAULT_SCORING)), absurd), { maxLength: 12 }),
        fc.array(fc.record({ kind: fc.constantFrom(...KINDS), at: absurd }), { maxLength: 10 }),
        absurd,
        fc.option(absurd, { nil: undefined }),
        (input, edits, weird, now, triggers) => {
          const config = clone(DEFAULT_SCORING);
          for (const [path, v] of edits) setPath(config, path, () => v);
          const s = scoreLead({ ...input, activities: [...input.activities, ...weird], acceptedTriggers: triggers }, config, now);
          for (const n of [s.total, s.fit, s.engagement, ...s.parts.map((p) => p.points)]) expect(Number.isFinite(n)).toBe(true);
          expect(s.total).toBe(sum(s.parts));
        },
      ),
    );
  });

  it('raising any one rule’s points never lowers the total', () => {
    fc.assert(
      fc.property(leadArb, configArb, time, fc.constantFrom(...RAISABLE), fc.integer({ min: 1, max: 300 }), (input, config, now, path, by) => {
        const raised = clone(config);
        setPath(raised, path, (n) => n + by);
        expect(scoreLead(input, raised, now).total).toBeGreaterThanOrEqual(scoreLead(input, config, now).total);
      }),
    );
  });

  it('decay never raises the score as time passes', () => {
    fc.assert(
      fc.property(leadArb, configArb, time, fc.integer({ min: 0, max: 1000 * DAY }), (input, config, now, later) => {
        expect(scoreLead(input, config, now + later).total).toBeLessThanOrEqual(scoreLead(input, config, now).total);
      }),
    );
  });

  it('one more activity never lowers engagement', () => {
    fc.assert(
      fc.property(leadArb, configArb, time, activityArb, (input, config, now, extra) => {
        const more = { ...input, activities: [...input.activities, extra] };
        expect(scoreLead(more, config, now).engagement).toBeGreaterThanOrEqual(scoreLead(input, config, now).engagement);
      }),
    );
  });
});
