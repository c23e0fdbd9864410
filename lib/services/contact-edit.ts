import type { SidecarDb } from '../db';
import { normalizeEmail } from '../domain/email';
import { ContactSchema, type Contact } from '../domain/records';
import { canonicalProfileUrl } from '../sites/linkedin/urls';
import { whereAnyOf } from './index-reads';
import { newCompany } from './records';

/** What the dashboard's person view edits; every field optional, null clears one. */
export interface ContactPatch {
  name?: string;
  /** The whole list, the primary address first. */
  emails?: string[];
  title?: string | null;
  headline?: string | null;
  location?: string | null;
  /** Any form of a profile link; stored canonical. */
  linkedinUrl?: string | null;
  /** The company the person works for, by name: an existing one of that name, else a new one; null for none. */
  companyName?: string | null;
}

export type ContactEditResult =
  | { ok: true; contact: Contact }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid'; field: keyof ContactPatch }
  /** The address or profile belongs to another person: merging the two is the way (the page offers it). */
  | { ok: false; reason: 'email_taken'; email: string; contactId: string }
  | { ok: false; reason: 'linkedin_taken'; contactId: string };

const text = (v: string | null | undefined) => (v == null ? null : v.trim() || null);

/**
 * Edits a person: checked whole before anything is written (a bad field
 * changes nothing). An address or a LinkedIn profile already on another
 * live contact is refused with that contact's id, never silently taken.
 */
export async function updateContact(db: SidecarDb, contactId: string, patch: ContactPatch, now: number): Promise<ContactEditResult> {
  return db.transaction('rw', [db.contacts, db.companies, db.deals], async (): Promise<ContactEditResult> => {
    const contact = await db.contacts.get(contactId);
    if (!contact || contact.deletedAt !== null) return { ok: false, reason: 'not_found' };
    const next: Contact = { ...contact, updatedAt: now };

    if (patch.name !== undefined) {
      const name = patch.name.trim();
      if (!name) return { ok: false, reason: 'invalid', field: 'name' };
      next.name = name;
    }
    for (const field of ['title', 'headline', 'location'] as const) if (patch[field] !== undefined) next[field] = text(patch[field]);

    if (patch.emails !== undefined) {
      const emails: string[] = [];
      for (const raw of patch.emails) {
        if (!raw.trim()) continue;
        const e = normalizeEmail(raw);
        if (!e) return { ok: false, reason: 'invalid', field: 'emails' };
        if (!emails.includes(e)) emails.push(e);
      }
      const added = emails.filter((e) => !contact.emails.includes(e));
      const other = (await whereAnyOf(db.contacts, 'emails', added, (c) => c.id)).find((c) => c.id !== contactId && c.deletedAt === null);
      if (other) return { ok: false, reason: 'email_taken', email: other.emails.find((e) => added.includes(e))!, contactId: other.id };
      next.emails = emails;
    }

    if (patch.linkedinUrl !== undefined) {
      const raw = text(patch.linkedinUrl);
      // Pasted without the scheme ("linkedin.com/in/dana") is still a profile link.
      const url = raw === null ? null : canonicalProfileUrl(/^[a-z][a-z0-9+.-]*:|^\//i.test(raw) ? raw : `https://${raw}`);
      if (raw !== null && url === null) return { ok: false, reason: 'invalid', field: 'linkedinUrl' };
      if (url && url !== contact.linkedinUrl) {
        const other = (await db.contacts.where('linkedinUrl').equals(url).toArray()).find((c) => c.id !== contactId && c.deletedAt === null);
        if (other) return { ok: false, reason: 'linkedin_taken', contactId: other.id };
      }
      next.linkedinUrl = url;
    }

    let companyChanged = false;
    if (patch.companyName !== undefined) {
      const name = text(patch.companyName);
      const current = contact.companyId ? await db.companies.get(contact.companyId) : undefined;
      if (name === null) {
        companyChanged = contact.companyId !== null;
        next.companyId = null;
      } else if (!current || current.name.toLowerCase() !== name.toLowerCase()) {
        const lower = name.toLowerCase();
        const existing = await db.companies.filter((c) => c.deletedAt === null && c.name.toLowerCase() === lower).first();
        const company = existing ?? newCompany(name, null, now);
        if (!existing) await db.companies.add(company);
        next.companyId = company.id;
        companyChanged = true;
      }
    }

    const parsed = ContactSchema.safeParse(next);
    if (!parsed.success) return { ok: false, reason: 'invalid', field: (parsed.error.issues[0]?.path[0] as keyof ContactPatch) ?? 'name' };
    await db.contacts.put(parsed.data);
    // The open deal is with the person's company.
    if (companyChanged) {
      const open = (await db.deals.where('contactId').equals(contactId).toArray()).filter((d) => d.deletedAt === null && d.status === 'open');
      await db.deals.bulkPut(open.map((d) => ({ ...d, companyId: next.companyId, updatedAt: now })));
    }
    return { ok: true, contact: parsed.data };
  });
}
