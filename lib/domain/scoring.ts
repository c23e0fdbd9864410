/**
 * Lead score = customer fit + engagement (docs/sales-method.md, "Lead scoring").
 * Pure: no DOM, no storage; `now` and the config are arguments. Every score
 * explains itself: its parts, rounded one by one, add up to it exactly.
 */
import { z } from 'zod';
import { BANT_FIELDS, type Bant, type BantField } from './bant';
import { emailDomain, isFreeMailDomain } from './email';
import { normalizeCompanyName } from './match';
import { ActivityKindSchema, type ActivityKind } from './records';

export const FIT_RULES = ['industry', 'companySize', 'role', 'seniority', 'location', 'companyDomain', 'freeMail'] as const;
export type FitRule = (typeof FIT_RULES)[number];

const ACTIVITY_KINDS = ActivityKindSchema.options;
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------- config ---

/** Bounds shared by the schema and the sanitiser, so both agree on "sane". */
const LIMITS = {
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
function fold(s: unknown): string {
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
export type IcpKeywordList = (typeof ICP_KEYWORD_LISTS)[number];

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
const bantPoints = z.object({ yes: fitPoints, partial: fitPoints, no: fitPoints });

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
function num(v: unknown, min: number, max: number, fallback: number): number {
  if (typeof v !== 'number' || Number.isNaN(v)) return fallback;
  return Math.min(max, Math.max(min, v));
}
const int = (v: unknown, min: number, max: number, fallback: number) => Math.round(num(v, min, max, fallback));

interface Sane {
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
function sanitize(config: ScoringConfig): Sane {
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

// ------------------------------------------------------------------- fit ---

export interface LeadInput {
  contact: { title: string | null; headline: string | null; location: string | null; emails: string[] };
  company: { domain: string | null; industry: string | null; employees: number | null } | null;
  bant: Bant | null;
  activities: readonly { kind: ActivityKind; at: number }[];
  /** Demo and quote requests the rep accepted from trigger suggestions. */
  acceptedTriggers?: number;
}

/** Whole-word (or whole-phrase) containment on folded text: "Head of Sales" holds "head", not "sale". */
function hasPhrase(haystack: string, needles: readonly string[]): boolean {
  if (!haystack) return false;
  const hay = ` ${haystack} `;
  return needles.some((n) => n !== '' && hay.includes(` ${n} `));
}

// Scoring 10,000 leads against one config folds its keyword lists once, not 10,000 times.
const folded = new WeakMap<readonly unknown[], string[]>();
const foldAll = (list: unknown): string[] => {
  if (!Array.isArray(list)) return [];
  let out = folded.get(list);
  if (!out) folded.set(list, (out = list.map(fold).filter(Boolean)));
  return out;
};

/** The primary (first) address's domain, or null when the contact has no usable address. */
function primaryDomain(emails: unknown): string | null {
  if (!Array.isArray(emails)) return null;
  const first = emails.find((e): e is string => typeof e === 'string' && e.includes('@'));
  if (!first) return null;
  const domain = emailDomain(first.trim());
  return domain.includes('.') ? domain : null;
}

/** Which ICP attributes hold for the lead. */
export function fitMatches(input: LeadInput, icp: ScoringConfig['icp']): Record<FitRule, boolean> {
  const contact = input?.contact ?? ({} as Partial<LeadInput['contact']>);
  const company = input?.company ?? null;
  const words = `${fold(contact.title)} ${fold(contact.headline)}`.trim();

  const employees = company?.employees;
  const min = typeof icp?.minEmployees === 'number' && !Number.isNaN(icp.minEmployees) ? icp.minEmployees : null;
  const max = typeof icp?.maxEmployees === 'number' && !Number.isNaN(icp.maxEmployees) ? icp.maxEmployees : null;
  const companySize =
    typeof employees === 'number' &&
    Number.isFinite(employees) &&
    (min !== null || max !== null) &&
    (min === null || employees >= min) &&
    (max === null || employees <= max);

  const domain = primaryDomain(contact.emails);
  return {
    industry: hasPhrase(fold(company?.industry), foldAll(icp?.industries)),
    companySize,
    role: hasPhrase(words, foldAll(icp?.roleKeywords)),
    seniority: hasPhrase(words, foldAll(icp?.seniorityKeywords)),
    location: hasPhrase(fold(contact.location), foldAll(icp?.locations)),
    companyDomain: domain !== null && !isFreeMailDomain(domain),
    freeMail: domain !== null && isFreeMailDomain(domain),
  };
}

/** The BANT answers that score points (an unknown one scores none). */
export const SCORED_BANT_STATES = ['yes', 'partial', 'no'] as const;
export type ScoredBantState = (typeof SCORED_BANT_STATES)[number];

/** A "what converts" attribute: a fit rule, or a BANT answer such as `bant.budget.yes`. */
export type ConversionAttribute = FitRule | `bant.${BantField}.${ScoredBantState}`;

/**
 * What the "what converts" report compares: the fit attributes plus each BANT
 * answer, e.g. `bant.budget.yes`.
 */
export function conversionAttributes(input: LeadInput, icp: ScoringConfig['icp']): Record<ConversionAttribute, boolean> {
  const out: Partial<Record<ConversionAttribute, boolean>> = { ...fitMatches(input, icp) };
  for (const f of BANT_FIELDS) {
    const state = input?.bant?.[f]?.state;
    for (const s of SCORED_BANT_STATES) out[`bant.${f}.${s}`] = state === s;
  }
  return out as Record<ConversionAttribute, boolean>;
}

/** Reads back an attribute of a stored deal (written by an older version, perhaps): null when it is none of ours. */
export function parseConversionAttribute(
  attribute: string,
): { fit: FitRule } | { bant: BantField; state: ScoredBantState } | null {
  if ((FIT_RULES as readonly string[]).includes(attribute)) return { fit: attribute as FitRule };
  const [head, field, state, ...rest] = attribute.split('.');
  const isField = (BANT_FIELDS as readonly (string | undefined)[]).includes(field);
  const isState = (SCORED_BANT_STATES as readonly (string | undefined)[]).includes(state);
  return head === 'bant' && isField && isState && rest.length === 0 ? { bant: field as BantField, state: state as ScoredBantState } : null;
}

// ----------------------------------------------------------------- score ---

/** What gave a lead points; each is also its i18n key. */
export type ScoreRule = `fit.${FitRule}` | `fit.bant.${BantField}` | `eng.${ActivityKind}` | 'eng.triggers';
export const SCORE_RULES: readonly ScoreRule[] = [
  ...FIT_RULES.map((r) => `fit.${r}` as const),
  ...BANT_FIELDS.map((f) => `fit.bant.${f}` as const),
  ...ACTIVITY_KINDS.map((k) => `eng.${k}` as const),
  'eng.triggers',
];

export interface LeadScorePart {
  /** i18n key: `fit.industry`, `fit.bant.budget`, `eng.email_in`, `eng.triggers`, … */
  rule: ScoreRule;
  group: 'fit' | 'engagement';
  points: number;
  /** How many activities (or accepted triggers) gave the points. */
  count?: number;
}
export interface LeadScore {
  fit: number;
  engagement: number;
  /** Always exactly fit + engagement, and the sum of `parts`. */
  total: number;
  salesReady: boolean;
  parts: LeadScorePart[];
}

export function scoreLead(input: LeadInput, config: ScoringConfig, now: number): LeadScore {
  const cfg = sanitize(config);
  const parts: LeadScorePart[] = [];

  const matches = fitMatches(input, config?.icp ?? DEFAULT_SCORING.icp);
  for (const rule of FIT_RULES) {
    if (matches[rule] && cfg.fit[rule] !== 0) parts.push({ rule: `fit.${rule}`, group: 'fit', points: cfg.fit[rule] });
  }
  for (const f of BANT_FIELDS) {
    const state = input?.bant?.[f]?.state;
    if (state !== 'yes' && state !== 'partial' && state !== 'no') continue;
    const points = cfg.bant[f][state];
    if (points !== 0) parts.push({ rule: `fit.bant.${f}`, group: 'fit', points });
  }

  // Engagement: each activity's points halve every half-life; the future counts as now.
  const sums = new Map<ActivityKind, { sum: number; count: number }>();
  const activities: LeadInput['activities'] = Array.isArray(input?.activities) ? input.activities : [];
  if (Number.isFinite(now)) {
    for (const a of activities) {
      const kind = a?.kind;
      if (!Object.prototype.hasOwnProperty.call(cfg.points, kind) || typeof a.at !== 'number' || !Number.isFinite(a.at)) continue;
      const ageDays = Math.max(0, (now - a.at) / DAY_MS);
      const value = cfg.points[kind] * 0.5 ** (ageDays / cfg.halfLifeDays);
      const entry = sums.get(kind) ?? { sum: 0, count: 0 };
      entry.sum += value;
      entry.count += 1;
      sums.set(kind, entry);
    }
  }
  for (const kind of ACTIVITY_KINDS) {
    const entry = sums.get(kind);
    if (!entry) continue;
    const points = Math.round(Math.min(cfg.maxPerKind, entry.sum));
    if (points !== 0) parts.push({ rule: `eng.${kind}`, group: 'engagement', points, count: entry.count });
  }
  const triggers = Math.floor(num(input?.acceptedTriggers, 0, LIMITS.maxTriggers, 0));
  if (triggers > 0) {
    const points = Math.round(Math.min(cfg.maxPerKind, triggers * cfg.triggerPoints));
    if (points !== 0) parts.push({ rule: 'eng.triggers', group: 'engagement', points, count: triggers });
  }

  const sum = (group: LeadScorePart['group']) =>
    parts.filter((p) => p.group === group).reduce((s, p) => s + p.points, 0);
  const fit = sum('fit');
  const engagement = sum('engagement');
  const total = fit + engagement;
  return { fit, engagement, total, salesReady: total >= cfg.threshold, parts };
}

// --------------------------------------------------------- what converts ---

export interface ConvertRow {
  attribute: string;
  wonWith: number;
  lostWith: number;
  wonWithout: number;
  lostWithout: number;
  winRateWith: number | null;
  winRateWithout: number | null;
  /** winRateWith − winRateWithout (a difference of shares, −1..1); null when a group is empty. */
  lift: number | null;
  sample: number;
  reliable: boolean;
  /** Fit points the history supports, only when reliable. */
  suggestedPoints: number | null;
}

/**
 * From closed deals, which attributes go with winning: per attribute the win
 * rate of deals that had it against those that did not.
 */
export function whatConverts(
  deals: readonly { status: 'won' | 'lost'; matches: Record<string, boolean> }[],
  minSample = 10,
): ConvertRow[] {
  const closed = (Array.isArray(deals) ? deals : []).filter((d) => d?.status === 'won' || d?.status === 'lost');
  const min = num(minSample, 0, Number.MAX_SAFE_INTEGER, 10);
  const attributes = new Set<string>();
  for (const d of closed) for (const k of Object.keys(d.matches ?? {})) attributes.add(k);

  const rows: ConvertRow[] = [];
  for (const attribute of attributes) {
    let wonWith = 0, lostWith = 0, wonWithout = 0, lostWithout = 0;
    for (const d of closed) {
      const has = d.matches?.[attribute] === true;
      if (d.status === 'won') {
        if (has) wonWith++;
        else wonWithout++;
      } else if (has) lostWith++;
      else lostWithout++;
    }
    const withN = wonWith + lostWith;
    const withoutN = wonWithout + lostWithout;
    const winRateWith = withN > 0 ? wonWith / withN : null;
    const winRateWithout = withoutN > 0 ? wonWithout / withoutN : null;
    const lift = winRateWith !== null && winRateWithout !== null ? winRateWith - winRateWithout : null;
    const sample = withN + withoutN;
    const reliable = lift !== null && withN >= min / 2 && withoutN >= min / 2 && sample >= min;
    // `+ 0` turns a -0 into 0.
    const suggestedPoints = reliable ? Math.min(20, Math.max(-20, Math.round(20 * lift))) + 0 : null;
    rows.push({ attribute, wonWith, lostWith, wonWithout, lostWithout, winRateWith, winRateWithout, lift, sample, reliable, suggestedPoints });
  }
  const mag = (r: ConvertRow) => (r.lift === null ? -1 : Math.abs(r.lift));
  return rows.sort(
    (a, b) =>
      Number(b.reliable) - Number(a.reliable) || mag(b) - mag(a) || (a.attribute < b.attribute ? -1 : a.attribute > b.attribute ? 1 : 0),
  );
}
