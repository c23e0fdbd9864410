import type { SidecarDb, UndoEntry } from '../db';
import { newId } from '../domain/ids';
import type { Contact } from '../domain/records';
import { refreshSummaries } from './summaries';
import { loadSettings } from './settings';

// Merging two people and deleting one are undoable in one step: what the
// change replaced is kept in the undo store (this device only, never synced or
// backed up), and undo puts every row back as it was.

const UNDO_PREFIX = 'undo:';
/** Undo entries older than this are dropped when a new one is made. */
const UNDO_KEEP_MS = 7 * 86_400_000;

const TABLES = (db: SidecarDb) => [db.contacts, db.companies, db.deals, db.activities, db.suggestions, db.summaries, db.nudges, db.undo];

async function saveUndo(db: SidecarDb, entry: Omit<UndoEntry, 'id'>): Promise<string> {
  const id = `${UNDO_PREFIX}${newId(entry.at)}`;
  await db.undo.where('at').below(entry.at - UNDO_KEEP_MS).delete();
  await db.undo.put({ ...entry, id });
  return id;
}

export type MergeResult = { ok: true; undoId: string } | { ok: false; reason: 'not_found' | 'same' };

/**
 * Merges `mergeId` into `keepId`: every address, activity, deal, suggestion and
 * the LinkedIn link end up on the kept contact (its own values win where both
 * have one); the other becomes a tombstone.
 */
export async function mergeContacts(db: SidecarDb, keepId: string, mergeId: string, env: { now: number; locale: string }): Promise<MergeResult> {
  if (keepId === mergeId) return { ok: false, reason: 'same' };
  const { now } = env;
  const r = await db.transaction('rw', TABLES(db), async (): Promise<MergeResult> => {
    const [keep, gone] = await db.contacts.bulkGet([keepId, mergeId]);
    if (!keep || !gone || keep.deletedAt !== null || gone.deletedAt !== null) return { ok: false, reason: 'not_found' };
    const [deals, activities, suggestions] = await Promise.all([
      db.deals.where('contactId').equals(mergeId).toArray(),
      db.activities.where('contactId').equals(mergeId).toArray(),
      db.suggestions.where('contactId').equals(mergeId).toArray(),
    ]);
    const merged: Contact = {
      ...keep,
      emails: [...new Set([...keep.emails, ...gone.emails])].slice(0, 50),
      title: keep.title ?? gone.title,
      headline: keep.headline ?? gone.headline,
      location: keep.location ?? gone.location,
      companyId: keep.companyId ?? gone.companyId,
      linkedinUrl: keep.linkedinUrl ?? gone.linkedinUrl,
      photoUrl: keep.photoUrl ?? gone.photoUrl,
      updatedAt: now,
    };
    // The tombstone gives up its LinkedIn link: one profile belongs to one live contact.
    await db.contacts.bulkPut([merged, { ...gone, linkedinUrl: null, deletedAt: now, updatedAt: now }]);
    await db.deals.bulkPut(deals.map((d) => ({ ...d, contactId: keepId, updatedAt: now })));
    await db.activities.bulkPut(activities.map((a) => ({ ...a, contactId: keepId, updatedAt: now })));
    await db.suggestions.bulkPut(suggestions.map((s) => ({ ...s, contactId: keepId, updatedAt: now })));
    await db.nudges.where('contactId').equals(mergeId).delete();
    await db.summaries.delete(mergeId);
    const undoId = await saveUndo(db, {
      kind: 'merge',
      at: now,
      contacts: [keep, gone],
      deals,
      activities: activities.map((a) => ({ id: a.id, contactId: a.contactId })),
      suggestions: suggestions.map((s) => ({ id: s.id, contactId: s.contactId })),
    });
    return { ok: true, undoId };
  });
  if (r.ok) await refreshSummaries(db, [keepId], (await loadSettings(db, env.locale)).scoring.engagement.halfLifeDays, now);
  return r;
}

/** Deletes a person: the contact and their deals become tombstones (as everywhere), undoable. */
export type DeleteResult = { ok: true; undoId: string } | { ok: false; reason: 'not_found' };

