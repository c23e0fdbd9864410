import { useTestDb } from '@/test/unit/test-db';
import { SidecarDb } from '../db';
import { createPerson } from './contacts';
import { linkProfile, matchProfile, unlinkProfile } from './linkedin';

const T = 1_790_000_000_000;
const env = { now: T, locale: 'en-US' };
const DANA_URL = 'https://www.linkedin.com/in/dana-prospect/';
let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

describe('matchProfile', () => {
  it('offers the email contact as a candidate, then finds it by URL once linked', async () => {
    const { contact } = await createPerson(db, { name: 'Dana Prospect', email: 'dana@bigcorp.io' }, env);
    const facts = { profileUrl: DANA_URL, name: 'Dana Prospect', company: 'BigCorp', headline: 'VP Sales' };
    const before = await matchProfile(db, facts);
    expect(before.contactId).toBeNull();
    expect(before.candidates.map((c) => [c.contactId, c.email, c.company])).toEqual([[contact.id, 'dana@bigcorp.io', 'Bigcorp']]);

    expect(await linkProfile(db, contact.id, facts, T + 1)).toEqual({ ok: true });
    const after = await matchProfile(db, facts);
    expect(after).toEqual({ contactId: contact.id, candidates: [] });
    const stored = (await db.contacts.get(contact.id))!;
    expect(stored).toMatchObject({ linkedinUrl: DANA_URL, headline: 'VP Sales', updatedAt: T + 1 });
    // The domain-guessed company name is replaced by the profile's.
    expect((await db.companies.get(stored.companyId!))!.name).toBe('BigCorp');
    expect(await db.contacts.count()).toBe(1);
  });

  it('sees contacts added after an earlier match (the cached index is dropped on write)', async () => {
    const facts = { profileUrl: DANA_URL, name: 'Dana Prospect', company: null };
    expect((await matchProfile(db, facts)).candidates).toEqual([]);
    await createPerson(db, { name: 'Dana Prospect', email: 'dana@bigcorp.io' }, env);
    expect((await matchProfile(db, facts)).candidates).toHaveLength(1);
  });

  it('never suggests a contact already linked to another profile', async () => {
    const { contact } = await createPerson(db, { name: 'Dana Prospect', email: 'dana@bigcorp.io' }, env);
    await linkProfile(db, contact.id, { profileUrl: 'https://www.linkedin.com/in/other/', name: 'Dana Prospect' }, T);
    expect((await matchProfile(db, { profileUrl: DANA_URL, name: 'Dana Prospect' })).candidates).toEqual([]);
  });
});

describe('linkProfile / unlinkProfile', () => {
  it('refuses a URL another contact holds, and unknown contacts, changing nothing', async () => {
    const a = await createPerson(db, { name: 'Dana Prospect', email: 'dana@bigcorp.io' }, env);
    const b = await createPerson(db, { name: 'Dana P', email: 'dana.p@other.io' }, env);
    await linkProfile(db, a.contact.id, { profileUrl: DANA_URL, name: 'Dana Prospect' }, T);
    expect(await linkProfile(db, b.contact.id, { profileUrl: DANA_URL, name: 'Dana Prospect' }, T)).toEqual({ ok: false, reason: 'already_linked' });
    expect(await linkProfile(db, 'nope', { profileUrl: DANA_URL, name: 'x' }, T)).toEqual({ ok: false, reason: 'not_found' });
    expect(await linkProfile(db, b.contact.id, { profileUrl: null, name: 'x' }, T)).toEqual({ ok: false, reason: 'no_url' });
    expect((await db.contacts.get(b.contact.id))!.linkedinUrl).toBeNull();
  });

  it('gives a company to a contact that had none, and unlink keeps the rest', async () => {
    const { contact } = await createPerson(db, { name: 'Rina Wijaya', email: 'rina.wijaya@gmail.com' }, env);
    await linkProfile(db, contact.id, { profileUrl: 'https://www.linkedin.com/in/rina/', name: 'Rina Wijaya', company: 'Toko Maju' }, T + 5);
    const linked = (await db.contacts.get(contact.id))!;
    expect((await db.companies.get(linked.companyId!))!).toMatchObject({ name: 'Toko Maju', domain: null });
    expect((await db.deals.where('contactId').equals(contact.id).first())!.companyId).toBe(linked.companyId);
    await unlinkProfile(db, contact.id, T + 6);
    expect((await db.contacts.get(contact.id))!).toMatchObject({ linkedinUrl: null, companyId: linked.companyId, updatedAt: T + 6 });
  });

  it('creating from a profile twice does not duplicate (the URL identifies the person)', async () => {
    const person = { name: 'Dana Prospect', linkedinUrl: DANA_URL, companyName: 'BigCorp' };
    const first = await createPerson(db, person, env);
    const second = await createPerson(db, person, env);
    expect(second.created).toBe(false);
    expect(second.contact.id).toBe(first.contact.id);
    expect(await db.contacts.count()).toBe(1);
    expect(await db.deals.count()).toBe(1);
  });
});
