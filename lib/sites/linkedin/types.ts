// zod/mini: these schemas run in the content script (see gmail/types.ts).
import * as z from 'zod/mini';
import { PROFILE_URL_PATTERN } from './profile-url-pattern';

const text = (max: number) => z.string().check(z.maxLength(max));
const url = (max: number) => z.url().check(z.maxLength(max));
/**
 * A profile as the readers give it and every message carries it: only the canonical
 * `https://www.linkedin.com/in/<slug>/` (z.url() alone would let `javascript:` and `data:` through to a tab).
 */
export const LinkedInProfileUrlSchema = z.string().check(z.maxLength(500), z.regex(PROFILE_URL_PATTERN));

export const LinkedInProfileSchema = z.object({
  /** Canonical https://www.linkedin.com/in/<slug>/ (slug lower-cased, percent-decoded where safe). */
  profileUrl: LinkedInProfileUrlSchema,
  name: z.string().check(z.minLength(1), z.maxLength(300)),
  headline: z.nullable(text(500)),
  company: z.nullable(text(300)),
  location: z.nullable(text(300)),
  photoUrl: z.nullable(url(2000)),
});
export type LinkedInProfile = z.infer<typeof LinkedInProfileSchema>;

export const LinkedInConversationSchema = z.object({
  /** Partner's canonical profile URL when the page links it, else null. */
  profileUrl: z.nullable(LinkedInProfileUrlSchema),
  name: z.string().check(z.minLength(1), z.maxLength(300)),
});
export type LinkedInConversation = z.infer<typeof LinkedInConversationSchema>;

/**
 * What the contact-info overlay (`/in/<slug>/overlay/contact-info/`) shows a first-degree connection: offered to
 * the rep to add, never added silently. Addresses lower-cased; websites https/http URLs outside LinkedIn.
 */
export const LinkedInContactInfoSchema = z.object({
  emails: z.array(z.string().check(z.maxLength(320))).check(z.maxLength(5)),
  phones: z.array(text(40)).check(z.maxLength(5)),
  websites: z.array(url(500)).check(z.maxLength(5)),
});
export type LinkedInContactInfo = z.infer<typeof LinkedInContactInfoSchema>;
