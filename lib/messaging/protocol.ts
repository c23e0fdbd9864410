// zod/mini, like the reader schemas it embeds (they run in content scripts).
import * as z from 'zod/mini';
import type { BantPatch } from '../domain/bant';
import type { Settings } from '../domain/settings';
import type { Stage } from '../domain/stages';
import type { StageChip } from '../services/chips';
import type { BantResult, CloseResult, MoveResult } from '../services/deals';
import type { LinkResult } from '../services/linkedin';
import type { AddDetailsResult } from '../services/contact-details';
import type { BulkResult } from '../services/bulk-stage';
import type { ContactEditResult } from '../services/contact-edit';
import type { DeleteResult, MergeResult } from '../services/merge';
import type { ForgetResult } from '../services/forget';
import type { SaveStagesResult } from '../services/stages';
import type { AcceptResult } from '../services/triggers';
import type { SyncFailure } from '../sync/transport';
import { GmailComposeSchema, GmailThreadSchema } from '../sites/gmail/types';
import { LinkedInContactInfoSchema, LinkedInConversationSchema, LinkedInProfileSchema, LinkedInProfileUrlSchema } from '../sites/linkedin/types';
import { ProfileFactsSchema, ThreadMessagesSchema } from './live';
import { ask, parsedByService, unionOf, type MessageOf, type ReplyOf, type RequestOf } from './table';

// Adding a message: one row in CS_TO_BG or UI_TO_BG (its fields and its reply
// type), then its handler in the background; the compiler points at whatever
// is missing or answers the wrong shape.

const EmailSchema = z.email().check(z.maxLength(320));

// Messages are named by direction (darkreader's habit): CS = content script,
// UI = an extension page (sidebar, popup, options), BG = the background.

export const PageContextSchema = z.discriminatedUnion('site', [
  z.object({
    site: z.literal('gmail'),
    url: z.string().check(z.maxLength(4000)),
    account: z.nullable(EmailSchema),
    thread: z.nullable(GmailThreadSchema),
  }),
  z.object({
    site: z.literal('linkedin'),
    url: z.string().check(z.maxLength(4000)),
    profile: z.nullable(LinkedInProfileSchema),
    conversation: z.nullable(LinkedInConversationSchema),
    /** What the contact-info overlay shows, when it is open. */
    contactInfo: z.optional(z.nullable(LinkedInContactInfoSchema)),
  }),
]);
export type PageContext = z.infer<typeof PageContextSchema>;

/** A refusal a service answers in its own reply (not an error: the page words it for the rep). */
type Refusal<R> = Exclude<R, { ok: true }>;

/** Content script → background. */
export const CS_TO_BG = {
  /** Who is on screen in this tab. */
  'cs/context': ask({
    context: PageContextSchema,
    /** Message bodies by id, for trigger scanning only: scanned in memory, never stored. */
    bodies: z.optional(
      z.record(z.string().check(z.maxLength(200)), z.string().check(z.maxLength(50_000))).check(
        z.refine((r) => Object.keys(r).length <= 200, 'too many bodies'),
      ),
    ),
  }).answers<null>(),
  /** Inbox rows: which of these senders are contacts, and at which stage. */
  'cs/chips': ask({ emails: z.array(EmailSchema).check(z.maxLength(1000)) }).answers<Record<string, StageChip>>(),
  /** The rep sent a Gmail compose. */
  'cs/compose-sent': ask({ compose: GmailComposeSchema, account: z.nullable(EmailSchema) }).answers<{ logged: number }>(),
  /** The rep sent a LinkedIn message in the page's composer. */
  'cs/linkedin-sent': ask({ conversation: LinkedInConversationSchema }).answers<{ logged: number }>(),
  /** A fresh secret for the sidebar frame this content script just placed (the frame shows it with every command). */
  'cs/frame-token': ask({}).answers<string>(),
};
export const CStoBG = unionOf(CS_TO_BG);
/** A content-script message as the background's handler gets it (parsed). */
export type CStoBGMessage = MessageOf<typeof CS_TO_BG>;

const Id = z.string().check(z.minLength(1), z.maxLength(64));
const optText = (max: number) => z.optional(z.nullable(z.string().check(z.maxLength(max))));

