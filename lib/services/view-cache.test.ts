import { useTestDb } from '@/test/unit/test-db';
import type { SidecarDb } from '@/lib/db';
import { baseRecord } from './records';
import { cached, tableFingerprint } from './view-cache';

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const person = (name: string) => ({ ...baseRecord(Date.now()), name, emails: [`${name.toLowerCase()}@example.com`], title: null, headline: null, location: null, companyId: null, linkedinUrl: null, photoUrl: null });

/** A row written straight into IndexedDB, beneath Dexie (as a test seeds, or raw IndexedDB elsewhere writes): no Dexie event. */
function putBeneathDexie(row: object): Promise<void> {
  return new Promise((resolve, reject) => {
    const tx = db.backendDB().transaction('contacts', 'readwrite');
    tx.objectStore('contacts').put(row);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

describe('cached views', () => {
  it('sees a write beneath Dexie made right after the last check', async () => {
    await db.contacts.add(person('Ana'));
    const count = () => cached(db, 'people-count', ['contacts'], () => db.contacts.count());
    expect(await count()).toBe(1);
    await putBeneathDexie(person('Budi'));
    expect(await count()).toBe(2);
  });

  it('shares one check of a table among the requests made while it runs', async () => {
    await db.contacts.add(person('Ana'));
    const first = tableFingerprint(db, 'contacts');
    expect(tableFingerprint(db, 'contacts')).toBe(first);
    await first;
    expect(tableFingerprint(db, 'contacts')).not.toBe(first);
  });
});
