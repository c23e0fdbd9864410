import { useTestDb } from '@/test/unit/test-db';
import { SidecarDb } from '../db';
import type { Contact } from '../domain/records';
import { whereAnyOf } from './index-reads';

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const contact = (id: string, emails: string[]): Contact => ({
  id, createdAt: 1, updatedAt: 1, deletedAt: null, name: id, emails,
  title: null, headline: null, location: null, companyId: null, linkedinUrl: null, photoUrl: null,
});

describe('whereAnyOf', () => {
  it('returns the rows matching any value, as anyOf does; a multi-entry row once with a key', async () => {
    await db.contacts.bulkAdd([contact('c1', ['a@x.io', 'b@x.io']), contact('c2', ['c@x.io']), contact('c3', ['d@x.io'])]);
    const ids = (rows: Contact[]) => rows.map((c) => c.id).sort();
    const values = ['a@x.io', 'b@x.io', 'c@x.io', 'c@x.io', 'nobody@x.io'];
    // Dexie's anyOf yields a multi-entry row once per matching value too.
    expect(ids(await whereAnyOf(db.contacts, 'emails', values))).toEqual(ids(await db.contacts.where('emails').anyOf(values).toArray()));
    expect(ids(await whereAnyOf(db.contacts, 'emails', values, (c) => c.id))).toEqual(['c1', 'c2']);
    // Without a key, once per matching value (repeated values are asked once).
    expect(ids(await whereAnyOf(db.contacts, 'emails', values))).toEqual(['c1', 'c1', 'c2']);
    expect(await whereAnyOf(db.contacts, 'emails', [])).toEqual([]);
  });
});
