import type { SidecarDb } from '../db';
import { normalizeEmail } from '../domain/email';
import { ContactSchema } from '../domain/records';
import { samePhone, sameSite } from '../domain/contact-details';
import { findPeopleByEmails } from './people';

/** Details the rep chose to add to a person (from LinkedIn's contact info): added to what is there, never replacing it. */
export interface ContactDetails {
  emails?: readonly string[];
  phones?: readonly string[];
  websites?: readonly string[];
}

export type AddDetailsResult =
  | { ok: true; added: number }
  | { ok: false; reason: 'not_found' | 'invalid' }
  /** The address is another person's: the page offers to open them (merging is the dashboard's job). */
  | { ok: false; reason: 'email_taken'; email: string; contactId: string };

const union = (have: readonly string[], more: readonly string[], same: (a: string, b: string) => boolean) => {
  const out = [...have];
  for (const m of more) if (!out.some((h) => same(h, m))) out.push(m);
  return out;
};

/**
 * Adds emails, phone numbers and websites to a contact in one transaction: checked whole first (a bad value or
 * an address that is someone else's changes nothing). A new address makes the person's Gmail threads theirs at
 * once, because the sidebar and the inbox chips find people by address.
 */
export async function addContactDetails(db: SidecarDb, contactId: string, details: ContactDetails, now: number): Promise<AddDetailsResult> {
  return db.transaction('rw', [db.contacts, db.deals], async (): Promise<AddDetailsResult> => {
    const contact = await db.contacts.get(contactId);
    if (!contact || contact.deletedAt !== null) return { ok: false, reason: 'not_found' };
    const emails: string[] = [];
    for (const raw of details.emails ?? []) {
      const e = normalizeEmail(raw);
      if (!e) return { ok: false, reason: 'invalid' };
      emails.push(e);
    }
    const owners = await findPeopleByEmails(db, emails);
    for (const e of emails) {
      const owner = owners.get(e);
      if (owner && owner.contact.id !== contactId) return { ok: false, reason: 'email_taken', email: e, contactId: owner.contact.id };
    }
    const next = {
      ...contact,
      emails: union(contact.emails, emails, (a, b) => a === b),
      // "+62 812-3456-7890" and "0812 3456 7890" may differ; the same digits are the same number.
      phones: union(contact.phones ?? [], (details.phones ?? []).map((p) => p.trim()).filter(Boolean), samePhone),
      websites: union(contact.websites ?? [], details.websites ?? [], sameSite),
      updatedAt: now,
    };
    const parsed = ContactSchema.safeParse(next);
    if (!parsed.success || next.websites.some((w) => !/^https?:\/\//i.test(w))) return { ok: false, reason: 'invalid' };
    const added =
      next.emails.length - contact.emails.length + next.phones.length - (contact.phones?.length ?? 0) + next.websites.length - (contact.websites?.length ?? 0);
    if (added > 0) await db.contacts.put(next);
    return { ok: true, added };
  });
}
