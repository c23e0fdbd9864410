import { useTestDb } from '@/test/unit/test-db';
import type { SidecarDb } from '../db';
import { addContactDetails } from './contact-details';
import { createPerson } from './contacts';
import { findPeopleByEmails } from './people';

const NOW = 1_790_000_000_000;
const env = { now: NOW, locale: 'en-US' };
let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

describe('addContactDetails', () => {
  it('adds an address, numbers and sites beside what is there; the address finds the person at once', async () => {
    const { contact } = await createPerson(db, { name: 'Dana Prospect', linkedinUrl: 'https://www.linkedin.com/in/dana-prospect/' }, env);
    const r = await addContactDetails(db, contact.id, { emails: ['Dana@BigCorp.io'], phones: ['+62 812-3456-7890'], websites: ['https://bigcorp.io/'] }, NOW + 1);
    expect(r).toEqual({ ok: true, added: 3 });
    const stored = await db.contacts.get(contact.id);
    expect(stored).toMatchObject({ emails: ['dana@bigcorp.io'], phones: ['+62 812-3456-7890'], websites: ['https://bigcorp.io/'], updatedAt: NOW + 1 });
    expect((await findPeopleByEmails(db, ['dana@bigcorp.io'])).get('dana@bigcorp.io')?.contact.id).toBe(contact.id);

    // Again, written differently: nothing new, nothing written.
    const again = await addContactDetails(db, contact.id, { emails: ['dana@bigcorp.io'], phones: ['+62 (812) 3456 7890'], websites: ['https://bigcorp.io'] }, NOW + 2);
    expect(again).toEqual({ ok: true, added: 0 });
    expect((await db.contacts.get(contact.id))!.updatedAt).toBe(NOW + 1);
  });

  it('refuses, changing nothing: an address that is someone else’s, a bad address, a non-web site, a gone contact', async () => {
    const { contact: dana } = await createPerson(db, { name: 'Dana', linkedinUrl: 'https://www.linkedin.com/in/dana-prospect/' }, env);
    const { contact: budi } = await createPerson(db, { name: 'Budi', email: 'budi@tokomaju.co.id' }, env);
    const before = await db.contacts.toArray();
    expect(await addContactDetails(db, dana.id, { emails: ['budi@tokomaju.co.id'], phones: ['+62 811'] }, NOW + 1)).toEqual({
      ok: false,
      reason: 'email_taken',
      email: 'budi@tokomaju.co.id',
      contactId: budi.id,
    });
    expect(await addContactDetails(db, dana.id, { emails: ['not an address'] }, NOW + 1)).toEqual({ ok: false, reason: 'invalid' });
    expect(await addContactDetails(db, dana.id, { websites: ['javascript:alert(1)'] }, NOW + 1)).toEqual({ ok: false, reason: 'invalid' });
    expect(await addContactDetails(db, 'nobody', { emails: ['x@y.io'] }, NOW + 1)).toEqual({ ok: false, reason: 'not_found' });
    expect(await db.contacts.toArray()).toEqual(before);
  });
});
