import { useTestDb } from '@/test/unit/test-db';
import { SidecarDb } from '../db';
import type { Deal } from '../domain/records';
import { defaultSettings } from '../domain/settings';
import { createPerson } from './contacts';
import { updateSettings } from './settings';
import { runView, type ContactView, type PeopleView } from './views';

const T = 1_790_000_000_000;
const env = { now: T, locale: 'en-US' };

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const deal = (id: string, contactId: string, status: Deal['status'], updatedAt: number, deletedAt: number | null = null): Deal => ({
  id,
  createdAt: updatedAt,
  updatedAt,
  deletedAt,
  contactId,
  companyId: null,
  title: id,
  stageId: 'contact',
  stageEnteredAt: updatedAt,
  status,
  valueMinor: 0,
  currency: 'USD',
  owner: null,
  expectedCloseAt: null,
  closedAt: null,
  lostReason: null,
  bant: null,
  leadSource: null,
});

/** The people part of the 'people' view (which also carries each contact's whole view). */
const people = async (emails: string[]) => ((await runView(db, { name: 'people', emails }, 'en')) as PeopleView).people;

describe("runView 'settings'", () => {
  it('returns the stored settings', async () => {
    await updateSettings(db, 'en-US', () => ({ currency: 'EUR' }), T);
    expect(await runView(db, { name: 'settings' }, 'en-US')).toEqual({ ...defaultSettings('en-US'), currency: 'EUR' });
  });
});

describe("runView 'people'", () => {
  it('returns only the known addresses, each with its contact and deal', async () => {
    const dana = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    const sam = await createPerson(db, { name: 'Sam', email: 'sam@gmail.com' }, env);
    await db.contacts.update(dana.contact.id, { emails: ['dana@bigcorp.io', 'dana@home.org'] });
    const out = await people(['dana@home.org', 'sam@gmail.com', 'nobody@x.io']);
    expect(Object.keys(out).sort()).toEqual(['dana@home.org', 'sam@gmail.com']);
    expect(out['dana@home.org']!.contact.id).toBe(dana.contact.id);
    expect(out['dana@home.org']!.deal!.id).toBe(dana.deal.id);
    expect(out['sam@gmail.com']!.contact.id).toBe(sam.contact.id);
    expect(await people([])).toEqual({});
  });

  it('picks the open deal over newer won/lost ones, else the newest; skips deleted deals and contacts', async () => {
    const dana = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    await db.deals.bulkAdd([deal('won-newer', dana.contact.id, 'won', T + 100), deal('lost-newer', dana.contact.id, 'lost', T + 200)]);
    let out = await people(['dana@bigcorp.io']);
    expect(out['dana@bigcorp.io']!.deal!.id).toBe(dana.deal.id);

    await db.deals.update(dana.deal.id, { status: 'lost', updatedAt: T + 10 });
    await db.deals.add(deal('open-deleted', dana.contact.id, 'open', T + 300, T + 300));
    out = await people(['dana@bigcorp.io']);
    expect(out['dana@bigcorp.io']!.deal!.id).toBe('lost-newer');

    await db.contacts.update(dana.contact.id, { deletedAt: T + 400 });
    expect(await people(['dana@bigcorp.io'])).toEqual({});
  });

  // lib/services/people.ts currentDeals: "open first, then the most recently updated". Between a
  // won and a lost deal the newer one never replaces the older one, since `better` only compares
  // updatedAt when the statuses are equal: the first one met (by id) wins.
  it('picks the most recently updated of closed deals even when their statuses differ', async () => {
    const dana = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    await db.deals.delete(dana.deal.id);
    await db.deals.bulkAdd([deal('a-lost-older', dana.contact.id, 'lost', T + 1), deal('b-won-newer', dana.contact.id, 'won', T + 2)]);
    const out = await people(['dana@bigcorp.io']);
    expect(out['dana@bigcorp.io']!.deal!.id).toBe('b-won-newer');
  });

  it('gives a contact without a deal a null deal', async () => {
    await db.contacts.add({
      id: 'c1', createdAt: 1, updatedAt: 1, deletedAt: null, name: 'X', emails: ['x@x.io'],
      title: null, headline: null, location: null, companyId: null, linkedinUrl: null, photoUrl: null,
    });
    const out = await people(['x@x.io']);
    expect(out['x@x.io']).toMatchObject({ contact: { id: 'c1' }, deal: null });
  });
});

