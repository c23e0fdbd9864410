import type { SidecarDb } from '../db';
import type { Contact, Deal } from '../domain/records';
import { groupBy } from '../domain/group-by';
import { currentDeal } from '../domain/lead-facts';
import { whereAnyOf } from './index-reads';

export interface KnownPerson {
  contact: Contact;
  /** The open deal, else the most recent one; null when the contact has none. */
  deal: Deal | null;
}

/** The current deal of each contact: open first, then the most recently updated. */
export async function currentDeals(db: SidecarDb, contactIds: readonly string[]): Promise<Map<string, Deal>> {
  const byContact = groupBy(await whereAnyOf(db.deals, 'contactId', contactIds), (d) => d.contactId);
  const out = new Map<string, Deal>();
  for (const [id, deals] of byContact) {
    const deal = currentDeal(deals);
    if (deal) out.set(id, deal);
  }
  return out;
}

/** Resolves addresses to contacts through the `*emails` multi-entry index. */
export async function findPeopleByEmails(db: SidecarDb, emails: readonly string[]): Promise<Map<string, KnownPerson>> {
  const out = new Map<string, KnownPerson>();
  if (emails.length === 0) return out;
  const contacts = (await whereAnyOf(db.contacts, 'emails', emails, (c) => c.id)).filter((c) => c.deletedAt === null);
  const deals = await currentDeals(db, contacts.map((c) => c.id));
  const wanted = new Set(emails);
  for (const contact of contacts) {
    for (const e of contact.emails) {
      if (wanted.has(e) && !out.has(e)) out.set(e, { contact, deal: deals.get(contact.id) ?? null });
    }
  }
  return out;
}
