import type { SidecarDb } from '../db';
import type { Activity, Company, Contact, Deal } from '../domain/records';
import type { Settings } from '../domain/settings';
import type { LiveQuery } from '../messaging/live';
import { currentDeals, findPeopleByEmails, type KnownPerson } from './people';
import { matchProfile, type ProfileMatch } from './linkedin';
import { loadSettings } from './settings';

export interface ContactView {
  contact: Contact;
  company: Company | null;
  deal: Deal | null;
  /** Newest first, tombstones left out. */
  activities: Activity[];
}

export interface ViewData {
  settings: Settings;
  people: Record<string, KnownPerson>;
  contact: ContactView | null;
  profile: ProfileMatch;
}

export type ViewOf<Q extends LiveQuery> = ViewData[Q['name']];

/** The read side of the sidebar: one function per live query, run inside Dexie's liveQuery. */
export async function runView(db: SidecarDb, query: LiveQuery, locale: string): Promise<unknown> {
  switch (query.name) {
    case 'settings':
      return loadSettings(db, locale);
    case 'people':
      return Object.fromEntries(await findPeopleByEmails(db, query.emails));
    case 'contact': {
      const contact = await db.contacts.get(query.contactId);
      if (!contact || contact.deletedAt !== null) return null;
      const [company, deals, activities] = await Promise.all([
        contact.companyId ? db.companies.get(contact.companyId) : undefined,
        currentDeals(db, [contact.id]),
        db.activities.where('contactId').equals(contact.id).toArray(),
      ]);
      const view: ContactView = {
        contact,
        company: company ?? null,
        deal: deals.get(contact.id) ?? null,
        activities: activities.filter((a) => a.deletedAt === null).sort((a, b) => b.at - a.at || (b.id < a.id ? -1 : 1)),
      };
      return view;
    }
    case 'profile':
      return matchProfile(db, query.facts);
  }
}
