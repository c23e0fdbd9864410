import { DEFAULT_SCORING, ScoringConfigSchema, type ScoringConfig } from './scoring-config';

const clone = (c: ScoringConfig): ScoringConfig => structuredClone(c);

describe('DEFAULT_SCORING', () => {
  it('is valid', () => {
    expect(ScoringConfigSchema.parse(DEFAULT_SCORING)).toEqual(DEFAULT_SCORING);
  });
});

describe('ScoringConfigSchema', () => {
  const issues = (c: unknown) => {
    const r = ScoringConfigSchema.safeParse(c);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('rejects empties, duplicates (case and accents aside) and over-long keywords', () => {
    const c = clone(DEFAULT_SCORING);
    c.icp.roleKeywords = ['Sales', ' ', 'sales'];
    c.icp.industries = ['Café', 'cafe', 'x'.repeat(81)];
    const found = issues(c);
    expect(found).toContain('icp.roleKeywords.1: Role keywords: an entry is empty');
    expect(found.some((i) => i.startsWith('icp.roleKeywords.2:') && i.includes('repeats'))).toBe(true);
    expect(found.some((i) => i.startsWith('icp.industries.1:') && i.includes('repeats'))).toBe(true);
    expect(found.some((i) => i.startsWith('icp.industries.2:') && i.includes('80'))).toBe(true);
  });
  it('rejects out-of-range numbers and min > max', () => {
    const c = clone(DEFAULT_SCORING);
    c.engagement.halfLifeDays = 0;
    c.fit.role = 1000;
    c.engagement.points.meeting = -1;
    c.icp.maxEmployees = 5;
    c.threshold = Number.NaN;
    const found = issues(c).join('\n');
    expect(found).toMatch(/engagement\.halfLifeDays: the half-life must be more than 0 days/);
    expect(found).toMatch(/fit\.role: points must be at most 100/);
    expect(found).toMatch(/engagement\.points\.meeting: engagement points cannot be negative/);
    expect(found).toMatch(/icp\.maxEmployees: the minimum company size is larger than the maximum/);
    expect(found).toMatch(/threshold/);
    const long = clone(DEFAULT_SCORING);
    long.engagement.halfLifeDays = 3651;
    expect(issues(long)).toHaveLength(1);
  });
});
