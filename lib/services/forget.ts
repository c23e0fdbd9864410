import type { SidecarDb } from '../db';
import { dirtyCompany, dirtyContact } from '../db/facts-dirty';
import { ENGINE_KEYS } from '../db/schema';
import {
  forgottenActivity,
  forgottenCompany,
  forgottenContact,
  forgottenDeal,
  forgottenSuggestion,
  bantWithout,
  mentions,
  personMarks,
} from '../domain/forget';
import { toSyncData } from '../domain/sync-local';
import type { Company, Contact } from '../domain/records';
import { bucketFor, updateBucket } from '../domain/lead-facts';
import type { SyncTable } from '../domain/sync-tables';
import { whereAnyOf } from './index-reads';

export type ForgetResult = { ok: true } | { ok: false; reason: 'not_found' };

/**
 * Forgets a person for a data-protection request: their contact, deals,
 * activities (emails, LinkedIn messages, notes, stage changes), stage
 * history, BANT, summaries, nudges and nudge states, suggestions with their
 * quoted phrases, profile link and contact details, the undo entries, queued
 * sync changes and import batches that hold any of it, and their company
 * when nobody else is at it. Not undoable: nothing is kept to undo it with.
 *
 * Records that sync carries (contacts, deals, activities, suggestions,
 * companies) stay as blank tombstones (lib/domain/forget.ts), so a connected
 * device pushes the blanking and the deletion; the rest is deleted. One
 * transaction over every store: all of it or nothing.
 */
export async function forgetContact(db: SidecarDb, contactId: string, now: number): Promise<ForgetResult> {
  return db.transaction('rw', db.tables, async (): Promise<ForgetResult> => {
    const contact = await db.contacts.get(contactId);
    if (!contact) return { ok: false, reason: 'not_found' };
    const people = [contact, ...(await mergedInto(db, contact))];
    const peopleIds = people.map((p) => p.id);
    const byId = <T extends { id: string }>(...lists: T[][]) => [...new Map(lists.flat().map((x) => [x.id, x])).values()];
    const deals = await whereAnyOf(db.deals, 'contactId', peopleIds, (d) => d.id);
    const dealIds = deals.map((d) => d.id);
    const activities = byId(await whereAnyOf(db.activities, 'contactId', peopleIds), await whereAnyOf(db.activities, 'dealId', dealIds));
    const suggestions = byId(await whereAnyOf(db.suggestions, 'contactId', peopleIds), await whereAnyOf(db.suggestions, 'dealId', dealIds));
    const stageChanges = await whereAnyOf(db.stageChanges, 'dealId', dealIds);
    const companies: Company[] = [];
    for (const companyId of new Set(people.flatMap((p) => (p.companyId ? [p.companyId] : [])))) {
      const company = await db.companies.get(companyId);
      if (!company) continue;
      const others =
        (await db.contacts.where('companyId').equals(companyId).filter((c) => !peopleIds.includes(c.id)).count()) +
        // Deals have no companyId index; a forget is rare enough to read them.
        (await db.deals.filter((d) => d.companyId === companyId && !peopleIds.includes(d.contactId)).count());
      if (others === 0) companies.push(company);
    }

    const recordIds = [...dealIds, ...activities.map((a) => a.id), ...suggestions.map((s) => s.id), ...stageChanges.map((s) => s.id), ...companies.map((c) => c.id)];
    const marks = personMarks(people, recordIds);

    // Queued sync changes of these records carry what they were (an unsent creation, an edit): dropped before
    // the tombstones are written, whose own changes (blank fields, deletedAt) the outbox then records.
    const forgotten: [SyncTable, string][] = [
      ...peopleIds.map((id): [SyncTable, string] => ['contacts', id]),
      ...dealIds.map((id): [SyncTable, string] => ['deals', id]),
      ...activities.map((a): [SyncTable, string] => ['activities', a.id]),
      ...suggestions.map((s): [SyncTable, string] => ['suggestions', s.id]),
      ...stageChanges.map((s): [SyncTable, string] => ['stageChanges', s.id]),
      ...companies.map((c): [SyncTable, string] => ['companies', c.id]),
    ];
    await db.outbox.where('[t+id]').anyOf(forgotten).delete();

    await db.contacts.bulkPut(people.map((p) => forgottenContact(p, now)));
    await db.deals.bulkPut(deals.map((d) => forgottenDeal(d, now)));
    await db.activities.bulkPut(activities.map((a) => forgottenActivity(a, now)));
    await db.suggestions.bulkPut(suggestions.map((s) => forgottenSuggestion(s, now)));
    await db.companies.bulkPut(companies.map((c) => forgottenCompany(c, now)));
    // Another person's deal may name them as who decides, or quote one of their activities as evidence.
    const mine = new Set(dealIds);
    const personIds = new Set(peopleIds);
    const theirActivities = new Set(activities.map((a) => a.id));
    const namedBy = await db.deals.filter((d) => !mine.has(d.id) && bantWithout(d.bant, personIds, theirActivities) !== null).toArray();
    await db.deals.bulkPut(namedBy.map((d) => ({ ...d, bant: bantWithout(d.bant, personIds, theirActivities), updatedAt: now })));
    // Insert-only history: it cannot be blanked through sync, so it goes (see docs/sync.md for the server's copy).
    await db.stageChanges.bulkDelete(stageChanges.map((s) => s.id));

    // Derived data: summaries, computed nudges, the rep's answers to them, the engine's packed facts.
    await db.summaries.bulkDelete(peopleIds);
    await db.summariesStale.bulkDelete(peopleIds);
    await whereAnyOf(db.nudges, 'contactId', peopleIds).then((rows) => db.nudges.bulkDelete(rows.map((n) => n.id)));
    await whereAnyOf(db.nudges, 'dealId', dealIds).then((rows) => db.nudges.bulkDelete(rows.map((n) => n.id)));
    await db.nudgeStates.filter((s) => mentions(s.id, marks)).delete();
    for (const id of peopleIds) await removeFromFacts(db, id);
    // The engine's markers for these writes: the facts were just updated here, and a marker names the person's id.
    await db.factsDirty.bulkDelete([...peopleIds.map(dirtyContact), ...companies.map((c) => dirtyCompany(c.id))]);
    // Stage medians count their stays: rebuilt from the history that is left.
    await db.engineState.delete(ENGINE_KEYS.stageStays);

    // Other records' queued changes that still name them (a deal's BANT naming them as who decides, a nudge
    // state's id): sent as the record now is, or not at all when it went with them.
    const ours = new Set(forgotten.map(([t, id]) => `${t}|${id}`));
    for (const e of await db.outbox.filter((e) => !ours.has(`${e.t}|${e.id}`) && mentions([e.id, e.f], marks)).toArray()) {
      const row = (await db.table(e.t).get(e.id)) as Record<string, unknown> | undefined;
      if (!row) await db.outbox.delete(e.seq!);
      else {
        const current = toSyncData(e.t, row);
        await db.outbox.put({ ...e, f: Object.fromEntries(Object.keys(e.f).map((k) => [k, current[k]])) });
      }
    }

    // Anything else that holds them: undo entries, import batches waiting, a resync's bookkeeping, an
    // address a page proposed as the rep's own.
    await db.undo.filter((u) => mentions(u, marks)).delete();
    await db.importChunks.filter((chunk) => chunk.rows.some((r) => mentions(r, marks))).modify((chunk) => {
      chunk.rows = chunk.rows.filter((r) => !mentions(r, marks));
    });
    await db.resyncSeen.filter((r) => mentions(r.key, marks)).delete();
    const proposed = (row: { value: unknown }) => {
      const v = row.value as { proposedAddresses?: unknown } | null;
      return v && Array.isArray(v.proposedAddresses) ? (v.proposedAddresses as unknown[]) : [];
    };
    await db.settings
      .filter((row) => proposed(row).some((e) => mentions(e, marks)))
      .modify((row) => {
        (row.value as { proposedAddresses: unknown[] }).proposedAddresses = proposed(row).filter((e) => !mentions(e, marks));
      });
    return { ok: true };
  });
}

