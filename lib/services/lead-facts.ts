import type { SidecarDb } from '../db';
import { DIRTY_ALL, everythingDirty, type DirtyRow } from '../db/facts-dirty';
import { ENGINE_KEYS } from '../db/schema';
import { emptySummary } from '../domain/activity-summary';
import { bucketFor, currentDeal, emptyBucket, leadFacts, splitBucket, updateBucket, type FactBucket, type LeadFacts } from '../domain/lead-facts';
import type { Contact } from '../domain/records';
import type { ScoringConfig } from '../domain/scoring-config';
import type { ContactPage } from './contact-pages';
import { fitScore, type CompanyCache } from './scores';

/** A bucket splits past this many contacts; a rebuild fills them half way, leaving room to grow. */
export const BUCKET_MAX = 1024;
export const BUCKET_FILL = 512;

/** Bump when LeadFacts or its packing changes: the engine then rebuilds every bucket. */
const FACTS_VERSION = 1;

/**
 * What the stored facts were built under: the packing version and the fit
 * rules (a fit score is stored per contact, so a rule change rebuilds them).
 */
export function factsKey(scoring: ScoringConfig): string {
  return `${FACTS_VERSION}:${JSON.stringify({ icp: scoring.icp, fit: scoring.fit })}`;
}

export interface FactsMeta {
  /** factsKey() of the rules the stored facts were built under. */
  key: string;
  /**
   * Non-null while a rebuild is under way: the last contact id done ('' = none
   * yet). The MV3 worker may be stopped mid-rebuild; the next run resumes here.
   */
  resumeAfter: string | null;
}

export async function factsMeta(db: SidecarDb): Promise<FactsMeta | null> {
  const v = (await db.engineState.get(ENGINE_KEYS.leadFacts))?.value as Partial<FactsMeta> | undefined;
  return v && typeof v.key === 'string' ? { key: v.key, resumeAfter: typeof v.resumeAfter === 'string' ? v.resumeAfter : null } : null;
}

/** Inside the caller's transaction when it has one (needs engineState). */
export async function setFactsMeta(db: SidecarDb, meta: FactsMeta, now: number): Promise<void> {
  await db.engineState.put({ key: ENGINE_KEYS.leadFacts, value: meta, updatedAt: now });
}

/** The facts of a page of contacts, from the source tables (contact, summary, deals, company). */
export async function factsForContacts(contacts: readonly Contact[], page: ContactPage, scoring: ScoringConfig, companies: CompanyCache): Promise<LeadFacts[]> {
  const deals = contacts.map((c) => currentDeal(page.deals.get(c.id) ?? []));
  // Only a lead with an open deal can be sales-ready, so only theirs need a company for the fit score.
  await companies.load(contacts.flatMap((c, i) => (deals[i]?.status === 'open' ? [c.companyId] : [])));
  return contacts.map((c, i) => {
    const deal = deals[i]!;
    const stored = page.summaries.get(c.id);
    const fit = deal?.status === 'open' ? fitScore(c, companies.get(c.companyId), deal, scoring) : null;
    return leadFacts(
      c,
      stored ?? emptySummary(c.id, c.createdAt),
      stored?.engagement ?? { ref: 0, halfLifeDays: scoring.engagement.halfLifeDays, weights: {} },
      deal,
      fit,
    );
  });
}

/** A contact that no longer exists: kept as a tombstone so its nudges are taken away. */
export function goneFacts(contactId: string): LeadFacts {
  return leadFacts({ id: contactId, createdAt: 0, deletedAt: 0 }, emptySummary(contactId, 0), { ref: 0, halfLifeDays: 30, weights: {} }, null, null);
}

export interface DirtyBatch {
  rows: DirtyRow[];
  /** A marker asked for everything to be rebuilt. */
  all: boolean;
  contactIds: string[];
}

/** The pending markers, with companies resolved to the contacts that work there. */
export async function readDirty(db: SidecarDb): Promise<DirtyBatch> {
  const rows = await db.factsDirty.toArray();
  const contacts = new Set<string>();
  const companies: string[] = [];
  let all = false;
  for (const r of rows) {
    if (r.key === DIRTY_ALL) all = true;
    else if (r.key.startsWith('c:')) contacts.add(r.key.slice(2));
    else if (r.key.startsWith('co:')) companies.push(r.key.slice(3));
  }
  if (companies.length && !all) for (const id of await db.contacts.where('companyId').anyOf(companies).primaryKeys()) contacts.add(id);
  return { rows, all, contactIds: [...contacts] };
}

/**
 * For a writing transaction (over `factsDirty` and `contacts`) that may touch many contacts: marks every contact's
 * facts for a rebuild, once, when the `touching` records it writes are at least as many as the contacts there are,
 * or when a rebuild of everything is pending already (an import's, or an earlier page's of the same sync, not
 * drained yet). The transaction's own writes then leave no marker per contact (lib/db/facts-dirty.ts): a first
 * sync's contacts, deals and summaries left 30,000 of them, one IndexedDB request each. Returns whether it marked
 * everything.
 */
export async function markAllDirtyIf(db: SidecarDb, touching: number): Promise<boolean> {
  const many = touching > 0 && touching >= (await db.contacts.count());
  if (!many && !(await db.factsDirty.get(DIRTY_ALL))) return false;
  // A new token: an engine pass that read the old marker before this transaction's writes rebuilds again.
  await db.factsDirty.put(everythingDirty());
  return true;
}

/** Drops the markers that were handled, unless a write renewed one meanwhile (its token then differs). */
export async function clearDirty(db: SidecarDb, rows: readonly DirtyRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction('rw', db.factsDirty, async () => {
    const now = await db.factsDirty.bulkGet(rows.map((r) => r.key));
    const done = rows.filter((r, i) => now[i]?.token === r.token).map((r) => r.key);
    await db.factsDirty.bulkDelete(done);
  });
}

/** Ids of every bucket, sorted (a few hundred keys even at 100k contacts). */
export async function bucketIds(db: SidecarDb): Promise<string[]> {
  return (await db.factBuckets.toCollection().primaryKeys()) as string[];
}

/**
 * The buckets holding these contacts, with the contacts' facts put in (split
 * where they grew too large), not yet written. Returns them with, per bucket,
 * the contacts that changed, and every bucket id once they are written (sorted).
 */
export async function refreshedBuckets(
  db: SidecarDb,
  facts: readonly LeadFacts[],
): Promise<{ buckets: FactBucket[]; touched: Map<string, Set<string>>; ids: string[] }> {
  const ids = await bucketIds(db);
  const byBucket = new Map<string, LeadFacts[]>();
  for (const f of facts) {
    const b = bucketFor(ids, f.contactId);
    const list = byBucket.get(b);
    if (list) list.push(f);
    else byBucket.set(b, [f]);
  }
  const keys = [...byBucket.keys()];
  const stored = await db.factBuckets.bulkGet(keys);
  const buckets: FactBucket[] = [];
  const touched = new Map<string, Set<string>>();
  keys.forEach((key, i) => {
    const updated = updateBucket(stored[i] ?? emptyBucket(key), byBucket.get(key)!);
    const changed = new Set(byBucket.get(key)!.map((f) => f.contactId));
    for (const part of splitBucket(updated, BUCKET_MAX)) {
      buckets.push(part);
      touched.set(part.id, new Set(part.ids.filter((id) => changed.has(id))));
    }
  });
  return { buckets, touched, ids: [...new Set([...ids, ...buckets.map((b) => b.id)])].sort() };
}