describe("runView 'contact'", () => {
  it('joins the company and deal, lists activities newest first without tombstones', async () => {
    const dana = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    const other = await createPerson(db, { name: 'Sam', email: 'sam@bigcorp.io' }, env);
    const act = (id: string, contactId: string, at: number, deletedAt: number | null = null) => ({
      id, createdAt: at, updatedAt: at, deletedAt, kind: 'note' as const, direction: 'none' as const, channel: 'crm' as const,
      at, sourceId: null, contactId, dealId: null, text: id,
    });
    await db.activities.bulkAdd([
      act('a-old', dana.contact.id, T - 3000),
      act('a-new', dana.contact.id, T),
      act('a-mid', dana.contact.id, T - 1000),
      act('a-same-1', dana.contact.id, T - 2000),
      act('a-same-2', dana.contact.id, T - 2000),
      act('a-deleted', dana.contact.id, T + 5000, T + 6000),
      act('a-other', other.contact.id, T + 1),
    ]);
    const view = (await runView(db, { name: 'contact', contactId: dana.contact.id }, 'en')) as ContactView;
    expect(view.contact).toEqual(dana.contact);
    expect(view.company).toEqual(dana.company);
    expect(view.company!.domain).toBe('bigcorp.io');
    expect(view.deal!.id).toBe(dana.deal.id);
    expect(view.activities.map((a) => a.id)).toEqual(['a-new', 'a-mid', 'a-same-2', 'a-same-1', 'a-old']);
  });

  it('has a null company for a free-mail contact', async () => {
    const sam = await createPerson(db, { name: 'Sam', email: 'sam@gmail.com' }, env);
    const view = (await runView(db, { name: 'contact', contactId: sam.contact.id }, 'en')) as ContactView;
    expect(view.company).toBeNull();
    expect(view.activities).toEqual([]);
  });

  it('returns null for an unknown or deleted contact', async () => {
    expect(await runView(db, { name: 'contact', contactId: 'nope' }, 'en')).toBeNull();
    const dana = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    await db.contacts.update(dana.contact.id, { deletedAt: T });
    expect(await runView(db, { name: 'contact', contactId: dana.contact.id }, 'en')).toBeNull();
  });
});

describe("the dashboard's views at once", () => {
  it('read the stage history once when the metrics and the review ask together, and after a write only what changed', async () => {
    const created = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    const reads = vi.spyOn(db.stageChanges, 'toArray');
    const [metrics] = await Promise.all([runView(db, { name: 'metrics', period: 'all' }, 'en'), runView(db, { name: 'review', from: T - 7 * 86_400_000 }, 'en')]);
    expect(metrics.metrics.leads).toBe(1);
    expect(reads).toHaveBeenCalledTimes(1);
    await db.deals.update(created.deal!.id, { status: 'won', closedAt: Date.now(), updatedAt: Date.now() });
    const after = await runView(db, { name: 'metrics', period: 'all' }, 'en');
    expect(reads).toHaveBeenCalledTimes(1);
    expect(after.metrics.won).toBe(1);
    expect(after.metrics.stages.length).toBeGreaterThan(0);
  });
});

