import { z } from 'zod';
import { BantSchema } from './bant';
import { EmailSchema } from './email';

// Every record is sync-ready from day one: a client-made time-sortable id,
// timestamps in epoch ms and a tombstone instead of a hard delete
// (docs/architecture.md, "Invariants").
const Id = z.string().min(1).max(64);
const Time = z.number().int().nonnegative();
const Text = (max: number) => z.string().max(max);

export const BaseRecord = z.object({
  id: Id,
  createdAt: Time,
  updatedAt: Time,
  deletedAt: Time.nullable(),
});

export const ContactSchema = BaseRecord.extend({
  name: Text(300),
  /** Normalised addresses; the first is the primary one. */
  emails: z.array(EmailSchema).max(50),
  title: Text(300).nullable(),
  headline: Text(500).nullable(),
  location: Text(300).nullable(),
  companyId: Id.nullable(),
  /** Canonical https://www.linkedin.com/in/<slug>/, at most one per contact. */
  linkedinUrl: Text(500).nullable(),
  photoUrl: Text(2000).nullable(),
  /** Phone numbers as the person wrote them (from LinkedIn's contact info, or typed); absent on older records. */
  phones: z.array(Text(40)).max(10).optional(),
  /** Their websites (https/http); absent on older records. */
  websites: z.array(Text(500)).max(10).optional(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const CompanySchema = BaseRecord.extend({
  name: Text(300),
  /** Lower-case domain; null for companies known only by name (e.g. from LinkedIn). */
  domain: Text(253).nullable(),
  /** For the ideal-customer-profile fit. */
  industry: Text(120).nullable().default(null),
  employees: z.number().int().nonnegative().max(10_000_000).nullable().default(null),
});
export type Company = z.infer<typeof CompanySchema>;

export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/);

export const DealStatusSchema = z.enum(['open', 'won', 'lost']);
export type DealStatus = z.infer<typeof DealStatusSchema>;

export const DealSchema = BaseRecord.extend({
  contactId: Id,
  companyId: Id.nullable(),
  title: Text(300),
  stageId: Id,
  /** When the deal entered its current stage. */
  stageEnteredAt: Time,
  status: DealStatusSchema,
  /** Money in minor units (cents, sen) of `currency`. */
  valueMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  currency: CurrencySchema,
  /** The rep who owns it (their address), null until known. */
  owner: EmailSchema.nullable(),
  expectedCloseAt: Time.nullable(),
  closedAt: Time.nullable(),
  lostReason: Text(300).nullable(),
  /** BANT qualification; null until the rep starts it. */
  bant: BantSchema.nullable().default(null),
  /** Where the lead came from: a built-in id (lib/domain/lead-source) or the rep's own name; null when not known. */
  leadSource: Text(60).nullable().default(null),
});
export type Deal = z.infer<typeof DealSchema>;

/** Insert-only: metrics (time in stage, velocity) are computed from this history. */
export const StageChangeSchema = z.object({
  id: Id,
  dealId: Id,
  /** null when the deal was created. */
  fromStageId: Id.nullable(),
  toStageId: Id,
  /** Outcome reached by this change, if any. */
  status: DealStatusSchema,
  at: Time,
  reason: Text(300).nullable(),
  createdAt: Time,
});
export type StageChange = z.infer<typeof StageChangeSchema>;

export const ActivityKindSchema = z.enum([
  'email_in',
  'email_out',
  'linkedin_connect',
  'linkedin_message',
  'linkedin_inmail',
  'call',
  'meeting',
  'note',
  'stage_change',
]);
export type ActivityKind = z.infer<typeof ActivityKindSchema>;

export const ChannelSchema = z.enum(['email', 'linkedin', 'phone', 'meeting', 'crm']);
export type Channel = z.infer<typeof ChannelSchema>;

export const ActivitySchema = BaseRecord.extend({
  kind: ActivityKindSchema,
  direction: z.enum(['in', 'out', 'none']),
  channel: ChannelSchema,
  /** When it happened (the message's own date when it could be read). */
  at: Time,
  /** Where it came from, e.g. the Gmail message id "msg-f:…"; null for manual entries. */
  sourceId: Text(200).nullable(),
  contactId: Id,
  dealId: Id.nullable(),
  /** Short text: a subject, a note. Never a whole email body. */
  text: Text(1000).nullable(),
});
export type Activity = z.infer<typeof ActivitySchema>;

export const ACTIVITY_DEFAULTS = {
  email_in: { direction: 'in', channel: 'email' },
  email_out: { direction: 'out', channel: 'email' },
  linkedin_connect: { direction: 'out', channel: 'linkedin' },
  linkedin_message: { direction: 'out', channel: 'linkedin' },
  linkedin_inmail: { direction: 'out', channel: 'linkedin' },
  call: { direction: 'out', channel: 'phone' },
  meeting: { direction: 'none', channel: 'meeting' },
  note: { direction: 'none', channel: 'crm' },
  stage_change: { direction: 'none', channel: 'crm' },
} as const satisfies Record<ActivityKind, { direction: Activity['direction']; channel: Channel }>;

/** A stage signal found in an incoming message: the rep accepts or dismisses it; the deal never moves on its own. */
export const SuggestionSchema = BaseRecord.extend({
  contactId: Id,
  dealId: Id,
  /** The message it was read from; with the trigger kind it makes the id, so one message never suggests twice. */
  messageId: Text(200),
  kind: Text(40),
  /** A stage id, or 'lost'. */
  stageId: Id,
  /** The matched words only: the body itself is never stored. */
  phrase: Text(200),
  at: Time,
  status: z.enum(['open', 'accepted', 'dismissed']),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

/** The rep's answer to a nudge instance (done, snoozed) or to a deal's nudges (dismissed for good). */
export const NudgeStateSchema = z.object({
  /** A nudge id, or `deal:<dealId>` for dismiss-forever. */
  id: Text(300),
  state: z.enum(['done', 'snoozed', 'dismissed']),
  until: Time.nullable(),
  updatedAt: Time,
});
export type NudgeState = z.infer<typeof NudgeStateSchema>;
