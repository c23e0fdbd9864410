// zod/mini: these schemas run in the content script, where every byte is
// loaded into Gmail; the mini build tree-shakes to what is used.
import * as z from 'zod/mini';

const maxLen = (n: number) => z.maxLength(n);

/** A person as Gmail shows them: address normalised (lower case, trimmed). */
export const GmailPersonSchema = z.object({
  name: z.string().check(maxLen(300)),
  email: z.email().check(maxLen(320)),
});
export type GmailPerson = z.infer<typeof GmailPersonSchema>;

export const GmailMessageSchema = z.object({
  /** Gmail's message id without the leading '#', e.g. "msg-f:1790000000000000000" or "msg-a:r-123"; or the legacy hex id. */
  id: z.string().check(z.minLength(1), maxLen(200)),
  from: GmailPersonSchema,
  /** To + Cc as shown in the message header, deduplicated, never including `from`. */
  recipients: z.array(GmailPersonSchema).check(maxLen(500)),
  /** Epoch ms when it could be read (date title in English or Indonesian, or decoded from the id), else null. */
  date: z.nullable(z.int()),
});
export type GmailMessage = z.infer<typeof GmailMessageSchema>;

export const GmailThreadSchema = z.object({
  /** Hex legacy thread id (h2.hP[data-legacy-thread-id]) or, failing that, the id from the URL hash. */
  threadId: z.string().check(z.minLength(1), maxLen(200)),
  subject: z.string().check(maxLen(2000)),
  /** In page order (oldest first). Messages whose sender cannot be read are left out. */
  messages: z.array(GmailMessageSchema).check(maxLen(1000)),
});
export type GmailThread = z.infer<typeof GmailThreadSchema>;

export const GmailComposeSchema = z.object({
  composeId: z.nullable(z.string().check(maxLen(200))),
  /** Reply-to thread id (input[name=rt]) when this compose is a reply. */
  threadId: z.nullable(z.string().check(maxLen(200))),
  subject: z.string().check(maxLen(2000)),
  recipients: z.array(GmailPersonSchema).check(maxLen(500)),
});
export type GmailCompose = z.infer<typeof GmailComposeSchema>;
