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
import { pipelineHistory } from './pipeline-history';
import { ownerMatches, type OwnerFilter } from '../domain/deal-owner';
import { boardView, metricsView, pipelineView, reviewView, type BoardView, type MetricsView, type PipelineView as DashboardPipeline } from './dashboard';

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

export interface NudgeItem {
  nudge: Nudge;
  contact: { id: string; name: string; email: string | null; linkedinUrl: string | null };
}

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

type QueryNamed<N extends DbQuery['name']> = Extract<DbQuery, { name: N }>;

/**
 * One owner's nudges (deal-owner.ts): a nudge is its deal's, the contact's current one when it was made (kept in
 * memory with the metrics' history, pipeline-history.ts); one without a deal counts as mine, as in People & deals.
 */
async function nudgeOwner(db: SidecarDb, owner: OwnerFilter, locale: string): Promise<((n: Nudge) => boolean) | undefined> {
  if (owner === 'all') return undefined;
  const [settings, h] = await Promise.all([loadSettings(db, locale), pipelineHistory(db)]);
  return (n) => ownerMatches(n.dealId ? (h.deals.get(n.dealId) ?? null) : null, owner, settings.myAddresses);
}

/**
 * The read side of the extension pages: one function per live query. What each
 * returns is the type the page gets for that query name (ViewOf), so a view and
 * the page reading it cannot disagree.
 */
const VIEWS = {
  settings: (db: SidecarDb, _q: QueryNamed<'settings'>, locale: string): Promise<Settings> => loadSettings(db, locale),
  people: async (db: SidecarDb, query: QueryNamed<'people'>): Promise<PeopleView> => {
    // The contacts' whole views come along: a thread switch costs one round trip, not one per panel.
    const people = await findPeopleByEmails(db, query.emails);
    const ids = [...new Set([...people.values()].map((p) => p.contact.id))];
    const views = await Promise.all(ids.map((id) => contactView(db, id)));
    return { people: Object.fromEntries(people), views: Object.fromEntries(ids.map((id, i) => [id, views[i]!])) };
  },
  contact: (db: SidecarDb, query: QueryNamed<'contact'>): Promise<ContactView | null> => contactView(db, query.contactId),
  profile: async (db: SidecarDb, query: QueryNamed<'profile'>): Promise<ProfileView> => {
    const match = await matchProfile(db, query.facts);
    return { ...match, view: match.contactId ? await contactView(db, match.contactId) : null };
  },
  conversions: (db: SidecarDb, _q: QueryNamed<'conversions'>, locale: string) => conversions(db, locale),
  pipeline: (db: SidecarDb, _q: QueryNamed<'pipeline'>, locale: string): Promise<DashboardPipeline> => pipelineView(db, locale),
  board: (db: SidecarDb, query: QueryNamed<'board'>, locale: string): Promise<BoardView> => boardView(db, locale, query.owner),
  metrics: (db: SidecarDb, query: QueryNamed<'metrics'>, locale: string): Promise<MetricsView> => metricsView(db, locale, query.period, query.owner),
  review: (db: SidecarDb, query: QueryNamed<'review'>, locale: string) => reviewView(db, locale, query.from),
  syncStatus: (db: SidecarDb): Promise<SyncStatus> => syncStatus(db, Date.now()),
  nudges: async (db: SidecarDb, query: QueryNamed<'nudges'>, locale: string): Promise<NudgeItem[]> => {
    // Read inside the live query: a done/snooze or a recompute re-runs it. Time passing is the
    // background's job: it recomputes when the next nudge falls due.
    const list = await topActiveNudges(db, Date.now(), 500, await nudgeOwner(db, query.owner ?? 'all', locale));
    const contacts = await db.contacts.bulkGet([...new Set(list.map((n) => n.contactId))]);
    const byId = new Map(contacts.filter((c) => !!c).map((c) => [c!.id, c!]));
    return list.flatMap((nudge): NudgeItem[] => {
      const c = byId.get(nudge.contactId);
      return c ? [{ nudge, contact: { id: c.id, name: c.name, email: c.emails[0] ?? null, linkedinUrl: c.linkedinUrl } }] : [];
    });
  },
} satisfies { [N in DbQuery['name']]: (db: SidecarDb, query: QueryNamed<N>, locale: string) => Promise<unknown> };

/**
 * What a page gets for a live query: the result type of that query's view, or
 * for 'page', the page context the background serves from session storage
 * (lib/platform/page-context.ts).
 */
export type ViewOf<Q extends LiveQuery> = Q extends DbQuery ? Awaited<ReturnType<(typeof VIEWS)[Q['name']]>> : PageContext | null;

export function runView<Q extends DbQuery>(db: SidecarDb, query: Q, locale: string): Promise<ViewOf<Q>> {
  // The name picks the view written for exactly this query; TypeScript cannot follow that link through a union.
  const view = VIEWS[query.name] as (db: SidecarDb, query: Q, locale: string) => Promise<ViewOf<Q>>;
  return view(db, query, locale);
}
