import type { SidecarDb } from '../db';
import type { Contact, Deal } from '../domain/records';

export interface KnownPerson {
  contact: Contact;
  /** The open deal, else the most recent one; null when the contact has none. */
  deal: Deal | null;
}

/** The current deal of each contact: open first, then the most recently updated. */
export async function currentDeals(db: SidecarDb, contactIds: readonly string[]): Promise<Map<string, Deal>> {
  const out = new Map<string, Deal>();
  if (contactIds.length === 0) return out;
  const deals = await db.deals.where('contactId').anyOf(contactIds as string[]).toArray();
  for (const d of deals) {
    if (d.deletedAt !== null) continue;
    const prev = out.get(d.contactId);
    const open = (x: Deal) => x.status === 'open';
    const better = !prev || (open(d) && !open(prev)) || (open(d) === open(prev) && d.updatedAt > prev.updatedAt);
    if (better) out.set(d.contactId, d);
  }
  return out;
}

/** Resolves addresses to contacts in one indexed query (the `*emails` multi-entry index). */
export async function findPeopleByEmails(db: SidecarDb, emails: readonly string[]): Promise<Map<string, KnownPerson>> {
  const out = new Map<string, KnownPerson>();
  if (emails.length === 0) return out;
  const contacts = (await db.contacts.where('emails').anyOf(emails as string[]).toArray()).filter((c) => c.deletedAt === null);
  const deals = await currentDeals(db, contacts.map((c) => c.id));
  const wanted = new Set(emails);
  for (const contact of contacts) {
    for (const e of contact.emails) {
      if (wanted.has(e) && !out.has(e)) out.set(e, { contact, deal: deals.get(contact.id) ?? null });
    }
  }
  return out;
}
