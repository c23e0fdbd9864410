/**
 * The lead-scoring settings (docs/sales-method.md, "Lead scoring"): the ideal
 * customer profile, fit and engagement points and the sales-ready threshold;
 * their schema (what the rep may save), the defaults, and the sanitiser that
 * turns whatever a store holds into numbers the score can trust.
 */
import { z } from 'zod';
import { BANT_FIELDS, type BantField } from './bant';
import { normalizeCompanyName } from './match';
import { ActivityKindSchema, type ActivityKind } from './records';

export const FIT_RULES = ['industry', 'companySize', 'role', 'seniority', 'location', 'companyDomain', 'freeMail'] as const;
export type FitRule = (typeof FIT_RULES)[number];

/** The BANT answers that score points (an unknown one scores none). */
export const SCORED_BANT_STATES = ['yes', 'partial', 'no'] as const;
export type ScoredBantState = (typeof SCORED_BANT_STATES)[number];

const ACTIVITY_KINDS = ActivityKindSchema.options;

/** Bounds shared by the schema and the sanitiser, so both agree on "sane". */
export const LIMITS = {
  fitPoints: 100,
  engagementPoints: 100,
  maxPerKind: 1000,
  triggerPoints: 100,
  threshold: 10_000,
  halfLifeDays: 3650,
  employees: 10_000_000,
  maxTriggers: 1000,
} as const;

/** Folded for comparison: lower case, no accents, words split on punctuation. */
// Titles, headlines and places repeat across a pipeline ("Sales Manager", "Jakarta"):
// folding is pure, so a bounded cache spares re-normalising them for every lead.
const foldCache = new Map<string, string>();
export function fold(s: unknown): string {
  if (typeof s !== 'string' || s === '') return '';
  let out = foldCache.get(s);
  if (out === undefined) {
    if (foldCache.size >= 20_000) foldCache.clear();
    foldCache.set(s, (out = normalizeCompanyName(s)));
  }
  return out;
}

/** The ICP's keyword lists (the rest of the ICP is the employee range). */
export const ICP_KEYWORD_LISTS = ['industries', 'roleKeywords', 'seniorityKeywords', 'locations'] as const;

const keywordList = (what: string, max: number) =>
  z
    .array(
      z
        .string()
        .trim()
        .min(1, `${what}: an entry is empty`)
        .max(80, `${what}: an entry is longer than 80 characters`)
        .refine((s) => fold(s) !== '', `${what}: an entry needs a letter or a digit`),
    )
    .max(max, `${what}: at most ${max} entries`)
    .superRefine((list, ctx) => {
      const seen = new Map<string, number>();
      list.forEach((s, i) => {
        const key = fold(s);
        const first = seen.get(key);
        if (first !== undefined) {
          ctx.addIssue({ code: 'custom', path: [i], message: `${what}: "${s}" repeats entry ${first + 1}` });
        } else seen.set(key, i);
      });
    });

const fitPoints = z
  .number()
  .int('points must be whole numbers')
  .min(-LIMITS.fitPoints, `points must be at least -${LIMITS.fitPoints}`)
  .max(LIMITS.fitPoints, `points must be at most ${LIMITS.fitPoints}`);
const engagementPoints = z
  .number()
  .int('points must be whole numbers')
  .min(0, 'engagement points cannot be negative')
  .max(LIMITS.engagementPoints, `points must be at most ${LIMITS.engagementPoints}`);
const employees = z
  .number()
  .int('employee counts must be whole numbers')
  .min(0, 'employee counts cannot be negative')
  .max(LIMITS.employees)
  .nullable();
const bantPoints = z.object(Object.fromEntries(SCORED_BANT_STATES.map((s) => [s, fitPoints])) as Record<ScoredBantState, typeof fitPoints>);

export const ScoringConfigSchema = z.object({
  icp: z
    .object({
      industries: keywordList('Industries', 50),
      minEmployees: employees,
      maxEmployees: employees,
      roleKeywords: keywordList('Role keywords', 100),
      seniorityKeywords: keywordList('Seniority keywords', 100),
      locations: keywordList('Locations', 50),
    })
    .refine((icp) => icp.minEmployees === null || icp.maxEmployees === null || icp.minEmployees <= icp.maxEmployees, {
      message: 'the minimum company size is larger than the maximum',
      path: ['maxEmployees'],
    }),
  fit: z.object({
    industry: fitPoints,
    companySize: fitPoints,
    role: fitPoints,
    seniority: fitPoints,
    location: fitPoints,
    companyDomain: fitPoints,
    freeMail: fitPoints,
    bant: z.object({ budget: bantPoints, authority: bantPoints, need: bantPoints, timeline: bantPoints }),
  }),
  engagement: z.object({
    points: z.object(
      Object.fromEntries(ACTIVITY_KINDS.map((k) => [k, engagementPoints])) as Record<ActivityKind, typeof engagementPoints>,
    ),
    halfLifeDays: z
      .number()
      .gt(0, 'the half-life must be more than 0 days')
      .max(LIMITS.halfLifeDays, `the half-life must be at most ${LIMITS.halfLifeDays} days`),
    maxPerKind: z
      .number()
      .int()
      .min(0, 'the cap cannot be negative')
      .max(LIMITS.maxPerKind, `the cap must be at most ${LIMITS.maxPerKind}`),
    /** Per accepted demo or quote request (a trigger the rep confirmed). */
    triggerPoints: z
      .number()
      .int()
      .min(0, 'trigger points cannot be negative')
      .max(LIMITS.triggerPoints, `trigger points must be at most ${LIMITS.triggerPoints}`),
  }),
  /** Sales-ready when fit + engagement reaches this. */
  threshold: z
    .number()
    .int('the threshold must be a whole number')
    .min(1, 'the threshold must be at least 1')
    .max(LIMITS.threshold, `the threshold must be at most ${LIMITS.threshold}`),
});
export type ScoringConfig = z.infer<typeof ScoringConfigSchema>;

