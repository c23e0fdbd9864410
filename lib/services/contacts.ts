import type { SidecarDb } from '../db';
import { companyNameFromDomain, emailDomain, isFreeMailDomain, nameFromEmail, normalizeEmail } from '../domain/email';
import { newId } from '../domain/ids';
import type { Company, Contact, Deal } from '../domain/records';
import { firstStage } from '../domain/stages';
import { currentDeals, findPeopleByEmails } from './people';
import { baseRecord, newCompany } from './records';
import { loadSettings } from './settings';
import { refreshSummaries } from './summaries';

export interface NewPerson {
  name: string;
  email?: string | null;
  title?: string | null;
  headline?: string | null;
  location?: string | null;
  companyName?: string | null;
  linkedinUrl?: string | null;
  photoUrl?: string | null;
}

export interface Created {
  contact: Contact;
  company: Company | null;
  deal: Deal;
  /** false when the person already existed and nothing was written. */
  created: boolean;
}

export interface ServiceEnv {
  now: number;
  locale: string;
  owner?: string | null;
  /** Where the lead came from (lib/domain/lead-source), when known. */
  leadSource?: string | null;
}

async function companyFor(db: SidecarDb, email: string | null, companyName: string | null, now: number): Promise<Company | null> {
  const domain = email ? emailDomain(email) : null;
  if (domain && !isFreeMailDomain(domain)) {
    // Upsert by domain: the same company may be met through several people.
    const existing = await db.companies.where('domain').equals(domain).first();
    // One company per domain, deleted or not: a new person there brings a deleted one back.
    if (existing?.deletedAt != null) {
      const revived = { ...existing, deletedAt: null, updatedAt: now };
      await db.companies.put(revived);
      return revived;
    }
    if (existing) return existing;
    const company = newCompany(companyName?.trim() || companyNameFromDomain(domain), domain, now);
    await db.companies.add(company);
    return company;
  }
  const name = companyName?.trim();
  if (!name) return null;
  const existing = await db.companies.filter((c) => c.domain === null && c.deletedAt === null && c.name.toLowerCase() === name.toLowerCase()).first();
  if (existing) return existing;
  const company = newCompany(name, null, now);
  await db.companies.add(company);
  return company;
}

/** What creating a person writes: a caller that adds work to the same transaction opens it over these. */
export const personTables = (db: SidecarDb) => [db.contacts, db.companies, db.deals, db.stageChanges, db.settings, db.activities, db.summaries];

/**
 * One click: contact + company (never for free-mail domains) + a deal at the
 * first stage, in one transaction. Idempotent on the address: a double click
 * or a second browser returns the existing person instead of a duplicate.
 */
export async function createPerson(db: SidecarDb, person: NewPerson, env: ServiceEnv): Promise<Created> {
  const email = person.email ? normalizeEmail(person.email) : null;
  if (person.email && !email) throw new Error('invalid email address');
  const name = person.name.trim() || (email ? nameFromEmail(email) : '');
  if (!name) throw new Error('a contact needs a name or an address');
  const { now } = env;
  return db.transaction('rw', personTables(db), async () => {
    const linked = person.linkedinUrl
      ? (await db.contacts.where('linkedinUrl').equals(person.linkedinUrl).toArray()).find((c) => c.deletedAt === null)
      : undefined;
    const known = email ? (await findPeopleByEmails(db, [email])).get(email) : linked ? { contact: linked, deal: (await currentDeals(db, [linked.id])).get(linked.id) ?? null } : undefined;
    if (known?.deal) {
      const company = known.contact.companyId ? ((await db.companies.get(known.contact.companyId)) ?? null) : null;
      return { contact: known.contact, company, deal: known.deal, created: false };
    }
    const settings = await loadSettings(db, env.locale);
    const company = known
      ? ((known.contact.companyId && (await db.companies.get(known.contact.companyId))) || null)
      : await companyFor(db, email, person.companyName ?? null, now);
    const contact: Contact = known?.contact ?? {
      ...baseRecord(now),
      name: name.slice(0, 300),
      emails: email ? [email] : [],
      title: person.title ?? null,
      headline: person.headline ?? null,
      location: person.location ?? null,
      companyId: company?.id ?? null,
      linkedinUrl: person.linkedinUrl ?? null,
      photoUrl: person.photoUrl ?? null,
    };
    const stage = firstStage(settings.stages);
    const deal: Deal = {
      ...baseRecord(now),
      contactId: contact.id,
      companyId: company?.id ?? null,
      title: (company?.name ?? contact.name).slice(0, 300),
      stageId: stage.id,
      stageEnteredAt: now,
      status: 'open',
      valueMinor: 0,
      currency: settings.currency,
      owner: env.owner ?? settings.myAddresses[0] ?? null,
      expectedCloseAt: null,
      closedAt: null,
      lostReason: null,
      bant: null,
      leadSource: env.leadSource ?? null,
    };
    if (!known) {
      await db.contacts.add(contact);
      await refreshSummaries(db, [contact.id], settings.scoring.engagement.halfLifeDays, now);
    }
    await db.deals.add(deal);
    await db.stageChanges.add({
      id: newId(now),
      dealId: deal.id,
      fromStageId: null,
      toStageId: stage.id,
      status: 'open',
      at: now,
      reason: null,
      createdAt: now,
    });
    return { contact, company, deal, created: true };
  });
}
