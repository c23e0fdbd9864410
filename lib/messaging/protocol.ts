// zod/mini, like the reader schemas it embeds (they run in content scripts).
import * as z from 'zod/mini';
import { GmailComposeSchema, GmailThreadSchema } from '../sites/gmail/types';
import { LinkedInConversationSchema, LinkedInProfileSchema } from '../sites/linkedin/types';
import { ProfileFactsSchema, ThreadMessagesSchema } from './live';

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
  }),
]);
export type PageContext = z.infer<typeof PageContextSchema>;

export const CStoBG = z.discriminatedUnion('type', [
  /** Who is on screen in this tab. */
  z.object({
    type: z.literal('cs/context'),
    context: PageContextSchema,
    /** Message bodies by id, for trigger scanning only: scanned in memory, never stored. */
    bodies: z.optional(
      z.record(z.string().check(z.maxLength(200)), z.string().check(z.maxLength(50_000))).check(
        z.refine((r) => Object.keys(r).length <= 200, 'too many bodies'),
      ),
    ),
  }),
  /** Inbox rows: which of these senders are contacts, and at which stage. */
  z.object({ type: z.literal('cs/chips'), emails: z.array(EmailSchema).check(z.maxLength(1000)) }),
  /** The rep sent a Gmail compose. */
  z.object({ type: z.literal('cs/compose-sent'), compose: GmailComposeSchema, account: z.nullable(EmailSchema) }),
  /** The rep sent a LinkedIn message in the page's composer. */
  z.object({ type: z.literal('cs/linkedin-sent'), conversation: LinkedInConversationSchema }),
]);
export type CStoBGMessage = z.infer<typeof CStoBG>;

const Id = z.string().check(z.minLength(1), z.maxLength(64));
const optText = (max: number) => z.optional(z.nullable(z.string().check(z.maxLength(max))));

export const NewPersonSchema = z.object({
  name: z.string().check(z.maxLength(300)),
  email: z.optional(z.nullable(EmailSchema)),
  title: optText(300),
  headline: optText(500),
  location: optText(300),
  companyName: optText(300),
  linkedinUrl: optText(500),
  photoUrl: optText(2000),
});

export const ActivityKindSchema = z.enum([
  'email_in', 'email_out', 'linkedin_connect', 'linkedin_message', 'linkedin_inmail', 'call', 'meeting', 'note', 'stage_change',
]);

export const UItoBG = z.discriminatedUnion('type', [
  /** One click: contact + company + deal; then the thread on screen is logged. */
  z.object({
    type: z.literal('ui/create-person'),
    person: NewPersonSchema,
    thread: z.optional(ThreadMessagesSchema),
    account: z.optional(z.nullable(EmailSchema)),
  }),
  z.object({ type: z.literal('ui/move-stage'), dealId: Id, toStageId: z.optional(Id), reason: optText(300) }),
  z.object({
    type: z.literal('ui/log-activity'),
    contactId: Id,
    kind: z.enum(['linkedin_connect', 'linkedin_message', 'linkedin_inmail', 'call', 'meeting', 'note']),
    text: optText(1000),
  }),
  z.object({ type: z.literal('ui/delete-activity'), id: Id }),
  /** The rep confirmed a suggested contact is this LinkedIn person. */
  z.object({ type: z.literal('ui/link-profile'), contactId: Id, facts: ProfileFactsSchema }),
  z.object({ type: z.literal('ui/unlink-profile'), contactId: Id }),
  z.object({ type: z.literal('ui/update-settings'), patch: z.record(z.string(), z.unknown()) }),
  z.object({ type: z.literal('ui/close-deal'), dealId: Id, outcome: z.enum(['won', 'lost']), reason: optText(300) }),
  z.object({ type: z.literal('ui/reopen-deal'), dealId: Id }),
  /** A trigger suggestion accepted (the deal moves; gates apply) or dismissed. */
  z.object({ type: z.literal('ui/accept-suggestion'), id: z.string().check(z.minLength(1), z.maxLength(400)), lostReason: z.string().check(z.minLength(1), z.maxLength(300)) }),
  z.object({ type: z.literal('ui/dismiss-suggestion'), id: z.string().check(z.minLength(1), z.maxLength(400)) }),
  /** A partial BANT edit; the background validates the merged whole. */
  z.object({
    type: z.literal('ui/update-bant'),
    dealId: Id,
    patch: z.partialRecord(z.enum(['budget', 'authority', 'need', 'timeline']), z.record(z.string(), z.unknown())),
  }),
  z.object({
    type: z.literal('ui/update-deal'),
    dealId: Id,
    patch: z.object({
      valueMinor: z.optional(z.number().check(z.int(), z.nonnegative(), z.maximum(Number.MAX_SAFE_INTEGER))),
      currency: z.optional(z.string().check(z.regex(/^[A-Z]{3}$/))),
      expectedCloseAt: z.optional(z.nullable(z.number().check(z.int(), z.nonnegative()))),
      title: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))),
      leadSource: z.optional(z.nullable(z.string().check(z.trim(), z.minLength(1), z.maxLength(60)))),
    }),
  }),
  z.object({
    type: z.literal('ui/update-company'),
    companyId: Id,
    patch: z.object({
      name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))),
      industry: optText(120),
      employees: z.optional(z.nullable(z.number().check(z.int(), z.nonnegative(), z.maximum(10_000_000)))),
    }),
  }),
  z.object({ type: z.literal('ui/nudge-done'), id: z.string().check(z.minLength(1), z.maxLength(300)) }),
  z.object({
    type: z.literal('ui/nudge-snooze'),
    id: z.string().check(z.minLength(1), z.maxLength(300)),
    until: z.union([z.enum(['1d', '3d', 'nextWeek']), z.number().check(z.int(), z.positive())]),
  }),
  z.object({ type: z.literal('ui/nudge-dismiss-deal'), dealId: Id }),
  /** Jump to where the person is: their Gmail conversation or LinkedIn profile. */
  z.object({ type: z.literal('ui/open-contact'), contactId: Id }),
  /** The dashboard's "Try with a sample pipeline" and "Remove sample data". */
  z.object({ type: z.literal('ui/load-sample') }),
  z.object({ type: z.literal('ui/remove-sample') }),
  /** People & deals: merge two people into one, delete one, and undo either. */
  z.object({ type: z.literal('ui/merge-contacts'), keepId: Id, mergeId: Id }),
  z.object({ type: z.literal('ui/delete-contact'), contactId: Id }),
  z.object({ type: z.literal('ui/undo'), undoId: z.string().check(z.minLength(1), z.maxLength(100)) }),
  /** The stage editor: the new pipeline, and where the deals of removed stages go. */
  z.object({ type: z.literal('ui/save-stages'), stages: z.unknown(), moves: z.record(z.string(), Id) }),
  /** Sync (optional): pair with a server (the background checks the address), run now, stop (data kept). */
  z.object({ type: z.literal('ui/sync-connect'), url: z.string().check(z.maxLength(500)), code: z.string().check(z.maxLength(40)) }),
  z.object({ type: z.literal('ui/sync-now') }),
  z.object({ type: z.literal('ui/sync-disconnect') }),
]);
export type UItoBGMessage = z.infer<typeof UItoBG>;

