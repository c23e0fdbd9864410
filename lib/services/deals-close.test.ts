import { useTestDb } from '@/test/unit/test-db';
import { SidecarDb } from '../db';
import { emptyBant } from '../domain/bant';
import { DEFAULT_STAGES } from '../domain/stages';
import { createPerson } from './contacts';
import { closeDeal, moveDealStage, reopenDeal, updateBant, updateCompany, updateDeal } from './deals';
import { updateSettings } from './settings';

const T = 1_790_000_000_000;
const env = { now: T, locale: 'en-US' };

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const newPerson = () => createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
const newDeal = async () => (await newPerson()).deal;
const snapshot = async () => ({
  deals: await db.deals.toArray(),
  companies: await db.companies.toArray(),
  stageChanges: await db.stageChanges.toArray(),
  activities: await db.activities.toArray(),
});
const history = async (dealId: string) => db.stageChanges.where('dealId').equals(dealId).sortBy('at');

describe('closeDeal', () => {
  it.each([null, '', '   '])('refuses Lost without a reason (%j) and writes nothing', async (reason) => {
    const deal = await newDeal();
    const before = await snapshot();
    expect(await closeDeal(db, deal.id, 'lost', reason, T + 1)).toEqual({ ok: false, reason: 'reason_required' });
    expect(await snapshot()).toEqual(before);
  });

  it('records Won in the deal, the stage history and a stage_change activity', async () => {
    const deal = await newDeal();
    expect((await moveDealStage(db, deal.id, { now: T + 1, locale: 'en', toStageId: 'proposal' })).ok).toBe(true);
    expect(await closeDeal(db, deal.id, 'won', '  great fit ', T + 10)).toEqual({ ok: true });
    expect(await db.deals.get(deal.id)).toMatchObject({ status: 'won', closedAt: T + 10, lostReason: null, stageId: 'proposal', stageEnteredAt: T + 1, updatedAt: T + 10 });
    const last = (await history(deal.id)).at(-1)!;
    expect(last).toMatchObject({ fromStageId: 'proposal', toStageId: 'proposal', status: 'won', at: T + 10, reason: 'great fit', createdAt: T + 10 });
    const acts = await db.activities.filter((a) => a.at === T + 10).toArray();
    expect(acts).toEqual([expect.objectContaining({ kind: 'stage_change', dealId: deal.id, contactId: deal.contactId, text: 'proposal→won' })]);
  });

  it('records Lost with its trimmed reason, and refuses to close twice', async () => {
    const deal = await newDeal();
    expect(await closeDeal(db, deal.id, 'lost', '  Price too high  ', T + 10)).toEqual({ ok: true });
    expect(await db.deals.get(deal.id)).toMatchObject({ status: 'lost', closedAt: T + 10, lostReason: 'Price too high' });
    expect((await history(deal.id)).at(-1)).toMatchObject({ fromStageId: 'contact', toStageId: 'contact', status: 'lost', reason: 'Price too high' });
    expect((await db.activities.toArray()).map((a) => a.text)).toEqual(['contact→lost']);

    const before = await snapshot();
    expect(await closeDeal(db, deal.id, 'won', null, T + 20)).toEqual({ ok: false, reason: 'not_open' });
    expect(await closeDeal(db, deal.id, 'lost', 'again', T + 20)).toEqual({ ok: false, reason: 'not_open' });
    expect(await closeDeal(db, 'nope', 'won', null, T + 20)).toEqual({ ok: false, reason: 'not_found' });
    expect(await snapshot()).toEqual(before);
  });

  it('caps a long reason at 300 characters', async () => {
    const deal = await newDeal();
    expect(await closeDeal(db, deal.id, 'lost', 'x'.repeat(400), T + 1)).toEqual({ ok: true });
    expect((await db.deals.get(deal.id))!.lostReason).toBe('x'.repeat(300));
  });
});

describe('reopenDeal', () => {
  it('re-opens a lost deal at the stage it closed in, recorded in the history', async () => {
    const deal = await newDeal();
    expect((await moveDealStage(db, deal.id, { now: T + 1, locale: 'en', toStageId: 'meeting' })).ok).toBe(true);
    expect(await closeDeal(db, deal.id, 'lost', 'No budget', T + 10)).toEqual({ ok: true });
    expect(await reopenDeal(db, deal.id, T + 20)).toBe(true);
    expect(await db.deals.get(deal.id)).toMatchObject({ status: 'open', stageId: 'meeting', closedAt: null, lostReason: null, stageEnteredAt: T + 20, updatedAt: T + 20 });
    const h = await history(deal.id);
    expect(h.map((c) => [c.fromStageId, c.toStageId, c.status, c.reason])).toEqual([
      [null, 'contact', 'open', null],
      ['contact', 'meeting', 'open', null],
      ['meeting', 'meeting', 'lost', 'No budget'],
      ['meeting', 'meeting', 'open', 'reopened'],
    ]);
    // Open again: it moves on.
    expect(await moveDealStage(db, deal.id, { now: T + 30, locale: 'en' })).toMatchObject({ ok: true, deal: { stageId: 'proposal' } });
  });

  it('returns false for an open, unknown or deleted deal and writes nothing', async () => {
    const deal = await newDeal();
    const before = await snapshot();
    expect(await reopenDeal(db, deal.id, T + 1)).toBe(false);
    expect(await reopenDeal(db, 'nope', T + 1)).toBe(false);
    await db.deals.update(deal.id, { status: 'won', deletedAt: T });
    const deleted = await snapshot();
    expect(await reopenDeal(db, deal.id, T + 2)).toBe(false);
    expect(await snapshot()).toEqual(deleted);
    expect(before.stageChanges).toEqual(deleted.stageChanges);
  });
});

