import 'fake-indexeddb/auto';
import { SidecarDb } from '../db';
import { logManualActivity } from './activities';
import { createPerson } from './contacts';
import { deleteCompany, deleteContact, deleteDeal, mergeContacts, undoChange } from './merge';
import { currentDeals } from './people';

const NOW = 1_790_000_000_000;
const env = { now: NOW, locale: 'en-US' };

let db: SidecarDb;
beforeEach(() => {
  db = new SidecarDb('test-' + crypto.randomUUID());
});
afterEach(async () => {
  await db.delete();
});

const rows = async () => ({
  contacts: await db.contacts.toArray(),
  deals: await db.deals.toArray(),
  activities: (await db.activities.toArray()).map(({ id, contactId, dealId, kind, text }) => ({ id, contactId, dealId, kind, text })),
});

describe('merge and delete, with one undo', () => {
  it('moves every address, activity, deal and the LinkedIn link onto the kept contact; undo restores both', { timeout: 30_000 }, async () => {
    const a = await createPerson(db, { name: 'Dana Prospect', email: 'dana@bigcorp.io' }, env);
    const b = await createPerson(db, { name: 'Dana P.', linkedinUrl: 'https://www.linkedin.com/in/dana/', companyName: 'BigCorp' }, env);
    await logManualActivity(db, { contactId: a.contact.id, kind: 'call', text: 'by email' }, NOW + 1);
    await logManualActivity(db, { contactId: b.contact.id, kind: 'linkedin_message', text: 'on LinkedIn' }, NOW + 2);
    const before = await rows();

    const r = await mergeContacts(db, a.contact.id, b.contact.id, { ...env, now: NOW + 10 });
    expect(r.ok).toBe(true);
    const kept = (await db.contacts.get(a.contact.id))!;
    expect(kept).toMatchObject({ emails: ['dana@bigcorp.io'], linkedinUrl: 'https://www.linkedin.com/in/dana/', deletedAt: null });
    expect((await db.contacts.get(b.contact.id))!.deletedAt).toBe(NOW + 10);
    expect((await db.activities.toArray()).every((x) => x.contactId === a.contact.id)).toBe(true);
    expect(await db.activities.count()).toBe(before.activities.length);
    expect((await db.deals.toArray()).every((d) => d.contactId === a.contact.id)).toBe(true);

    expect(await undoChange(db, r.ok ? r.undoId : '', { ...env, now: NOW + 20 })).toBe(true);
    const after = await rows();
    expect(after.activities).toEqual(before.activities);
    expect(after.contacts.map(({ updatedAt: _u, ...c }) => c)).toEqual(before.contacts.map(({ updatedAt: _u, ...c }) => c));
    expect(after.deals.map(({ updatedAt: _u, ...d }) => d)).toEqual(before.deals.map(({ updatedAt: _u, ...d }) => d));
    expect(await undoChange(db, r.ok ? r.undoId : '', env)).toBe(false); // once
  });

  it('refuses to merge a contact with itself or a missing one', async () => {
    const a = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    expect(await mergeContacts(db, a.contact.id, a.contact.id, env)).toEqual({ ok: false, reason: 'same' });
    expect(await mergeContacts(db, a.contact.id, 'nope', env)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('deletes a person as tombstones (contact and deals) and undo brings them back', async () => {
    const a = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    const r = await deleteContact(db, a.contact.id, NOW + 5);
    expect((await db.contacts.get(a.contact.id))!.deletedAt).toBe(NOW + 5);
    expect((await db.deals.get(a.deal.id))!.deletedAt).toBe(NOW + 5);
    expect(await undoChange(db, r.ok ? r.undoId : '', { ...env, now: NOW + 6 })).toBe(true);
    expect((await db.contacts.get(a.contact.id))!.deletedAt).toBeNull();
    expect((await db.deals.get(a.deal.id))!.deletedAt).toBeNull();
  });

  it('keeps every address and the stage history of both deals; the undo entry is in its own store, never in settings', async () => {
    const a = await createPerson(db, { name: 'Dana Prospect', email: 'dana@bigcorp.io' }, env);
    const b = await createPerson(db, { name: 'Dana P.', email: 'dana.p@gmail.com' }, env);
    const settingsBefore = await db.settings.toArray();
    const history = await db.stageChanges.toArray();
    const r = await mergeContacts(db, a.contact.id, b.contact.id, { ...env, now: NOW + 10 });
    expect((await db.contacts.get(a.contact.id))!.emails).toEqual(['dana@bigcorp.io', 'dana.p@gmail.com']);
    expect(await db.stageChanges.toArray()).toEqual(history);
    expect((await db.deals.where('contactId').equals(a.contact.id).toArray()).map((d) => d.id).sort()).toEqual([a.deal.id, b.deal.id].sort());
    expect(await db.settings.toArray()).toEqual(settingsBefore);
    expect((await db.undo.toArray()).map((u) => u.id)).toEqual([r.ok ? r.undoId : '']);
    // A week later, the next change drops the old entry.
    await deleteContact(db, a.contact.id, NOW + 8 * 86_400_000);
    expect(await db.undo.count()).toBe(1);
  });

  it('deletes one deal on its own (the person stays) and undo brings it back as it was', async () => {
    const a = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    const r = await deleteDeal(db, a.deal.id, NOW + 5);
    expect(r.ok).toBe(true);
    expect((await db.deals.get(a.deal.id))!.deletedAt).toBe(NOW + 5);
    expect((await db.contacts.get(a.contact.id))!.deletedAt).toBeNull();
    expect((await currentDeals(db, [a.contact.id])).get(a.contact.id)).toBeUndefined();
    expect(await deleteDeal(db, a.deal.id, NOW + 6)).toEqual({ ok: false, reason: 'not_found' });
    expect(await undoChange(db, r.ok ? r.undoId : '', { ...env, now: NOW + 7 })).toBe(true);
    const back = (await db.deals.get(a.deal.id))!;
    expect({ ...back, updatedAt: 0 }).toEqual({ ...a.deal, updatedAt: 0 });
    expect((await currentDeals(db, [a.contact.id])).get(a.contact.id)?.id).toBe(a.deal.id);
  });

  it('deletes a company on its own: its people and deals stay without it; undo puts every link back; a new person there revives it', async () => {
    const a = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    const b = await createPerson(db, { name: 'Ari', email: 'ari@bigcorp.io' }, env);
    const companyId = a.company!.id;
    const r = await deleteCompany(db, companyId, NOW + 5);
    expect(r.ok).toBe(true);
    expect((await db.companies.get(companyId))!.deletedAt).toBe(NOW + 5);
    for (const p of [a, b]) {
      expect(await db.contacts.get(p.contact.id)).toMatchObject({ companyId: null, deletedAt: null });
      expect(await db.deals.get(p.deal.id)).toMatchObject({ companyId: null, deletedAt: null });
    }
    expect(await deleteCompany(db, companyId, NOW + 6)).toEqual({ ok: false, reason: 'not_found' });
    expect(await undoChange(db, r.ok ? r.undoId : '', { ...env, now: NOW + 7 })).toBe(true);
    expect((await db.companies.get(companyId))!.deletedAt).toBeNull();
    for (const p of [a, b]) {
      expect((await db.contacts.get(p.contact.id))!.companyId).toBe(companyId);
      expect((await db.deals.get(p.deal.id))!.companyId).toBe(companyId);
    }
    await deleteCompany(db, companyId, NOW + 8);
    const c = await createPerson(db, { name: 'Sam', email: 'sam@bigcorp.io' }, { ...env, now: NOW + 9 });
    expect(c.company!.id).toBe(companyId);
    expect((await db.companies.get(companyId))!.deletedAt).toBeNull();
  });
});
