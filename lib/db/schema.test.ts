import { useTestDb } from '@/test/unit/test-db';
import { Dexie } from 'dexie';
import type { Company, Contact } from '../domain/records';
import { SidecarDb } from './schema';

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const contact = (id: string, emails: string[]): Contact => ({
  id, createdAt: 1, updatedAt: 1, deletedAt: null, name: id, emails,
  title: null, headline: null, location: null, companyId: null, linkedinUrl: null, photoUrl: null,
});
const company = (id: string, domain: string | null): Company => ({ id, createdAt: 1, updatedAt: 1, deletedAt: null, name: id, domain, industry: null, employees: null });

describe('SidecarDb schema', () => {
  it('creates the stores with the expected keys and indexes', async () => {
    await db.open();
    expect(db.verno).toBe(8);
    const tables = Object.fromEntries(db.tables.map((t) => [t.name, t.schema.indexes.map((i) => i.name).sort()]));
    expect(tables).toEqual({
      contacts: ['companyId', 'emails', 'linkedinUrl', 'updatedAt'],
      companies: ['domain', 'updatedAt'],
      deals: ['contactId', 'stageId', 'status', 'updatedAt'],
      activities: ['contactId', 'dealId', 'kind', 'sourceId', 'updatedAt'],
      stageChanges: ['[dealId+at]', 'at', 'dealId'],
      settings: [],
      engineState: [],
      suggestions: ['contactId', 'dealId', 'status'],
      nudgeStates: ['state'],
      summaries: ['futureActivityAt'],
      nudges: ['[priority+dueAt]', 'contactId', 'dealId', 'dueAt'],
      factBuckets: [],
      factsDirty: [],
      importJobs: [],
      importChunks: [],
      velocity: [],
      outbox: ['[t+id]'],
      syncState: [],
      summariesStale: [],
      resyncSeen: [],
      undo: ['at'],
    });
    const pk = Object.fromEntries(db.tables.map((t) => [t.name, t.schema.primKey.keyPath]));
    expect(pk).toEqual({ contacts: 'id', companies: 'id', deals: 'id', activities: 'id', stageChanges: 'id', settings: 'key', engineState: 'key', suggestions: 'id', nudgeStates: 'id', summaries: 'contactId', nudges: 'id', factBuckets: 'id', factsDirty: 'key', importJobs: 'id', importChunks: ['jobId', 'seq'], velocity: 'day', outbox: 'seq', syncState: 'key', summariesStale: 'contactId', resyncSeen: 'key', undo: 'id' });
    expect(db.table('contacts').schema.idxByName['emails']!.multi).toBe(true);
    expect(db.table('companies').schema.idxByName['domain']!.unique).toBe(true);
  });

  it('really created the stores in IndexedDB (as seen by a second, schema-less connection)', async () => {
    await db.open();
    const raw = new Dexie(db.name);
    await raw.open();
    try {
      const byName = Object.fromEntries(raw.tables.map((t) => [t.name, t.schema.indexes.map((i) => [i.name, !!i.multi, !!i.unique]).sort()]));
      expect(Object.keys(byName).sort()).toEqual(['activities', 'companies', 'contacts', 'deals', 'engineState', 'factBuckets', 'factsDirty', 'importChunks', 'importJobs', 'nudgeStates', 'nudges', 'outbox', 'resyncSeen', 'settings', 'stageChanges', 'suggestions', 'summaries', 'summariesStale', 'syncState', 'undo', 'velocity']);
      expect(byName['contacts']).toContainEqual(['emails', true, false]);
      expect(byName['companies']).toContainEqual(['domain', false, true]);
    } finally {
      raw.close();
    }
  });

  it('finds a contact by any of its addresses through the *emails index', async () => {
    await db.contacts.bulkAdd([contact('c1', ['dana@bigcorp.io', 'dana@home.org']), contact('c2', ['sam@bigcorp.io'])]);
    expect((await db.contacts.where('emails').equals('dana@home.org').toArray()).map((c) => c.id)).toEqual(['c1']);
    expect((await db.contacts.where('emails').equals('dana@bigcorp.io').toArray()).map((c) => c.id)).toEqual(['c1']);
    expect(await db.contacts.where('emails').equals('nobody@x.io').count()).toBe(0);
    const found = await db.contacts.where('emails').anyOf(['dana@bigcorp.io', 'dana@home.org', 'sam@bigcorp.io']).toArray();
    expect(found.map((c) => c.id).sort()).toEqual(['c1', 'c1', 'c2']);
    expect((await db.contacts.where('emails').startsWith('dana@').distinct().toArray()).map((c) => c.id)).toEqual(['c1']);
  });

  it('rejects a second company with the same domain, but allows many without a domain', async () => {
    await db.companies.add(company('co1', 'bigcorp.io'));
    await expect(db.companies.add(company('co2', 'bigcorp.io'))).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await db.companies.count()).toBe(1);
    await db.companies.bulkAdd([company('n1', null), company('n2', null), company('n3', null)]);
    expect(await db.companies.count()).toBe(4);
    expect((await db.companies.where('domain').equals('bigcorp.io').toArray()).map((c) => c.id)).toEqual(['co1']);
  });

  it('rolls back a whole transaction when the unique domain is violated inside it', async () => {
    await db.companies.add(company('co1', 'bigcorp.io'));
    await expect(
      db.transaction('rw', db.contacts, db.companies, async () => {
        await db.contacts.add(contact('c1', ['x@bigcorp.io']));
        await db.companies.add(company('co2', 'bigcorp.io'));
      }),
    ).rejects.toMatchObject({ name: 'ConstraintError' });
    expect(await db.contacts.count()).toBe(0);
    expect(await db.companies.count()).toBe(1);
  });

  it('upgrades a version 1 database in place: data kept, the new stores added empty', async () => {
    const v1 = new Dexie(db.name);
    v1.version(1).stores({
      contacts: 'id, *emails, linkedinUrl, companyId, updatedAt',
      companies: 'id, &domain, updatedAt',
      deals: 'id, contactId, stageId, status, updatedAt',
      activities: 'id, contactId, dealId, sourceId, at, updatedAt',
      stageChanges: 'id, dealId, at, [dealId+at]',
      settings: 'key',
      suggestions: 'id, contactId, dealId, status',
      nudgeStates: 'id, state',
      summaries: 'contactId',
      nudges: 'id, contactId, dealId, dueAt',
    });
    await v1.table('contacts').add(contact('c1', ['dana@bigcorp.io']));
    await v1.table('activities').add({ id: 'a1', contactId: 'c1', dealId: null, sourceId: 'msg-f:1', at: 5, updatedAt: 5, kind: 'email_in' });
    v1.close();
    await db.open();
    expect(db.verno).toBe(8);
    expect((await db.contacts.get('c1'))!.emails).toEqual(['dana@bigcorp.io']);
    // Version 8 dropped the activities' `at` index, not the activities: still found by the indexes that remain.
    expect((await db.activities.where('contactId').equals('c1').toArray()).map((a) => a.id)).toEqual(['a1']);
    expect(db.activities.schema.idxByName['at']).toBeUndefined();
    expect(await db.factBuckets.count()).toBe(0);
    expect(await db.importJobs.count()).toBe(0);
    // Marking works from the first write after the upgrade.
    await db.contacts.update('c1', { name: 'Dana' });
    expect((await db.factsDirty.toArray()).map((r) => r.key)).toEqual(['c:c1']);
  });

  it('upgrades version 2 to the latest: every deal gets a lead source (LinkedIn where the contact came only from LinkedIn), the sync stores are added empty', async () => {
    const v2 = new Dexie(db.name);
    v2.version(2).stores({
      contacts: 'id, *emails, linkedinUrl, companyId, updatedAt',
      companies: 'id, &domain, updatedAt',
      deals: 'id, contactId, stageId, status, updatedAt',
      activities: 'id, contactId, dealId, sourceId, at, updatedAt',
      stageChanges: 'id, dealId, at, [dealId+at]',
      settings: 'key',
      suggestions: 'id, contactId, dealId, status',
      nudgeStates: 'id, state',
      summaries: 'contactId',
      nudges: 'id, contactId, dealId, dueAt, [priority+dueAt]',
      factBuckets: 'id',
      factsDirty: 'key',
    });
    await v2.table('contacts').bulkAdd([contact('c1', ['dana@bigcorp.io']), { ...contact('c2', []), linkedinUrl: 'https://www.linkedin.com/in/budi/' }]);
    const deal = (id: string, contactId: string) => ({ id, contactId, createdAt: 1, updatedAt: 1, deletedAt: null, stageId: 'contact', status: 'open', valueMinor: 0, currency: 'USD' });
    await v2.table('deals').bulkAdd([deal('d1', 'c1'), deal('d2', 'c2')]);
    v2.close();
    await db.open();
    expect((await db.deals.get('d1'))!.leadSource).toBeNull();
    expect((await db.deals.get('d2'))!.leadSource).toBe('linkedin');
    expect(await db.velocity.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.syncState.count()).toBe(0);
    // Sync off: writes record nothing in the outbox.
    await db.contacts.update('c1', { name: 'Dana' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('upgrades version 5 to 6: the nudge engine bookkeeping moves out of settings into engineState, the rep settings stay', async () => {
    const v5 = new Dexie(db.name);
    const stores = Object.fromEntries(db.tables.filter((t) => t.name !== 'engineState' && t.name !== 'undo').map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src)].join(', ')]));
    v5.version(5).stores(stores);
    await v5.table('settings').bulkPut([
      { key: 'app', value: { language: 'id' }, updatedAt: 1 },
      { key: 'leadFacts', value: { key: '1:{}', resumeAfter: null }, updatedAt: 2 },
      { key: 'stageStays', value: { contact: [5] }, updatedAt: 3 },
      { key: 'engagementHalfLife', value: 30, updatedAt: 4 },
    ]);
    v5.close();
    await db.open();
    expect(db.verno).toBe(8);
    expect((await db.settings.toArray()).map((r) => r.key)).toEqual(['app']);
    expect(await db.engineState.toArray()).toEqual([
      { key: 'engagementHalfLife', value: 30, updatedAt: 4 },
      { key: 'leadFacts', value: { key: '1:{}', resumeAfter: null }, updatedAt: 2 },
      { key: 'stageStays', value: { contact: [5] }, updatedAt: 3 },
    ]);
  });

  it('upgrades version 5: undo entries leave the settings table for a store of their own, still undoable', async () => {
    const v5 = new Dexie(db.name);
    v5.version(5).stores({
      contacts: 'id, *emails, linkedinUrl, companyId, updatedAt',
      companies: 'id, &domain, updatedAt',
      deals: 'id, contactId, stageId, status, updatedAt',
      activities: 'id, contactId, dealId, sourceId, at, updatedAt, kind',
      stageChanges: 'id, dealId, at, [dealId+at]',
      settings: 'key',
      suggestions: 'id, contactId, dealId, status',
      nudgeStates: 'id, state',
      summaries: 'contactId',
      nudges: 'id, contactId, dealId, dueAt, [priority+dueAt]',
      factBuckets: 'id',
      factsDirty: 'key',
      importJobs: 'id',
      importChunks: '[jobId+seq]',
      velocity: 'day',
      outbox: '++seq, [t+id]',
      syncState: 'key',
      summariesStale: 'contactId',
      resyncSeen: 'key',
    });
    const entry = { kind: 'delete', at: 5, contacts: [contact('c1', ['dana@bigcorp.io'])], deals: [], activities: [], suggestions: [] };
    await v5.table('settings').bulkPut([
      { key: 'app', value: { currency: 'USD' }, updatedAt: 1 },
      { key: 'undo:0001', value: entry, updatedAt: 5 },
    ]);
    v5.close();
    await db.open();
    expect((await db.settings.toArray()).map((r) => r.key)).toEqual(['app']);
    expect(await db.undo.toArray()).toEqual([{ ...entry, id: 'undo:0001' }]);
  });
});