export async function deleteContact(db: SidecarDb, contactId: string, now: number): Promise<DeleteResult> {
  return db.transaction('rw', TABLES(db), async () => {
    const contact = await db.contacts.get(contactId);
    if (!contact || contact.deletedAt !== null) return { ok: false as const, reason: 'not_found' as const };
    const deals = (await db.deals.where('contactId').equals(contactId).toArray()).filter((d) => d.deletedAt === null);
    await db.contacts.put({ ...contact, deletedAt: now, updatedAt: now });
    await db.deals.bulkPut(deals.map((d) => ({ ...d, deletedAt: now, updatedAt: now })));
    await db.nudges.where('contactId').equals(contactId).delete();
    const undoId = await saveUndo(db, { kind: 'delete', at: now, contacts: [contact], deals, activities: [], suggestions: [] });
    return { ok: true as const, undoId };
  });
}

/** Deletes one deal: a tombstone, undoable; its computed nudges go (the engine would drop them too). */
export async function deleteDeal(db: SidecarDb, dealId: string, now: number): Promise<DeleteResult> {
  return db.transaction('rw', TABLES(db), async () => {
    const deal = await db.deals.get(dealId);
    if (!deal || deal.deletedAt !== null) return { ok: false as const, reason: 'not_found' as const };
    await db.deals.put({ ...deal, deletedAt: now, updatedAt: now });
    await db.nudges.where('dealId').equals(dealId).delete();
    const undoId = await saveUndo(db, { kind: 'delete', at: now, contacts: [], deals: [deal], activities: [], suggestions: [] });
    return { ok: true as const, undoId };
  });
}

/**
 * Deletes a company: a tombstone, undoable; the people at it and their deals
 * stay, with no company (as a person met on free mail has none).
 */
export async function deleteCompany(db: SidecarDb, companyId: string, now: number): Promise<DeleteResult> {
  return db.transaction('rw', TABLES(db), async () => {
    const company = await db.companies.get(companyId);
    if (!company || company.deletedAt !== null) return { ok: false as const, reason: 'not_found' as const };
    const contacts = await db.contacts.where('companyId').equals(companyId).toArray();
    // Deals have no companyId index; a company delete is rare enough to read them.
    const deals = await db.deals.filter((d) => d.companyId === companyId).toArray();
    await db.companies.put({ ...company, deletedAt: now, updatedAt: now });
    await db.contacts.bulkPut(contacts.map((c) => ({ ...c, companyId: null, updatedAt: now })));
    await db.deals.bulkPut(deals.map((d) => ({ ...d, companyId: null, updatedAt: now })));
    const undoId = await saveUndo(db, { kind: 'delete', at: now, contacts, deals, activities: [], suggestions: [], companies: [company] });
    return { ok: true as const, undoId };
  });
}

/** Puts back what a merge or delete changed. */
export async function undoChange(db: SidecarDb, undoId: string, env: { now: number; locale: string }): Promise<boolean> {
  if (!undoId.startsWith(UNDO_PREFIX)) return false;
  const contactIds = await db.transaction('rw', TABLES(db), async () => {
    const e = await db.undo.get(undoId);
    if (!e) return null;
    const touch = <T extends { updatedAt: number }>(x: T): T => ({ ...x, updatedAt: env.now });
    await db.companies.bulkPut((e.companies ?? []).map(touch));
    await db.contacts.bulkPut(e.contacts.map(touch));
    await db.deals.bulkPut(e.deals.map(touch));
    for (const a of e.activities) await db.activities.update(a.id, { contactId: a.contactId, updatedAt: env.now });
    for (const s of e.suggestions) await db.suggestions.update(s.id, { contactId: s.contactId, updatedAt: env.now });
    await db.undo.delete(undoId);
    return e.contacts.map((c) => c.id);
  });
  if (!contactIds) return false;
  await refreshSummaries(db, contactIds, (await loadSettings(db, env.locale)).scoring.engagement.halfLifeDays, env.now);
  return true;
}