describe('updateBant', () => {
  it('merges partial edits field by field', async () => {
    const deal = await newDeal();
    const r1 = await updateBant(db, deal.id, { budget: { state: 'yes', amountMinor: 500_000, currency: 'USD' } }, T + 1);
    expect(r1.ok).toBe(true);
    const r2 = await updateBant(db, deal.id, { need: { state: 'partial', text: 'CRM in Gmail' }, budget: { text: 'approved' } }, T + 2);
    expect(r2.ok).toBe(true);
    const expected = {
      ...emptyBant(),
      budget: { state: 'yes', evidence: null, amountMinor: 500_000, currency: 'USD', text: 'approved' },
      need: { state: 'partial', evidence: null, text: 'CRM in Gmail' },
    };
    expect(r2.ok && r2.bant).toEqual(expected);
    expect(await db.deals.get(deal.id)).toMatchObject({ bant: expected, updatedAt: T + 2 });
  });

  it.each([
    ['a quarter 2026-Q5', { timeline: { state: 'yes' as const, quarter: '2026-Q5' } }, 'timeline.quarter'],
    ['a lower-case currency', { budget: { state: 'yes' as const, currency: 'usd' } }, 'budget.currency'],
    ['a negative amount', { budget: { amountMinor: -1 } }, 'budget.amountMinor'],
    ['an unknown state', { authority: { state: 'maybe' as never } }, 'authority.state'],
  ])('refuses %s, leaving the stored BANT unchanged', async (_label, patch, path) => {
    const deal = await newDeal();
    expect((await updateBant(db, deal.id, { need: { state: 'yes' } }, T + 1)).ok).toBe(true);
    const before = await db.deals.get(deal.id);
    const r = await updateBant(db, deal.id, patch, T + 5);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.some((i) => i.startsWith(path))).toBe(true);
    expect(await db.deals.get(deal.id)).toEqual(before);
  });

  it('refuses an unknown deal', async () => {
    expect(await updateBant(db, 'nope', { need: { state: 'yes' } }, T)).toEqual({ ok: false, issues: ['deal not found'] });
  });
});

describe('moveDealStage with a gate', () => {
  it('returns gated with the missing BANT fields until they are known', async () => {
    const deal = await newDeal();
    const gated = DEFAULT_STAGES.map((s) => (s.id === 'meeting' ? { ...s, gate: { requires: ['budget' as const, 'need' as const, 'timeline' as const] } } : s));
    expect((await updateSettings(db, 'en', () => ({ stages: gated }), T)).ok).toBe(true);
    const before = await snapshot();
    const to = { now: T + 10, locale: 'en', toStageId: 'meeting' };

    expect(await moveDealStage(db, deal.id, to)).toEqual({ ok: false, reason: 'gated', stageId: 'meeting', missing: ['budget', 'need', 'timeline'] });
    expect(await snapshot()).toEqual(before);

    await updateBant(db, deal.id, { budget: { state: 'yes' }, timeline: { state: 'no' } }, T + 1);
    expect(await moveDealStage(db, deal.id, to)).toEqual({ ok: false, reason: 'gated', stageId: 'meeting', missing: ['need'] });
    // The default "next stage" move is gated too, on the way there.
    expect((await moveDealStage(db, deal.id, { now: T + 10, locale: 'en' })).ok).toBe(true); // → qualification, no gate
    expect(await moveDealStage(db, deal.id, { now: T + 11, locale: 'en' })).toEqual({ ok: false, reason: 'gated', stageId: 'meeting', missing: ['need'] });

    await updateBant(db, deal.id, { need: { state: 'partial' } }, T + 12);
    expect(await moveDealStage(db, deal.id, { ...to, now: T + 20 })).toMatchObject({ ok: true, deal: { stageId: 'meeting', stageEnteredAt: T + 20 } });
    // Past the gate it does not apply to later stages.
    expect((await moveDealStage(db, deal.id, { now: T + 30, locale: 'en' })).ok).toBe(true);
  });
});

describe('updateDeal and updateCompany', () => {
  it('updateDeal patches the deal and reports whether it exists', async () => {
    const deal = await newDeal();
    expect(await updateDeal(db, deal.id, { valueMinor: 1_250_000, currency: 'EUR', expectedCloseAt: T + 1000, title: 'Big deal' }, T + 5)).toBe(true);
    expect(await db.deals.get(deal.id)).toEqual({ ...deal, valueMinor: 1_250_000, currency: 'EUR', expectedCloseAt: T + 1000, title: 'Big deal', updatedAt: T + 5 });
    expect(await updateDeal(db, deal.id, { expectedCloseAt: null }, T + 6)).toBe(true);
    expect((await db.deals.get(deal.id))!.expectedCloseAt).toBeNull();
    expect(await updateDeal(db, 'nope', { valueMinor: 1 }, T + 7)).toBe(false);
    expect(await db.deals.count()).toBe(1);
  });

  it('updateCompany patches the company and reports whether it exists', async () => {
    const { company } = await newPerson();
    expect(await updateCompany(db, company!.id, { name: 'BigCorp Inc', industry: 'Software', employees: 250 }, T + 5)).toBe(true);
    expect(await db.companies.get(company!.id)).toEqual({ ...company, name: 'BigCorp Inc', industry: 'Software', employees: 250, updatedAt: T + 5 });
    expect(await updateCompany(db, 'nope', { name: 'X' }, T + 6)).toBe(false);
    expect(await db.companies.count()).toBe(1);
  });
});
