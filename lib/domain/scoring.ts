/**
 * Lead score = customer fit + engagement (docs/sales-method.md, "Lead scoring").
 * Pure: no DOM, no storage; `now` and the config are arguments. Every score
 * explains itself: its parts, rounded one by one, add up to it exactly.
 */
import { BANT_FIELDS, type Bant, type BantField } from './bant';
import { emailDomain, isFreeMailDomain } from './email';
import { ActivityKindSchema, type ActivityKind } from './records';
import { DEFAULT_SCORING, FIT_RULES, fold, LIMITS, num, sanitize, type FitRule, type ScoringConfig } from './scoring-config';

const ACTIVITY_KINDS = ActivityKindSchema.options;
const DAY_MS = 86_400_000;

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
