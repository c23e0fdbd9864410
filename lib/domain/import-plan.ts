import { z } from 'zod';
import type { ImportIssue, ImportRecord, ImportedDeal } from './import-rows';
import { closedStageId, LOST, WON, type StageTarget } from './import-stages';
import { ActivityKindSchema, CurrencySchema, DealStatusSchema } from './records';
import { EmailSchema } from './email';
import type { Stage } from './stages';

// The preview: what will happen to each row before anything is written.
// Duplicates are matched by lower-cased email, then LinkedIn profile URL,
// against the database and against earlier rows of the same file; the rep
// chooses merge or skip (for all, and per row).

export const ROW_ACTIONS = ['create', 'merge', 'skip', 'error'] as const;
export type RowAction = (typeof ROW_ACTIONS)[number];
export type DuplicateChoice = 'merge' | 'skip';

export interface Existing {
  byEmail: ReadonlyMap<string, string>;
  byLinkedIn: ReadonlyMap<string, string>;
}

export interface PlanRow {
  index: number;
  action: RowAction;
  /** The existing contact it duplicates, if any. */
  existingId: string | null;
  /** The earlier row of the file it duplicates, if any. */
  sameAs: number | null;
  issues: ImportIssue[];
}

export interface PlanOptions {
  duplicates: DuplicateChoice;
  /** Per-row overrides of `duplicates`, by row index. */
  rows?: ReadonlyMap<number, DuplicateChoice>;
}

export interface PlanTotals {
  create: number;
  merge: number;
  skip: number;
  error: number;
}

export function planImport(records: readonly ImportRecord[], existing: Existing, opts: PlanOptions): { rows: PlanRow[]; totals: PlanTotals } {
  const firstByKey = new Map<string, number>();
  const rows: PlanRow[] = [];
  const totals: PlanTotals = { create: 0, merge: 0, skip: 0, error: 0 };
  for (const r of records) {
    const issues = [...r.issues];
    const keys = [...r.contact.emails.map((e) => `e:${e}`), ...(r.contact.linkedinUrl ? [`l:${r.contact.linkedinUrl}`] : [])];
    let action: RowAction;
    let existingId: string | null = null;
    let sameAs: number | null = null;
    if (issues.some((i) => i.level === 'error')) action = 'error';
    else {
      existingId =
        r.contact.emails.map((e) => existing.byEmail.get(e)).find((id) => id !== undefined) ??
        (r.contact.linkedinUrl ? (existing.byLinkedIn.get(r.contact.linkedinUrl) ?? null) : null);
      const earlier = keys.map((k) => firstByKey.get(k)).find((i) => i !== undefined);
      if (earlier !== undefined) {
        sameAs = earlier;
        issues.push({ level: 'warning', code: 'duplicate_in_file', value: String(records[earlier]?.line ?? earlier) });
      }
      const choice = opts.rows?.get(r.index) ?? opts.duplicates;
      action = existingId !== null || sameAs !== null ? choice : 'create';
    }
    // Only rows that will be written claim their keys: a later row then merges into what exists.
    if (action === 'create' || action === 'merge') for (const k of keys) if (!firstByKey.has(k)) firstByKey.set(k, r.index);
    rows.push({ index: r.index, action, existingId, sameAs, issues });
    totals[action]++;
  }
  return { rows, totals };
}

/** Distinct stage values of the file, in order of first appearance. */
export function stageValues(records: readonly ImportRecord[]): string[] {
  return [...new Set(records.flatMap((r) => (r.deal?.stage ? [r.deal.stage] : [])))];
}

const Id = z.string().min(1).max(64);
const Time = z.number().int().nonnegative();
const text = (max: number) => z.string().max(max).nullable();

/** One row as the background writes it: parsed again there, as every message is. */
export const ImportOpSchema = z.object({
  /** The row's index in the file: later rows of the same person merge into what this one created. */
  index: z.number().int().nonnegative(),
  action: z.enum(['create', 'merge']),
  /** For a merge: the existing contact found in the preview (checked again when written). */
  existingId: Id.nullable(),
  /** For a merge into an earlier row of the same file. */
  sameAs: z.number().int().nonnegative().nullable(),
  contact: z.object({
    name: z.string().max(300),
    emails: z.array(EmailSchema).max(50),
    title: text(300),
    headline: text(500),
    location: text(300),
    company: text(300),
    companyDomain: text(253),
    linkedinUrl: z.string().regex(/^https:\/\/www\.linkedin\.com\/in\/[^/]+\/$/).max(500).nullable(),
    createdAt: Time.nullable(),
  }),
  deal: z
    .object({
      title: z.string().max(300),
      stageId: Id,
      status: DealStatusSchema,
      valueMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      currency: CurrencySchema,
      createdAt: Time.nullable(),
      closedAt: Time.nullable(),
      expectedCloseAt: Time.nullable(),
      lostReason: text(300),
      owner: EmailSchema.nullable(),
    })
    .nullable(),
  activities: z.array(z.object({ kind: ActivityKindSchema, at: Time, text: text(1000) })).max(1000),
});
export type ImportOp = z.infer<typeof ImportOpSchema>;

/** The deal as it will be stored: the stage map applied, a close date placed by the outcome. */
export function resolveDeal(
  d: ImportedDeal,
  fallbackTitle: string,
  map: ReadonlyMap<string, StageTarget>,
  stages: readonly Stage[],
  currency: string,
): NonNullable<ImportOp['deal']> {
  const target = d.stage ? (map.get(d.stage) ?? stages[0]!.id) : stages[0]!.id;
  const byStage = target === WON ? 'won' : target === LOST ? 'lost' : 'open';
  const status = d.status ?? byStage;
  const stageId = target === WON || target === LOST || !stages.some((s) => s.id === target) ? (status === 'open' ? stages[0]!.id : closedStageId(stages)) : target;
  const closed = status !== 'open';
  return {
    title: (d.title || fallbackTitle).slice(0, 300),
    stageId,
    status,
    valueMinor: d.valueMinor ?? 0,
    currency: d.currency ?? currency,
    createdAt: d.createdAt,
    closedAt: closed ? (d.closedAt ?? d.closeDate) : null,
    expectedCloseAt: closed ? d.expectedCloseAt : (d.expectedCloseAt ?? d.closeDate),
    lostReason: status === 'lost' ? d.lostReason : null,
    owner: d.owner,
  };
}

/** The rows to write, as the background takes them. */
export function importOps(
  records: readonly ImportRecord[],
  plan: readonly PlanRow[],
  map: ReadonlyMap<string, StageTarget>,
  stages: readonly Stage[],
  currency: string,
): ImportOp[] {
  const out: ImportOp[] = [];
  plan.forEach((p, i) => {
    if (p.action !== 'create' && p.action !== 'merge') return;
    const r = records[i]!;
    out.push({
      index: r.index,
      action: p.action,
      existingId: p.existingId,
      sameAs: p.sameAs,
      contact: { ...r.contact, company: r.contact.company },
      deal: r.deal ? resolveDeal(r.deal, r.contact.company ?? r.contact.name, map, stages, currency) : null,
      activities: r.activities,
    });
  });
  return out;
}
