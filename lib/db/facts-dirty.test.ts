import { useTestDb } from '@/test/unit/test-db';
import type { DBCore, Middleware } from 'dexie';
import type { Contact, Deal } from '../domain/records';
import { DIRTY_TABLE } from './facts-dirty';
import { SidecarDb } from './schema';

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const contact = (id: string): Contact => ({
  id, createdAt: 1, updatedAt: 1, deletedAt: null, name: id, emails: [`${id}@x.io`],
  title: null, headline: null, location: null, companyId: null, linkedinUrl: null, photoUrl: null,
});
const deal = (id: string, contactId: string) => ({ id, contactId, companyId: null, stageId: 'contact', status: 'open', createdAt: 1, updatedAt: 1, deletedAt: null }) as unknown as Deal;

/** Counts the marker rows written below the middleware (what IndexedDB is asked to store). */
function countMarkerWrites(d: SidecarDb): { rows: number } {
  const seen = { rows: 0 };
  const counter: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'countMarkers',
    level: -1,
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return name !== DIRTY_TABLE ? t : { ...t, mutate: (req) => ((seen.rows += req.type === 'put' ? req.values.length : 0), t.mutate(req)) };
      },
    }),
  };
  d.use(counter);
  return seen;
}

describe('change markers (factsDirty)', () => {
  it('writes one marker per contact per transaction, however many of its rows the transaction writes', async () => {
    const seen = countMarkerWrites(db);
    await db.transaction('rw', db.contacts, db.deals, async () => {
      await db.contacts.bulkPut([contact('a'), contact('b')]);
      await db.deals.bulkPut([deal('d1', 'a'), deal('d2', 'a'), deal('d3', 'c')]);
      await db.contacts.put({ ...contact('a'), name: 'A' });
    });
    expect((await db.factsDirty.toArray()).map((r) => r.key).sort()).toEqual(['c:a', 'c:b', 'c:c']);
    expect(seen.rows).toBe(3);
    // A later transaction marks again (the engine may have handled the first markers meanwhile).
    await db.contacts.put({ ...contact('a'), name: 'A2' });
    expect(seen.rows).toBe(4);
  });

  it('marks nothing more once the transaction holds the "rebuild everything" marker', async () => {
    const seen = countMarkerWrites(db);
    await db.contacts.bulkPut([contact('a')]);
    await db.factsDirty.clear();
    seen.rows = 0;
    await db.transaction('rw', db.contacts, db.deals, async () => {
      await db.contacts.clear();
      await db.contacts.bulkPut([contact('b'), contact('c')]);
      await db.deals.bulkPut([deal('d1', 'b')]);
    });
    expect((await db.factsDirty.toArray()).map((r) => r.key)).toEqual(['*']);
    expect(seen.rows).toBe(1);
  });

  it('marks again after a service touched the markers in the same transaction', async () => {
    await db.transaction('rw', db.contacts, db.factsDirty, async () => {
      await db.contacts.put(contact('a'));
      await db.factsDirty.delete('c:a');
      await db.contacts.put({ ...contact('a'), name: 'A' });
    });
    expect((await db.factsDirty.toArray()).map((r) => r.key)).toEqual(['c:a']);
  });
});
