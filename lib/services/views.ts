import { syncStatus, type SyncStatus } from '../sync/status';
import type { SidecarDb } from '../db';
import type { Activity, Company, Contact, Deal, Suggestion } from '../domain/records';
import type { Settings } from '../domain/settings';
import type { LiveQuery } from '../messaging/live';
import type { PageContext } from '../messaging/protocol';
import { currentDeals, findPeopleByEmails, type KnownPerson } from './people';
import type { Nudge } from '../domain/nudges';
import { conversions } from './conversions';
import { activeNudges, topActiveNudges } from './nudges';
import { matchProfile, type ProfileMatch } from './linkedin';
import { loadSettings } from './settings';
import { metricsView, pipelineView, type MetricsView, type PipelineView as DashboardPipeline } from './dashboard';

export interface ContactView {
  contact: Contact;
  company: Company | null;
  deal: Deal | null;
  /** Newest first, tombstones left out. */
  activities: Activity[];
  /** Trigger suggestions of the current deal: open ones to answer, accepted ones count for engagement. */
  suggestions: Suggestion[];
  /** The contact's due nudges. */
  nudges: NudgeItem[];
}

/** The live queries answered from the database. */
export type DbQuery = Exclude<LiveQuery, { name: 'page' }>;

export interface ViewData {
  settings: Settings;
  people: PeopleView;
  contact: ContactView | null;
  profile: ProfileView;
  conversions: Awaited<ReturnType<typeof conversions>>;
  nudges: NudgeItem[];
  pipeline: DashboardPipeline;
  metrics: MetricsView;
  /** Served by the background from session storage (lib/platform/page-context.ts), not by runView. */
  page: PageContext | null;
  syncStatus: SyncStatus;
}

export interface NudgeItem {
  nudge: Nudge;
  contact: { id: string; name: string; email: string | null; linkedinUrl: string | null };
}

export type ViewOf<Q extends LiveQuery> = ViewData[Q['name']];

export interface PeopleView {
  people: Record<string, KnownPerson>;
  views: Record<string, ContactView | null>;
}
export interface ProfileView extends ProfileMatch {
  view: ContactView | null;
}

/** Everything the sidebar shows of one contact, read in one go. */
async function contactView(db: SidecarDb, contactId: string): Promise<ContactView | null> {
  const contact = await db.contacts.get(contactId);
  if (!contact || contact.deletedAt !== null) return null;
  const [company, deals, activities, suggestions, nudges] = await Promise.all([
    contact.companyId ? db.companies.get(contact.companyId) : undefined,
    currentDeals(db, [contact.id]),
    db.activities.where('contactId').equals(contact.id).toArray(),
    db.suggestions.where('contactId').equals(contact.id).toArray(),
    activeNudges(db, Date.now(), contact.id),
  ]);
  const deal = deals.get(contact.id) ?? null;
  const email = contact.emails[0] ?? null;
  return {
    contact,
    company: company ?? null,
    deal,
    suggestions: suggestions.filter((s) => s.dealId === deal?.id && s.status !== 'dismissed').sort((a, b) => b.at - a.at),
    activities: activities.filter((a) => a.deletedAt === null).sort((a, b) => b.at - a.at || (b.id < a.id ? -1 : 1)),
    nudges: nudges.map((nudge) => ({ nudge, contact: { id: contact.id, name: contact.name, email, linkedinUrl: contact.linkedinUrl } })),
  };
}

/** The read side of the sidebar: one function per live query, run inside Dexie's liveQuery. */
export async function runView(db: SidecarDb, query: DbQuery, locale: string): Promise<unknown> {
  switch (query.name) {
    case 'settings':
      return loadSettings(db, locale);
    case 'people': {
      // The contacts' whole views come along: a thread switch costs one round trip, not one per panel.
      const people = await findPeopleByEmails(db, query.emails);
      const ids = [...new Set([...people.values()].map((p) => p.contact.id))];
      const views = await Promise.all(ids.map((id) => contactView(db, id)));
      const view: PeopleView = { people: Object.fromEntries(people), views: Object.fromEntries(ids.map((id, i) => [id, views[i]!])) };
      return view;
    }
    case 'contact':
      return contactView(db, query.contactId);
    case 'profile': {
      const match = await matchProfile(db, query.facts);
      const view: ProfileView = { ...match, view: match.contactId ? await contactView(db, match.contactId) : null };
      return view;
    }
    case 'conversions':
      return conversions(db, locale);
    case 'pipeline':
      return pipelineView(db, locale);
    case 'metrics':
      return metricsView(db, locale, query.period);
    case 'syncStatus':
      return syncStatus(db, Date.now());
    case 'nudges': {
      // Read inside the live query: a done/snooze or a recompute re-runs it. Time passing is the
      // background's job: it recomputes when the next nudge falls due.
      const list = await topActiveNudges(db, Date.now(), 500);
      const contacts = await db.contacts.bulkGet([...new Set(list.map((n) => n.contactId))]);
      const byId = new Map(contacts.filter((c) => !!c).map((c) => [c!.id, c!]));
      return list.flatMap((nudge): NudgeItem[] => {
        const c = byId.get(nudge.contactId);
        return c ? [{ nudge, contact: { id: c.id, name: c.name, email: c.emails[0] ?? null, linkedinUrl: c.linkedinUrl } }] : [];
      });
    }
  }
}
