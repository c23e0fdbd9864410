import { LinkedInProfileUrlSchema } from '../sites/linkedin/types';
import * as z from 'zod/mini';
import { GmailMessageSchema } from '../sites/gmail/types';
import { OWNER_FILTERS } from '../domain/deal-owner';

/**
 * Live queries over a port. The sidebar is an extension page inside a site's
 * page: a third-party frame, where Chromium denies IndexedDB when third-party
 * storage is blocked (and would partition it otherwise). So every extension
 * page reads through the background, which holds the one database and pushes
 * fresh results whenever the data behind a query changes. More in
 * docs/architecture.md ("Why it is split this way", "Live queries").
 */
export const LIVE_PORT = 'sidecar-live';

const Email = z.email().check(z.maxLength(320));
const optText = (max: number) => z.optional(z.nullable(z.string().check(z.maxLength(max))));

export const ProfileFactsSchema = z.object({
  profileUrl: z.nullable(LinkedInProfileUrlSchema),
  name: z.string().check(z.minLength(1), z.maxLength(300)),
  headline: optText(500),
  company: optText(300),
  location: optText(300),
  photoUrl: optText(2000),
});
const Id = z.string().check(z.minLength(1), z.maxLength(64));
/** Whose deals a view counts (deal-owner.ts); left out: everyone's. */
const Owner = z.optional(z.enum(OWNER_FILTERS));

export const LiveQuerySchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('settings') }),
  /** Which of these addresses are contacts, with their current deal. */
  z.object({ name: z.literal('people'), emails: z.array(Email).check(z.maxLength(500)) }),
  /** Everything the sidebar shows of one contact. */
  z.object({ name: z.literal('contact'), contactId: Id }),
  /** Nudges that are due and not done or snoozed (a contact's own come with its contact view). */
  z.object({ name: z.literal('nudges'), owner: Owner }),
  /** What converts: won/lost rates per ICP attribute and BANT answer. */
  z.object({ name: z.literal('conversions') }),
  /** The dashboard: every person with their current deal (board cards, People & deals rows). */
  z.object({ name: z.literal('pipeline') }),
  /** The dashboard's board: each stage's first cards, count and total (drawn before the whole pipeline comes). */
  z.object({ name: z.literal('board'), owner: Owner }),
  /** The dashboard's metrics over a period, with the velocity trend. */
  z.object({ name: z.literal('metrics'), period: z.enum(['month', '90d', 'year', 'all']), owner: Owner }),
  /** The weekly pipeline review of the week starting at `from` (a Monday, local time). */
  z.object({ name: z.literal('review'), from: z.number().check(z.int(), z.nonnegative()) }),
  /** A LinkedIn person: the linked contact, or candidates to confirm. */
  z.object({ name: z.literal('profile'), facts: ProfileFactsSchema }),
  /** What the page beside this sidebar shows (lib/platform/page-context.ts); not a database view. */
  z.object({ name: z.literal('page') }),
  /** Sync's state for the options page (off, syncing, ok, error; changes not yet sent). */
  z.object({ name: z.literal('syncStatus') }),
]);
export type LiveQuery = z.infer<typeof LiveQuerySchema>;

export const LiveRequestSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('sub'), id: z.number().check(z.int()), query: LiveQuerySchema }),
  z.object({ op: z.literal('unsub'), id: z.number().check(z.int()) }),
]);
export type LiveRequest = z.infer<typeof LiveRequestSchema>;

export type LiveResponse =
  | { op: 'data'; id: number; data: unknown }
  | { op: 'error'; id: number; message: string }
  /**
   * The answer to a query the page has not asked yet but is about to: sent with the page context, so the person on
   * screen is drawn with it instead of one round trip later (lib/domain/sidebar-query.ts). `key` is the query as
   * JSON, as the page will ask it.
   */
  | { op: 'ahead'; key: string; data: unknown };

/** A thread as commands carry it (for logging its messages on contact creation). */
export const ThreadMessagesSchema = z.object({
  subject: z.string().check(z.maxLength(2000)),
  messages: z.array(GmailMessageSchema).check(z.maxLength(1000)),
});
