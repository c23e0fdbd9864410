import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import type { Contact } from '../domain/records';
import { SidecarDb } from './schema';
import { CLOCK_KEY, markQuiet, STATE_KEY } from './sync-outbox';

let db: SidecarDb;
beforeEach(() => {
  db = new SidecarDb('test-' + crypto.randomUUID());
});
afterEach(async () => {
  await db.delete();
});

const DEVICE = '01J0000000000000000000DEV1';
const contact = (id: string, name = id): Contact => ({
  id, createdAt: 1, updatedAt: 1, deletedAt: null, name, emails: [`${id.toLowerCase()}@x.com`],
  title: null, headline: null, location: null, companyId: null, linkedinUrl: null, photoUrl: null,
});
const connect = () => db.syncState.put({ key: STATE_KEY, deviceId: DEVICE, clockOffset: 0 });

describe('sync outbox middleware', () => {
  it('records nothing while sync is off', async () => {
    await db.contacts.add(contact('A'));
    await db.contacts.update('A', { name: 'B' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('records an insert for add, the whole record for a new put, and only the changed fields for an update, in the same transaction', async () => {
    await connect();
    await db.contacts.add(contact('A'));
    await db.contacts.put(contact('B'));
    await db.contacts.update('A', { name: 'Anna', updatedAt: 5 });
    await db.contacts.put({ ...contact('B'), title: 'CTO' });
    await db.contacts.put(contact('B', 'B')); // title back to null
    await db.contacts.update('A', { name: 'Anna' }); // no change: nothing recorded
    const rows = await db.outbox.toArray();
    expect(rows.map((r) => [r.t, r.id, r.op, r.f])).toEqual([
      ['contacts', 'A', 'insert', expect.objectContaining({ name: 'A', emails: ['a@x.com'] })],
      ['contacts', 'B', 'put', expect.objectContaining({ name: 'B' })],
      ['contacts', 'A', 'patch', { name: 'Anna', updatedAt: 5 }],
      ['contacts', 'B', 'patch', { title: 'CTO' }],
      ['contacts', 'B', 'patch', { title: null }],
    ]);
    expect(rows[0]!.f).not.toHaveProperty('id');
    // Stamps of this device, strictly increasing, and the clock kept with them.
    const stamps = rows.map((r) => r.s);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    expect(stamps.every((s) => s.endsWith(`-${DEVICE}`))).toBe(true);
    expect((await db.syncState.get(CLOCK_KEY))?.hlc).toBe(stamps.at(-1));
  });

  it('syncs only the team part of the settings', async () => {
    await connect();
    await db.settings.put({ key: 'app', value: { language: 'id', currency: 'IDR', sidePanel: true }, updatedAt: 1 });
    await db.settings.put({ key: 'app', value: { language: 'en', currency: 'IDR', sidePanel: true }, updatedAt: 2 });
    await db.settings.put({ key: 'stageStays', value: {}, updatedAt: 1 });
    expect((await db.outbox.toArray()).map((r) => [r.id, r.op, r.f])).toEqual([['app', 'put', { currency: 'IDR' }]]);
  });

  it('rolls back with the write: an aborted transaction leaves no entry, a failed add none', async () => {
    await connect();
    await expect(
      db.transaction('rw', db.contacts, async () => {
        await db.contacts.add(contact('A'));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await db.contacts.add(contact('B'));
    await expect(db.contacts.add(contact('B'))).rejects.toThrow();
    expect((await db.outbox.toArray()).map((r) => r.id)).toEqual(['B']);
  });

  it("never records sync's own writes (a quiet transaction)", async () => {
    await connect();
    await db.transaction('rw', db.contacts, async (tx) => {
      markQuiet(tx.idbtrans);
      await db.contacts.bulkPut([contact('A'), contact('B')]);
      await db.contacts.update('A', { name: 'x' });
    });
    expect(await db.outbox.count()).toBe(0);
    expect(await db.contacts.count()).toBe(2);
  });

  it('keeps its clock going forward when the wall clock goes back', async () => {
    await connect();
    await db.contacts.add(contact('A'));
    const first = (await db.outbox.toArray())[0]!.s;
    const spy = vi.spyOn(Date, 'now').mockReturnValue(Date.now() - 86_400_000);
    try {
      // A "restart": a new database object over the same data.
      const again = new SidecarDb(db.name);
      await again.contacts.update('A', { name: 'later' });
      const second = (await again.outbox.toArray())[1]!.s;
      expect(second > first).toBe(true);
      again.close();
    } finally {
      spy.mockRestore();
    }
  });
});

void Dexie;
