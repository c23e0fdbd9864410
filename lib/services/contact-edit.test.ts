import { useTestDb } from '@/test/unit/test-db';
import type { SidecarDb } from '../db';
import { updateContact } from './contact-edit';
import { createPerson } from './contacts';

const NOW = 1_790_000_000_000;
const env = { now: NOW, locale: 'en-US' };
let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

describe('updateContact', () => {
  it('edits every field of a person, addresses normalised and the profile link made canonical', async () => {
    const a = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    const r = await updateContact(
      db,
      a.contact.id,
      {
        name: '  Dana Prospect ',
        emails: ['dana@bigcorp.io', ' Dana.P@Gmail.com ', 'dana@bigcorp.io', ''],
        title: 'VP Sales',
        headline: '',
        location: 'Jakarta',
        linkedinUrl: 'https://id.linkedin.com/in/dana-prospect?trk=x',
      },
      NOW + 1,
    );
    expect(r.ok).toBe(true);
    expect(await db.contacts.get(a.contact.id)).toMatchObject({
      name: 'Dana Prospect',
      emails: ['dana@bigcorp.io', 'dana.p@gmail.com'],
      title: 'VP Sales',
      headline: null,
      location: 'Jakarta',
      linkedinUrl: 'https://www.linkedin.com/in/dana-prospect/',
      updatedAt: NOW + 1,
    });
  });

  it('refuses an address or a profile that is another person’s, naming that person, and writes nothing', async () => {
    const a = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    const b = await createPerson(db, { name: 'Sam', email: 'sam@bigcorp.io', linkedinUrl: 'https://www.linkedin.com/in/sam/' }, env);
    const before = await db.contacts.get(a.contact.id);
    expect(await updateContact(db, a.contact.id, { name: 'Dana P', emails: ['dana@bigcorp.io', 'SAM@bigcorp.io'] }, NOW + 1)).toEqual({
      ok: false,
      reason: 'email_taken',
      email: 'sam@bigcorp.io',
      contactId: b.contact.id,
    });
    expect(await updateContact(db, a.contact.id, { linkedinUrl: 'linkedin.com/in/sam' }, NOW + 1)).toEqual({ ok: false, reason: 'linkedin_taken', contactId: b.contact.id });
    expect(await db.contacts.get(a.contact.id)).toEqual(before);
  });

  it('refuses an empty name, a bad address or a link that is not a profile', async () => {
    const a = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    expect(await updateContact(db, a.contact.id, { name: '  ' }, NOW)).toEqual({ ok: false, reason: 'invalid', field: 'name' });
    expect(await updateContact(db, a.contact.id, { emails: ['not an address'] }, NOW)).toEqual({ ok: false, reason: 'invalid', field: 'emails' });
    expect(await updateContact(db, a.contact.id, { linkedinUrl: 'https://evil.example/in/dana/' }, NOW)).toEqual({ ok: false, reason: 'invalid', field: 'linkedinUrl' });
    expect(await updateContact(db, a.contact.id, { title: 'x'.repeat(301) }, NOW)).toEqual({ ok: false, reason: 'invalid', field: 'title' });
    expect(await updateContact(db, 'nobody', { name: 'x' }, NOW)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('moves the person (and the open deal) to a company by name: an existing one, else a new one; null clears it', async () => {
    const a = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    await createPerson(db, { name: 'Budi', email: 'budi@gmail.com', companyName: 'PT Maju Jaya' }, env);
    const maju = (await db.companies.toArray()).find((c) => c.name === 'PT Maju Jaya')!;
    await updateContact(db, a.contact.id, { companyName: 'pt maju jaya' }, NOW + 1);
    expect((await db.contacts.get(a.contact.id))!.companyId).toBe(maju.id);
    expect((await db.deals.get(a.deal.id))!.companyId).toBe(maju.id);
    await updateContact(db, a.contact.id, { companyName: 'Nusantara Labs' }, NOW + 2);
    const labs = (await db.companies.toArray()).find((c) => c.name === 'Nusantara Labs')!;
    expect(labs.domain).toBeNull();
    expect((await db.contacts.get(a.contact.id))!.companyId).toBe(labs.id);
    await updateContact(db, a.contact.id, { companyName: null }, NOW + 3);
    expect((await db.contacts.get(a.contact.id))!.companyId).toBeNull();
    expect((await db.deals.get(a.deal.id))!.companyId).toBeNull();
  });
});