export const BGtoCS = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bg/chips-stale') }),
  /** Report who is on screen again (with message bodies): a new contact's thread is then scanned for triggers. */
  z.object({ type: z.literal('bg/resend') }),
]);
export type BGtoCSMessage = z.infer<typeof BGtoCS>;

export const ErrorCodeSchema = z.enum(['bad_request', 'forbidden', 'internal']);
export type Reply<T> = { ok: true; data: T } | { ok: false; error: { code: z.infer<typeof ErrorCodeSchema>; message: string } };

export const ReplySchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ code: ErrorCodeSchema, message: z.string() }) }),
]);

export interface ReplyData {
  'cs/context': null;
  'cs/chips': Record<string, { label: string; color: string }>;
  'cs/compose-sent': { logged: number };
  'cs/linkedin-sent': { logged: number };
  'ui/create-person': { contactId: string; created: boolean };
  'ui/move-stage': { ok: true } | { ok: false; reason: string; stageId?: string; missing?: string[] };
  'ui/log-activity': { activityId: string };
  'ui/delete-activity': null;
  'ui/link-profile': { ok: true } | { ok: false; reason: string };
  'ui/unlink-profile': null;
  'ui/update-settings': { ok: true } | { ok: false; issues: string[] };
  'ui/close-deal': { ok: true } | { ok: false; reason: string };
  'ui/reopen-deal': { ok: boolean };
  'ui/nudge-done': null;
  'ui/nudge-snooze': { until: number | null };
  'ui/nudge-dismiss-deal': null;
  'ui/open-contact': { url: string | null };
  'ui/accept-suggestion': { ok: true } | { ok: false; reason: string; stageId?: string; missing?: string[] };
  'ui/dismiss-suggestion': null;
  'ui/update-bant': { ok: true } | { ok: false; issues: string[] };
  'ui/update-deal': { ok: boolean };
  'ui/update-company': { ok: boolean };
  'ui/load-sample': { contacts: number };
  'ui/remove-sample': null;
  'ui/merge-contacts': { ok: true; undoId: string } | { ok: false; reason: string };
  'ui/delete-contact': { ok: true; undoId: string } | { ok: false; reason: string };
  'ui/undo': { ok: boolean };
  'ui/save-stages': { ok: true } | { ok: false; issues: string[] } | { ok: false; needsMove: { stageId: string; deals: number }[] };
  'ui/sync-connect': { ok: true } | { ok: false; code: string; message: string };
  'ui/sync-now': { ok: boolean; code: string | null };
  'ui/sync-disconnect': null;
}

/** Storage key (storage.session) of a tab's page context. */
export const contextKey = (tabId: number) => `ctx:${tabId}`;