const BANT_DEFAULT = { yes: 10, partial: 5, no: -10 };

export const DEFAULT_SCORING: ScoringConfig = {
  icp: {
    industries: [],
    minEmployees: 10,
    maxEmployees: null,
    roleKeywords: ['sales', 'procurement', 'purchasing', 'operations', 'marketing', 'pengadaan', 'penjualan'],
    seniorityKeywords: [
      'head', 'vp', 'vice president', 'director', 'chief', 'cto', 'ceo', 'cfo', 'coo', 'founder', 'owner', 'manager',
      'kepala', 'direktur', 'manajer', 'pemilik',
    ],
    locations: [],
  },
  fit: {
    industry: 15,
    companySize: 10,
    role: 10,
    seniority: 15,
    location: 5,
    companyDomain: 10,
    freeMail: -5,
    bant: { budget: { ...BANT_DEFAULT }, authority: { ...BANT_DEFAULT }, need: { ...BANT_DEFAULT }, timeline: { ...BANT_DEFAULT } },
  },
  engagement: {
    points: {
      email_in: 8,
      email_out: 1,
      linkedin_connect: 3,
      linkedin_message: 4,
      linkedin_inmail: 3,
      call: 10,
      meeting: 15,
      note: 0,
      stage_change: 0,
    },
    halfLifeDays: 30,
    maxPerKind: 40,
    triggerPoints: 15,
  },
  threshold: 60,
};

// ------------------------------------------------------------ sanitising ---

/** A finite number within [min, max]; `fallback` for anything that is not a number. */
export function num(v: unknown, min: number, max: number, fallback: number): number {
  if (typeof v !== 'number' || Number.isNaN(v)) return fallback;
  return Math.min(max, Math.max(min, v));
}
const int = (v: unknown, min: number, max: number, fallback: number) => Math.round(num(v, min, max, fallback));

export interface Sane {
  fit: Record<FitRule, number>;
  bant: Record<BantField, { yes: number; partial: number; no: number }>;
  points: Record<ActivityKind, number>;
  halfLifeDays: number;
  maxPerKind: number;
  triggerPoints: number;
  threshold: number;
}

/**
 * The config as numbers that cannot make a NaN or an Infinity, whatever a
 * corrupted store holds. Clamping is monotonic, so raising a stored number
 * never lowers the score.
 */
const sanitized = new WeakMap<object, Sane>();
export function sanitize(config: ScoringConfig): Sane {
  if (config && typeof config === 'object') {
    let s = sanitized.get(config);
    if (!s) sanitized.set(config, (s = sanitizeUncached(config)));
    return s;
  }
  return sanitizeUncached(config);
}

function sanitizeUncached(config: ScoringConfig): Sane {
  const c = (config ?? {}) as Partial<ScoringConfig>;
  const fit = (c.fit ?? {}) as Partial<ScoringConfig['fit']>;
  const eng = (c.engagement ?? {}) as Partial<ScoringConfig['engagement']>;
  const P = LIMITS.fitPoints;
  const bantIn = (fit.bant ?? {}) as Partial<ScoringConfig['fit']['bant']>;
  const pointsIn = (eng.points ?? {}) as Partial<Record<ActivityKind, number>>;
  return {
    fit: Object.fromEntries(FIT_RULES.map((r) => [r, int(fit[r], -P, P, 0)])) as Record<FitRule, number>,
    bant: Object.fromEntries(
      BANT_FIELDS.map((f) => {
        const b = (bantIn[f] ?? {}) as Partial<{ yes: number; partial: number; no: number }>;
        return [f, { yes: int(b.yes, -P, P, 0), partial: int(b.partial, -P, P, 0), no: int(b.no, -P, P, 0) }];
      }),
    ) as Sane['bant'],
    points: Object.fromEntries(
      ACTIVITY_KINDS.map((k) => [k, num(pointsIn[k], 0, LIMITS.engagementPoints, 0)]),
    ) as Record<ActivityKind, number>,
    // A zero or negative half-life means "no memory": clamp to an hour rather than divide by 0.
    halfLifeDays: num(eng.halfLifeDays, 1 / 24, LIMITS.halfLifeDays, DEFAULT_SCORING.engagement.halfLifeDays),
    maxPerKind: num(eng.maxPerKind, 0, LIMITS.maxPerKind, DEFAULT_SCORING.engagement.maxPerKind),
    triggerPoints: num(eng.triggerPoints, 0, LIMITS.triggerPoints, 0),
    threshold: num(c.threshold, -LIMITS.threshold, LIMITS.threshold, DEFAULT_SCORING.threshold),
  };
}
