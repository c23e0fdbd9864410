import type { SidecarDb } from '../db';
import { companyNameFromDomain } from '../domain/email';
import { matchCandidates } from '../domain/match';
import type { Contact } from '../domain/records';
import { newCompany } from './records';

export interface ProfileFacts {
  profileUrl: string | null;
  name: string;
  headline?: string | null;
  company?: string | null;
  location?: string | null;
  photoUrl?: string | null;
}

export interface Candidate {
  contactId: string;
  name: string;
  email: string | null;
  company: string | null;
  score: number;
  reasons: string[];
}

export interface ProfileMatch {
  /** The contact this profile URL belongs to, if linked. */
  contactId: string | null;
  /** Existing contacts that may be this person (never linked without the rep's click). */
  candidates: Candidate[];
}

const live = <T extends { deletedAt: number | null }>(x: T | undefined): x is T => !!x && x.deletedAt === null;

interface MatchIndex {
  rows: { id: string; name: string; company: string | null; linkedinUrl: string | null }[];
  byId: Map<string, Contact>;
  companyName: Map<string, string>;
}

// Matching runs on every profile view; reading 10,000 contacts from IndexedDB
// each time would cost more than the match itself. The index is rebuilt only
// after a write to contacts or companies (Dexie table hooks, all writes happen
// in this context).
const indexes = new WeakMap<SidecarDb, { index: MatchIndex | null }>();

function indexSlot(db: SidecarDb) {
  let slot = indexes.get(db);
  if (!slot) {
    const s = { index: null as MatchIndex | null };
    const drop = () => {
      s.index = null;
    };
    for (const table of [db.contacts, db.companies]) {
      table.hook('creating', drop);
      table.hook('updating', drop);
      table.hook('deleting', drop);
    }
    indexes.set(db, s);
    slot = s;
  }
  return slot;
}

async function matchIndex(db: SidecarDb): Promise<MatchIndex> {
  const slot = indexSlot(db);
  // Read inside the live query so a change to either table re-runs it.
  await Promise.all([db.contacts.count(), db.companies.count()]);
  if (slot.index) return slot.index;
  const [contacts, companies] = await Promise.all([db.contacts.toArray(), db.companies.toArray()]);
  const companyName = new Map(companies.map((c) => [c.id, c.name]));
  const byId = new Map<string, Contact>();
  const rows: MatchIndex['rows'] = [];
  for (const c of contacts) {
    if (c.deletedAt !== null) continue;
    byId.set(c.id, c);
    rows.push({ id: c.id, name: c.name, company: c.companyId ? (companyName.get(c.companyId) ?? null) : null, linkedinUrl: c.linkedinUrl });
  }
  slot.index = { rows, byId, companyName };
  return slot.index;
}

/** A profile URL identifies a person; without one, offer candidates by name and company. */
export async function matchProfile(db: SidecarDb, facts: ProfileFacts): Promise<ProfileMatch> {
  if (facts.profileUrl) {
    const linked = (await db.contacts.where('linkedinUrl').equals(facts.profileUrl).toArray()).find(live);
    if (linked) return { contactId: linked.id, candidates: [] };
  }
  const { rows, byId, companyName } = await matchIndex(db);
  const found = matchCandidates({ name: facts.name, company: facts.company ?? null }, rows, 3);
  return {
    contactId: null,
    candidates: found.map((m) => {
      const c = byId.get(m.id)!;
      return {
        contactId: c.id,
        name: c.name,
        email: c.emails[0] ?? null,
        company: c.companyId ? (companyName.get(c.companyId) ?? null) : null,
        score: m.score,
        reasons: m.reasons,
      };
    }),
  };
}

export type LinkResult = { ok: true } | { ok: false; reason: 'not_found' | 'already_linked' | 'no_url' };

/**
 * The rep confirmed that this profile is this contact: the contact gains the
 * profile URL, headline, location, photo and (when it had none, or only a name
 * guessed from the email domain) the company name.
 */
export async function linkProfile(db: SidecarDb, contactId: string, facts: ProfileFacts, now: number): Promise<LinkResult> {
  if (!facts.profileUrl) return { ok: false, reason: 'no_url' };
  return db.transaction('rw', [db.contacts, db.companies, db.deals], async () => {
    const contact = await db.contacts.get(contactId);
    if (!live(contact)) return { ok: false, reason: 'not_found' };
    const other = (await db.contacts.where('linkedinUrl').equals(facts.profileUrl!).toArray()).find((c) => live(c) && c.id !== contactId);
    if (other) return { ok: false, reason: 'already_linked' };
    const patch: Partial<Contact> = {
      linkedinUrl: facts.profileUrl,
      headline: facts.headline ?? contact.headline,
      location: facts.location ?? contact.location,
      photoUrl: facts.photoUrl ?? contact.photoUrl,
      updatedAt: now,
    };
    const companyName = facts.company?.trim();
    if (companyName) {
      const current = contact.companyId ? await db.companies.get(contact.companyId) : undefined;
      if (!current) {
        const company = newCompany(companyName, null, now);
        await db.companies.add(company);
        patch.companyId = company.id;
        await db.deals.where('contactId').equals(contactId).modify({ companyId: company.id, updatedAt: now });
      } else if (current.domain && current.name === companyNameFromDomain(current.domain)) {
        // The name was only our guess from the domain; the profile knows better.
        await db.companies.update(current.id, { name: companyName, updatedAt: now });
      }
    }
    await db.contacts.update(contactId, patch);
    return { ok: true };
  });
}

/** Undo a wrong link: the profile URL is forgotten, the rest of the contact stays. */
export async function unlinkProfile(db: SidecarDb, contactId: string, now: number): Promise<void> {
  await db.contacts.update(contactId, { linkedinUrl: null, updatedAt: now });
}
