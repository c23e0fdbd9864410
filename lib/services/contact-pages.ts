import type { SidecarDb, StoredSummary } from '../db';
import type { Contact, Deal } from '../domain/records';

export interface ContactPage {
  summaries: Map<string, StoredSummary>;
  deals: Map<string, Deal[]>;
}

/**
 * What the whole-pipeline passes (scores, nudges) need next to a page of
 * contacts. A page of a full pass is a contiguous id range, read with range
 * queries (one getAll per store, several times faster than a get per key);
 * a scattered set of contacts (after a write) is read key by key.
 */
export async function readContactPage(db: SidecarDb, contacts: readonly Contact[], contiguous: boolean): Promise<ContactPage> {
  const ids = contacts.map((c) => c.id);
  const first = ids[0];
  const last = ids[ids.length - 1];
  if (first === undefined || last === undefined) return { summaries: new Map(), deals: new Map() };
  const [summaries, deals] = contiguous
    ? await Promise.all([
        db.summaries.where(':id').between(first, last, true, true).toArray(),
        db.deals.where('contactId').between(first, last, true, true).toArray(),
      ])
    : await Promise.all([
        db.summaries.bulkGet(ids).then((rows) => rows.filter((r): r is StoredSummary => !!r)),
        db.deals.where('contactId').anyOf(ids).toArray(),
      ]);
  const byContact = new Map<string, Deal[]>();
  for (const d of deals) {
    const list = byContact.get(d.contactId);
    if (list) list.push(d);
    else byContact.set(d.contactId, [d]);
  }
  return { summaries: new Map(summaries.map((s) => [s.contactId, s])), deals: byContact };
}
