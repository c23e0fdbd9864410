import { canonicalProfileUrl } from '../sites/linkedin/urls';
import type { Contact } from './records';

/**
 * Where to meet this person again: their Gmail conversations, in the mailbox of the rep who owns the deal
 * (Gmail's /u/<address>/ picks that signed-in account; /u/0/ is merely the first), else their LinkedIn profile.
 * A stored profile URL may come from an import or another device: only a canonical one is ever returned.
 */
export function contactUrl(c: Pick<Contact, 'emails' | 'linkedinUrl'>, account: string | null): string | null {
  if (c.emails[0]) {
    const mailbox = account && /^[^\s/?#@]+@[^\s/?#@]+$/.test(account) ? account : '0';
    return `https://mail.google.com/mail/u/${mailbox}/#search/${encodeURIComponent(c.emails[0])}`;
  }
  return c.linkedinUrl ? canonicalProfileUrl(c.linkedinUrl) : null;
}

/** The only pages the background opens for the rep: https pages of the two sites. */
export function isSiteUrl(url: string): boolean {
  return /^https:\/\/(mail\.google\.com|www\.linkedin\.com)\//.test(url);
}
