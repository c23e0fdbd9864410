import { useTestDb } from '@/test/unit/test-db';
import { SidecarDb } from '../db';
import { companyNameFromDomain } from '../domain/email';
import { createPerson } from './contacts';

const NOW = 1_790_000_000_000;
const env = { now: NOW, locale: 'en-US' };

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

async function counts() {
  return {
    contacts: await db.contacts.count(),
    companies: await db.companies.count(),
    deals: await db.deals.count(),
    stageChanges: await db.stageChanges.count(),
    activities: await db.activities.count(),
    settings: await db.settings.count(),
  };
}

describe('createPerson', () => {
  it('creates contact + company (by domain) + deal at the first stage + one stage change', async () => {
    const r = await createPerson(db, { name: 'Dana Prospect', email: 'dana@bigcorp.io', title: 'CTO' }, env);
    expect(r.created).toBe(true);

    const contacts = await db.contacts.toArray();
    const companies = await db.companies.toArray();
    const deals = await db.deals.toArray();
    const changes = await db.stageChanges.toArray();
    expect(contacts).toHaveLength(1);
    expect(companies).toHaveLength(1);
    expect(deals).toHaveLength(1);
    expect(changes).toHaveLength(1);

    const [contact] = contacts;
    const [company] = companies;
    const [deal] = deals;
    const [change] = changes;
    expect(contact).toMatchObject({
      id: r.contact.id,
      name: 'Dana Prospect',
      emails: ['dana@bigcorp.io'],
      title: 'CTO',
      companyId: company!.id,
      createdAt: NOW,
      updatedAt: NOW,
      deletedAt: null,
    });
    expect(company).toMatchObject({ id: r.company!.id, domain: 'bigcorp.io', name: companyNameFromDomain('bigcorp.io'), deletedAt: null });
    expect(company!.name).toBe('Bigcorp');
    expect(deal).toMatchObject({
      id: r.deal.id,
      contactId: contact!.id,
      companyId: company!.id,
      title: 'Bigcorp',
      stageId: 'contact',
      stageEnteredAt: NOW,
      status: 'open',
      valueMinor: 0,
      currency: 'USD',
      closedAt: null,
    });
    expect(change).toMatchObject({ dealId: deal!.id, fromStageId: null, toStageId: 'contact', status: 'open', at: NOW, createdAt: NOW });
    // ids are distinct, time-sortable strings
    expect(new Set([contact!.id, company!.id, deal!.id, change!.id]).size).toBe(4);
    expect(await db.activities.count()).toBe(0);
  });

  it('uses the first stage of the stored pipeline and the stored currency', async () => {
    await db.settings.put({
      key: 'app',
      value: {
        version: 1,
        stages: [
          { id: 'lead', name: 'Lead', color: '#000000', phase: null },
          { id: 'won-it', name: 'Won it', color: '#ffffff', phase: null },
        ],
        currency: 'IDR',
      },
      updatedAt: NOW,
    });
    const r = await createPerson(db, { name: 'Budi', email: 'budi@tokomaju.co.id' }, env);
    expect((await db.deals.get(r.deal.id))!.stageId).toBe('lead');
    expect((await db.deals.get(r.deal.id))!.currency).toBe('IDR');
    expect((await db.stageChanges.toArray())[0]!.toStageId).toBe('lead');
    expect((await db.companies.toArray())[0]!.name).toBe('Tokomaju');
  });

  it('records the lead source it is given, and none when it is not known', async () => {
    await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, { ...env, leadSource: 'inbound' });
    await createPerson(db, { name: 'Sam', email: 'sam@bigcorp.io' }, env);
    const names = new Map((await db.contacts.toArray()).map((c) => [c.id, c.name]));
    const bySource = Object.fromEntries((await db.deals.toArray()).map((d) => [names.get(d.contactId), d.leadSource]));
    expect(bySource).toEqual({ Dana: 'inbound', Sam: null });
  });

  it('creates no company for a free-mail address', async () => {
    const r = await createPerson(db, { name: 'Sam', email: 'sam.someone@gmail.com' }, env);
    expect(r.company).toBeNull();
    expect(await db.companies.count()).toBe(0);
    const contact = await db.contacts.get(r.contact.id);
    expect(contact!.companyId).toBeNull();
    const deal = await db.deals.get(r.deal.id);
    expect(deal!.companyId).toBeNull();
    expect(deal!.title).toBe('Sam');
  });

  it('lets two people at the same domain share one company', async () => {
    const a = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    const b = await createPerson(db, { name: 'Lee', email: 'lee@BigCorp.io' }, { ...env, now: NOW + 1 });
    expect(await db.companies.count()).toBe(1);
    expect(await db.contacts.count()).toBe(2);
    expect(await db.deals.count()).toBe(2);
    expect(a.company!.id).toBe(b.company!.id);
    expect((await db.contacts.get(b.contact.id))!.companyId).toBe(a.company!.id);
    expect((await db.deals.get(b.deal.id))!.companyId).toBe(a.company!.id);
  });

  it('is idempotent on the address, whatever its case and whitespace', async () => {
    const first = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    const before = await counts();
    const again = await createPerson(db, { name: 'Other Name', email: '  DANA@BigCorp.IO ' }, { ...env, now: NOW + 5000 });
    expect(again.created).toBe(false);
    expect(again.contact.id).toBe(first.contact.id);
    expect(again.deal.id).toBe(first.deal.id);
    expect(await counts()).toEqual(before);
    // nothing rewritten either
    expect((await db.contacts.get(first.contact.id))!).toEqual(first.contact);
    expect((await db.deals.get(first.deal.id))!).toEqual(first.deal);
  });

  it('two concurrent clicks still make one person', async () => {
    const [a, b] = await Promise.all([
      createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env),
      createPerson(db, { name: 'Dana', email: 'Dana@bigcorp.io' }, env),
    ]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.contact.id).toBe(b.contact.id);
    expect(await counts()).toMatchObject({ contacts: 1, companies: 1, deals: 1, stageChanges: 1 });
  });

  it('adds a deal to an existing contact that has none, without a duplicate contact', async () => {
    await db.companies.add({ id: 'co1', createdAt: 1, updatedAt: 1, deletedAt: null, name: 'Big Corp Ltd', domain: 'bigcorp.io', industry: null, employees: null });
    await db.contacts.add({
      id: 'c1',
      createdAt: 1,
      updatedAt: 1,
      deletedAt: null,
      name: 'Dana Existing',
      emails: ['other@x.io', 'dana@bigcorp.io'],
      title: null,
      headline: null,
      location: null,
      companyId: 'co1',
      linkedinUrl: null,
      photoUrl: null,
    });
    const r = await createPerson(db, { name: 'Dana New', email: 'Dana@BigCorp.io' }, env);
    expect(r.created).toBe(true);
    expect(r.contact.id).toBe('c1');
    expect(await db.contacts.count()).toBe(1);
    expect((await db.contacts.get('c1'))!.name).toBe('Dana Existing');
    expect(await db.companies.count()).toBe(1);
    const deals = await db.deals.toArray();
    expect(deals).toHaveLength(1);
    expect(deals[0]).toMatchObject({ contactId: 'c1', companyId: 'co1', stageId: 'contact', status: 'open', title: 'Big Corp Ltd' });
    const changes = await db.stageChanges.toArray();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ dealId: deals[0]!.id, fromStageId: null, toStageId: 'contact' });
  });

  it.each(['not an email', 'dana@', '<img src=x onerror=alert(1)>@x.io', 'a@b@c.io'])(
    'throws on the invalid address %j and writes nothing',
    async (email) => {
      await expect(createPerson(db, { name: 'Dana', email }, env)).rejects.toThrow(/invalid email/);
      expect(await counts()).toEqual({ contacts: 0, companies: 0, deals: 0, stageChanges: 0, activities: 0, settings: 0 });
    },
  );

  it('derives the name from the address when none is given', async () => {
    const r = await createPerson(db, { name: '   ', email: 'dana.prospect@bigcorp.io' }, env);
    expect(r.contact.name).toBe('Dana Prospect');
    expect((await db.contacts.get(r.contact.id))!.name).toBe('Dana Prospect');
  });

  it('refuses a person with neither name nor address, writing nothing', async () => {
    await expect(createPerson(db, { name: '  ', email: null }, env)).rejects.toThrow();
    expect(await counts()).toEqual({ contacts: 0, companies: 0, deals: 0, stageChanges: 0, activities: 0, settings: 0 });
  });

  it('creates a name-only company for a person without an address, reusing it case-insensitively', async () => {
    const a = await createPerson(db, { name: 'Ann', companyName: 'Toko Maju', linkedinUrl: 'https://www.linkedin.com/in/ann/' }, env);
    const b = await createPerson(db, { name: 'Bob', companyName: ' toko maju ' }, env);
    expect(a.company).toMatchObject({ name: 'Toko Maju', domain: null });
    expect(b.company!.id).toBe(a.company!.id);
    expect(await db.companies.count()).toBe(1);
    expect(await db.contacts.count()).toBe(2);
    expect((await db.contacts.get(a.contact.id))!.emails).toEqual([]);
  });

  it('uses the owner from env, else the first of my addresses', async () => {
    await db.settings.put({ key: 'app', value: { myAddresses: ['rep@acme.com'] }, updatedAt: 1 });
    const a = await createPerson(db, { name: 'A', email: 'a@one.io' }, env);
    const b = await createPerson(db, { name: 'B', email: 'b@two.io' }, { ...env, owner: 'boss@acme.com' });
    expect((await db.deals.get(a.deal.id))!.owner).toBe('rep@acme.com');
    expect((await db.deals.get(b.deal.id))!.owner).toBe('boss@acme.com');
  });

  // Returned value for an existing person: the contact's company is known but not returned.
  it('returns the existing company when the person already exists (created:false)', async () => {
    const first = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    const again = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    expect(again.company?.id).toBe(first.company!.id);
  });
});