describe("runView 'board'", () => {
  it('gives each stage its open deals as cards, with the count and total, and says when nobody is there', async () => {
    expect(await runView(db, { name: 'board' }, 'en')).toMatchObject({ people: 0, sample: false });
    const dana = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    const board = await runView(db, { name: 'board' }, 'en');
    const first = board.columns[0]!;
    expect(board.columns.map((c) => c.stageId)).toEqual(defaultSettings('en').stages.map((s) => s.id));
    expect(first).toMatchObject({ count: 1, total: 0 });
    expect(first.cards.map((r) => r.contactId)).toEqual([dana.contact.id]);
    expect(board.people).toBe(1);
  });
});

describe('the owner choice (mine / teammates’) of the board, the metrics and the nudges', () => {
  it('counts only the rep’s deals (and the unowned) or only the teammates’, everyone by default', async () => {
    await updateSettings(db, 'en', () => ({ myAddresses: ['rep@acme.com'] }), T);
    const mine = await createPerson(db, { name: 'Mia', email: 'mia@a.io' }, env);
    const theirs = await createPerson(db, { name: 'Tom', email: 'tom@b.io' }, env);
    const nobody = await createPerson(db, { name: 'Una', email: 'una@c.io' }, env);
    await db.deals.update(mine.deal!.id, { owner: 'REP@acme.com', updatedAt: T + 1 });
    await db.deals.update(theirs.deal!.id, { owner: 'kim@acme.com', valueMinor: 500_00, status: 'won', closedAt: T, updatedAt: T + 1 });
    await db.deals.update(nobody.deal!.id, { owner: null, updatedAt: T + 1 });
    const nudge = (id: string, contactId: string, dealId: string | null) => ({ id, kind: 'gone_quiet' as const, contactId, dealId, why: { key: 'nudge.why.goneQuiet' as const, params: { silentDays: 9, days: 7 } }, dueAt: T, priority: 3 });
    await db.nudges.bulkPut([nudge('n1', mine.contact.id, mine.deal!.id), nudge('n2', theirs.contact.id, theirs.deal!.id), nudge('n3', nobody.contact.id, null)]);

    const cards = async (owner?: 'all' | 'mine' | 'team') => (await runView(db, { name: 'board', owner }, 'en')).columns.flatMap((c) => c.cards.map((r) => r.name)).sort();
    expect(await cards()).toEqual(['Mia', 'Una']);
    expect(await cards('all')).toEqual(['Mia', 'Una']);
    expect(await cards('mine')).toEqual(['Mia', 'Una']);
    expect(await cards('team')).toEqual([]);
    // The page's "nobody here yet" reads everyone, whatever the choice.
    expect((await runView(db, { name: 'board', owner: 'team' }, 'en')).people).toBe(3);

    const metrics = async (owner?: 'mine' | 'team') => (await runView(db, { name: 'metrics', period: 'all', owner }, 'en')).metrics;
    expect(await metrics()).toMatchObject({ leads: 3, won: 1, openDeals: 2 });
    expect(await metrics('mine')).toMatchObject({ leads: 2, won: 0, openDeals: 2, closeRate: null });
    expect(await metrics('team')).toMatchObject({ leads: 1, won: 1, openDeals: 0, closeRate: 1, avgDealSize: 500 });
    expect((await runView(db, { name: 'metrics', period: 'all', owner: 'team' }, 'en')).velocity.at(-1)!.openDeals).toBe(0);

    const nudges = async (owner?: 'mine' | 'team') => (await runView(db, { name: 'nudges', owner }, 'en')).map((n) => n.nudge.id).sort();
    expect(await nudges()).toEqual(['n1', 'n2', 'n3']);
    expect(await nudges('mine')).toEqual(['n1', 'n3']);
    expect(await nudges('team')).toEqual(['n2']);

    // The rep's addresses change (sync learnt theirs): the kept views follow.
    await updateSettings(db, 'en', () => ({ myAddresses: ['kim@acme.com'] }), T + 2);
    expect(await cards('team')).toEqual(['Mia']);
    expect((await metrics('team')).leads).toBe(1);
    expect(await nudges('mine')).toEqual(['n2', 'n3']);
  });
});
