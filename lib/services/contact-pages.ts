import type { SidecarDb, StoredSummary } from '../db';
import { groupBy } from '../domain/group-by';
import type { Contact, Deal } from '../domain/records';
import { whereAnyOf } from './index-reads';

export interface ContactPage {
  summaries: Map<string, StoredSummary>;
  deals: Map<string, Deal[]>;
}

function page(summaries: StoredSummary[], deals: Deal[]): ContactPage {
  return { summaries: new Map(summaries.map((s) => [s.contactId, s])), deals: groupBy(deals, (d) => d.contactId) };
}

/** The summaries and deals of a scattered set of contacts (those a write touched), read key by key. */
export async function readContactPage(db: SidecarDb, contacts: readonly Contact[]): Promise<ContactPage> {
  const ids = contacts.map((c) => c.id);
  const [summaries, deals] = await Promise.all([
    db.summaries.bulkGet(ids).then((rows) => rows.filter((r): r is StoredSummary => !!r)),
    whereAnyOf(db.deals, 'contactId', ids),
  ]);
  return page(summaries, deals);
}

/**
 * Every contact, a page at a time, with its summary and deals, for the
 * whole-pipeline passes (scores, nudges). The page's id range is found from
 * the keys alone, then the three stores are read with range queries in
 * parallel (one getAll each: several times faster than a get per key).
 * Memory holds one page, whatever the size of the pipeline. Starts after `from`.
 */
export async function* contactPages(db: SidecarDb, size = 2000, from = ''): AsyncGenerator<{ contacts: Contact[] } & ContactPage> {
  let after = from;
  for (;;) {
    const keys = await db.contacts.where(':id').above(after).limit(size).primaryKeys();
    const first = keys[0];
    const last = keys[keys.length - 1];
    if (first === undefined || last === undefined) return;
    after = last;
    const [contacts, summaries, deals] = await Promise.all([
      db.contacts.where(':id').between(first, last, true, true).toArray(),
      db.summaries.where(':id').between(first, last, true, true).toArray(),
      db.deals.where('contactId').between(first, last, true, true).toArray(),
    ]);
    yield { contacts, ...page(summaries, deals) };
  }
}