/**
 * Takes the person out of the nudge engine's packed facts. A bucket is named
 * after the lowest contact id it may hold, which can be theirs: it is then
 * renamed after the next one (the range in between holds nobody), or dropped
 * when empty (its range falls to the bucket before).
 */
async function removeFromFacts(db: SidecarDb, contactId: string): Promise<void> {
  const ids = (await db.factBuckets.toCollection().primaryKeys()) as string[];
  if (ids.length === 0) return;
  const key = bucketFor(ids, contactId);
  const stored = await db.factBuckets.get(key);
  if (!stored) return;
  const bucket = updateBucket(stored, [], [contactId]);
  if (key !== contactId) {
    await db.factBuckets.put(bucket);
    return;
  }
  await db.factBuckets.delete(key);
  const rest = [...bucket.ids].sort();
  if (rest.length > 0) await db.factBuckets.put({ ...bucket, id: rest[0]! });
}

/**
 * Contacts merged into this one are the same person, and their tombstones
 * still hold what they were: those named by a merge's undo entry (kept a
 * week), and deleted contacts with one of their addresses.
 */
async function mergedInto(db: SidecarDb, contact: Contact): Promise<Contact[]> {
  const ids = new Set<string>();
  await db.undo.each((u) => {
    if (u.kind === 'merge' && u.contacts[0]?.id === contact.id) for (const c of u.contacts.slice(1)) ids.add(c.id);
  });
  const byAddress = await whereAnyOf(db.contacts, 'emails', contact.emails, (c) => c.id);
  for (const c of byAddress) if (c.deletedAt !== null) ids.add(c.id);
  ids.delete(contact.id);
  return (await db.contacts.bulkGet([...ids])).filter((c): c is Contact => !!c);
}
