import { useTestDb } from '@/test/unit/test-db';
import type { SidecarDb } from '../db';
import type { Contact } from '../domain/records';
import { contactsWithAny } from './contact-match';

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const contact = (i: number, extra: Partial<Contact> = {}): Contact => ({
  id: `c${String(i).padStart(5, '0')}`, createdAt: 1, updatedAt: 1, deletedAt: null, name: `P ${i}`, emails: [`p${i}@x.io`, `alt${i}@y.io`],
  title: null, headline: null, location: null, companyId: null, linkedinUrl: i % 3 === 0 ? `https://www.linkedin.com/in/p${i}/` : null, photoUrl: null, ...extra,
});

describe('contactsWithAny', () => {
  it('finds the same contacts by index (few addresses) and by reading them all (many), each once', async () => {
    await db.contacts.bulkAdd(Array.from({ length: 12_000 }, (_, i) => contact(i, i === 7 ? { deletedAt: 5 } : {})));
    const few = await contactsWithAny(db, ['p5@x.io', 'alt5@y.io', 'p7@x.io', 'nobody@x.io'], ['https://www.linkedin.com/in/p9/', 'https://www.linkedin.com/in/p5/']);
    expect(few.map((c) => c.id).sort()).toEqual(['c00005', 'c00007', 'c00009']);
    // 2,000 addresses against 12,000 contacts: read whole (pages of 5,000, the last one short).
    const emails = Array.from({ length: 2000 }, (_, i) => (i % 2 ? `alt${i * 6}@y.io` : `p${i * 6}@x.io`));
    const many = await contactsWithAny(db, [...emails, 'p11999@x.io'], ['https://www.linkedin.com/in/p3/']);
    expect(many.map((c) => c.id)).toEqual([...Array.from({ length: 2000 }, (_, i) => contact(i * 6).id), 'c00003', 'c11999'].sort());
    expect(await contactsWithAny(db, [], [])).toEqual([]);
  });
});