export const NewPersonSchema = z.object({
  name: z.string().check(z.maxLength(300)),
  email: z.optional(z.nullable(EmailSchema)),
  title: optText(300),
  headline: optText(500),
  location: optText(300),
  companyName: optText(300),
  linkedinUrl: z.optional(z.nullable(LinkedInProfileUrlSchema)),
  photoUrl: optText(2000),
});

/** Extension page (sidebar, popup, options) → background. */
export const UI_TO_BG = {
  /** One click: contact + company + deal; then the thread on screen is logged. */
  'ui/create-person': ask({
    person: NewPersonSchema,
    thread: z.optional(ThreadMessagesSchema),
    account: z.optional(z.nullable(EmailSchema)),
  }).answers<{ contactId: string; created: boolean }>(),
  'ui/move-stage': ask({ dealId: Id, toStageId: z.optional(Id), reason: optText(300) }).answers<{ ok: true } | Refusal<MoveResult>>(),
  'ui/log-activity': ask({
    contactId: Id,
    kind: z.enum(['linkedin_connect', 'linkedin_message', 'linkedin_inmail', 'call', 'meeting', 'note']),
    text: optText(1000),
  }).answers<{ activityId: string }>(),
  'ui/delete-activity': ask({ id: Id }).answers<null>(),
  /** The rep confirmed a suggested contact is this LinkedIn person. */
  'ui/link-profile': ask({ contactId: Id, facts: ProfileFactsSchema }).answers<LinkResult>(),
  'ui/unlink-profile': ask({ contactId: Id }).answers<null>(),
  /** The rep added what LinkedIn's contact info shows (an address, a number, a site) to the person. */
  'ui/add-contact-details': ask({
    contactId: Id,
    emails: z.optional(z.array(EmailSchema).check(z.maxLength(5))),
    phones: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(40))).check(z.maxLength(5))),
    websites: z.optional(z.array(z.url({ protocol: /^https?$/ }).check(z.maxLength(500))).check(z.maxLength(5))),
  }).answers<AddDetailsResult>(),
  /** Any top-level settings; the service validates the merged whole (SettingsSchema) before writing. */
  'ui/update-settings': ask({ patch: parsedByService<Partial<Settings>>()(z.record(z.string(), z.unknown())) }).answers<
    { ok: true } | { ok: false; issues: string[] }
  >(),
  'ui/close-deal': ask({ dealId: Id, outcome: z.enum(['won', 'lost']), reason: optText(300) }).answers<CloseResult>(),
  'ui/reopen-deal': ask({ dealId: Id }).answers<{ ok: boolean }>(),
  /** A trigger suggestion accepted (the deal moves; gates apply) or dismissed. */
  'ui/accept-suggestion': ask({
    id: z.string().check(z.minLength(1), z.maxLength(400)),
    lostReason: z.string().check(z.minLength(1), z.maxLength(300)),
  }).answers<{ ok: true } | Refusal<AcceptResult>>(),
  'ui/dismiss-suggestion': ask({ id: z.string().check(z.minLength(1), z.maxLength(400)) }).answers<null>(),
  /** A partial BANT edit; the service merges it and validates the whole (BantSchema) before writing. */
  'ui/update-bant': ask({
    dealId: Id,
    patch: parsedByService<BantPatch>()(z.partialRecord(z.enum(['budget', 'authority', 'need', 'timeline']), z.record(z.string(), z.unknown()))),
  }).answers<{ ok: true } | Refusal<BantResult>>(),
  'ui/update-deal': ask({
    dealId: Id,
    patch: z.object({
      valueMinor: z.optional(z.number().check(z.int(), z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER))),
      currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/))),
      expectedCloseAt: z.optional(z.nullable(z.number().check(z.int(), z.nonnegative()))),
      title: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))),
      leadSource: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(60)))),
    }),
  }).answers<{ ok: boolean }>(),
  'ui/update-company': ask({
    companyId: Id,
    patch: z.object({
      name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))),
      industry: optText(120),
      employees: z.optional(z.nullable(z.number().check(z.int(), z.nonnegative(), z.maximum(10_000_000)))),
    }),
  }).answers<{ ok: boolean }>(),
  'ui/nudge-done': ask({ id: z.string().check(z.minLength(1), z.maxLength(300)) }).answers<null>(),
  'ui/nudge-snooze': ask({
    id: z.string().check(z.minLength(1), z.maxLength(300)),
    until: z.union([z.enum(['1d', '3d', 'nextWeek']), z.number().check(z.int(), z.positive())]),
  }).answers<{ until: number | null }>(),
  'ui/nudge-dismiss-deal': ask({ dealId: Id }).answers<null>(),
  /** Jump to where the person is: their Gmail conversation or LinkedIn profile. */
  'ui/open-contact': ask({ contactId: Id }).answers<{ url: string | null }>(),
  /** The dashboard's "Try with a sample pipeline" and "Remove sample data". */
  'ui/load-sample': ask({}).answers<{ contacts: number }>(),
  'ui/remove-sample': ask({}).answers<null>(),
  /** People & deals: merge two people into one, delete one, and undo either. */
  'ui/merge-contacts': ask({ keepId: Id, mergeId: Id }).answers<MergeResult>(),
  'ui/delete-contact': ask({ contactId: Id }).answers<DeleteResult>(),
  /** Deletes one deal (a tombstone), undoable like a person's delete. */
  'ui/delete-deal': ask({ dealId: Id }).answers<DeleteResult>(),
  /** Deletes a company (a tombstone; its people and deals stay, without it), undoable. */
  'ui/delete-company': ask({ companyId: Id }).answers<DeleteResult>(),
  /** A data-protection request: everything about the person goes, for good (lib/services/forget.ts); no undo. */
  'ui/forget-contact': ask({ contactId: Id }).answers<ForgetResult>(),
  /** People & deals' person view: every field of the person; the service checks the whole before writing. */
  'ui/update-contact': ask({
    contactId: Id,
    patch: z.object({
      name: z.optional(z.string().check(z.maxLength(300))),
      emails: z.optional(z.array(z.string().check(z.maxLength(320))).check(z.maxLength(50))),
      title: optText(300),
      headline: optText(500),
      location: optText(300),
      linkedinUrl: optText(500),
      companyName: optText(300),
    }),
  }).answers<{ ok: true } | Refusal<ContactEditResult>>(),
  /** People & deals' bulk stage change: each deal as if moved alone (gates apply); Lost takes one reason for all. */
  'ui/move-deals': ask({ dealIds: z.array(Id).check(z.minLength(1), z.maxLength(10_000)), to: Id, reason: optText(300) }).answers<BulkResult>(),
  'ui/undo': ask({ undoId: z.string().check(z.minLength(1), z.maxLength(100)) }).answers<{ ok: boolean }>(),
  /** The stage editor: the new pipeline (the service parses it with StageEditSchema), and where the deals of removed stages go. */
  'ui/save-stages': ask({ stages: parsedByService<Stage[]>()(z.unknown()), moves: z.record(z.string(), Id) }).answers<SaveStagesResult>(),
  /** Sync (optional): pair with a server (the background checks the address), run now, stop (data kept). */
  'ui/sync-connect': ask({ url: z.string().check(z.maxLength(500)), code: z.string().check(z.maxLength(40)) }).answers<
    { ok: true } | { ok: false; code: SyncFailure['code']; message: string }
  >(),
  'ui/sync-now': ask({}).answers<{ ok: boolean; code: SyncFailure['code'] | null }>(),
  'ui/sync-disconnect': ask({}).answers<null>(),
};
export const UItoBG = unionOf(UI_TO_BG);
/** An extension-page message as the background's handler gets it (parsed). */
export type UItoBGMessage = MessageOf<typeof UI_TO_BG>;

type Messages = typeof CS_TO_BG & typeof UI_TO_BG;
export type MessageType = keyof Messages;
/** The commands an extension page may send. */
export type UIMessageType = keyof typeof UI_TO_BG;
/** A message as its sender builds it: the payloads checked by a service are held to their real types here. */
export type Request<K extends MessageType = MessageType> = RequestOf<Messages, K>;
/** What the background answers to a message of type K (inside `Reply`). */
export type ReplyTo<K extends MessageType> = ReplyOf<Messages, K>;

/** storage_full / storage_failed: IndexedDB refused the write (disk full; aborted or closed); nothing was written. */
export type ErrorCode = 'bad_request' | 'forbidden' | 'internal' | 'storage_full' | 'storage_failed';
export type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: ErrorCode; message: string } };

