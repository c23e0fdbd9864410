// BANT qualification and per-stage gates (docs/sales-method.md, "Qualification: BANT").
import { z } from 'zod';

export const BANT_FIELDS = ['budget', 'authority', 'need', 'timeline'] as const;
export type BantField = (typeof BANT_FIELDS)[number];

export const BantStateSchema = z.enum(['unknown', 'yes', 'no', 'partial']);
export type BantState = z.infer<typeof BantStateSchema>;

/** Where a BANT answer came from: an email message or a LinkedIn activity. */
export const EvidenceSchema = z.object({
  kind: z.enum(['email', 'linkedin', 'activity']),
  /** Gmail message id ("msg-f:…") or activity id. */
  sourceId: z.string().min(1).max(200),
  /** A short quote or label the rep can recognise; never a whole email. */
  quote: z.string().max(300).nullable(),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

const text = z.string().trim().max(500).nullable();
const field = { state: BantStateSchema, evidence: EvidenceSchema.nullable() };

export const BantSchema = z.object({
  budget: z.object({
    ...field,
    amountMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable(),
    currency: z.string().regex(/^[A-Z]{3}$/).nullable(),
    text,
  }),
  authority: z.object({
    ...field,
    /** Who decides, in words. */
    text,
    /** Or another contact, e.g. someone on the thread's Cc. */
    contactId: z.string().min(1).max(64).nullable(),
  }),
  need: z.object({ ...field, text }),
  timeline: z.object({
    ...field,
    targetDate: z.number().int().nonnegative().nullable(),
    quarter: z.string().regex(/^\d{4}-Q[1-4]$/).nullable(),
    text,
  }),
});
export type Bant = z.infer<typeof BantSchema>;

/** An edit of some answers, as the sidebar sends it; only the merged whole is validated. */
export type BantPatch = { [F in BantField]?: Partial<Bant[F]> };

export function emptyBant(): Bant {
  const base = { state: 'unknown' as const, evidence: null };
  return {
    budget: { ...base, amountMinor: null, currency: null, text: null },
    authority: { ...base, text: null, contactId: null },
    need: { ...base, text: null },
    timeline: { ...base, targetDate: null, quarter: null, text: null },
  };
}

/** How many of the four are known (any state but unknown): the 0-4 indicator. */
export function bantCompleteness(bant: Bant | null | undefined): number {
  if (!bant) return 0;
  return BANT_FIELDS.filter((f) => bant[f].state !== 'unknown').length;
}

/** Per-stage gate: the BANT answers a deal needs before it may enter the stage. */
export const StageGateSchema = z.object({ requires: z.array(z.enum(BANT_FIELDS)).max(4) });
export type StageGate = z.infer<typeof StageGateSchema>;

/** What is still unknown for the gate; empty when the deal may move. */
export function gateMissing(gate: StageGate | null | undefined, bant: Bant | null | undefined): BantField[] {
  if (!gate) return [];
  return gate.requires.filter((f) => !bant || bant[f].state === 'unknown');
}
