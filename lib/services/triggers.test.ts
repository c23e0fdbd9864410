import { useTestDb } from '@/test/unit/test-db';
import { SidecarDb } from '../db';
import { DEFAULT_STAGES } from '../domain/stages';
import type { MailMessage } from '../domain/thread';
import { createPerson } from './contacts';
import { closeDeal, moveDealStage, updateBant } from './deals';
import { updateSettings } from './settings';
import { acceptSuggestion, dismissSuggestion, expireSuggestions, scanForTriggers, scanLinkedInTriggers } from './triggers';

const T = 1_790_000_000_000;
const MIN = 60_000;
const env = { now: T, locale: 'en-US' };
const rep = { name: 'Rep', email: 'rep@acme.com' };
const dana = { name: 'Dana', email: 'dana@bigcorp.io' };
const lee = { name: 'Lee', email: 'lee@other.org' };
const mine = new Set([rep.email]);
const DANA_URL = 'https://www.linkedin.com/in/dana-prospect/';

const SECRET = 'ZANZIBAR-7731';
const DEMO_BODY = `Hi Rep,\n\nThe team liked it (ref ${SECRET}). Could we schedule a demo next Tuesday?\n\nDana`;

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const msg = (id: string, from = dana, at = T - 5 * MIN): MailMessage => ({ id, from, recipients: [rep], date: at });
const scan = (id: string, body: string, from = dana, e = env) => scanForTriggers(db, [msg(id, from)], { [id]: body }, mine, e);
const suggestions = async () => (await db.suggestions.toArray()).sort((a, b) => (a.id < b.id ? -1 : 1));
const danaDeal = async () => (await createPerson(db, dana, env)).deal;

describe('scanForTriggers', () => {
  it('suggests Meeting for a demo request from a known contact, storing the phrase and never the body', async () => {
    const deal = await danaDeal();
    expect(await scan('g1', DEMO_BODY)).toBe(1);
    expect(await db.suggestions.toArray()).toEqual([
      {
        id: 'trigger:g1:demo_request',
        createdAt: T,
        updatedAt: T,
        deletedAt: null,
        contactId: deal.contactId,
        dealId: deal.id,
        messageId: 'g1',
        kind: 'demo_request',
        stageId: 'meeting',
        phrase: 'schedule a demo',
        at: T - 5 * MIN,
        status: 'open',
      },
    ]);
    // The deal never moves on its own.
    expect((await db.deals.get(deal.id))!.stageId).toBe('contact');
    // No table holds any part of the body beyond the phrase.
    for (const table of db.tables) {
      const json = JSON.stringify(await table.toArray());
      expect(json).not.toContain(SECRET);
      expect(json).not.toContain('next Tuesday');
      expect(json).not.toContain('team liked');
    }
  });

  it('never suggests twice for the same message', async () => {
    await danaDeal();
    expect(await scan('g1', DEMO_BODY)).toBe(1);
    const first = await suggestions();
    expect(await scan('g1', DEMO_BODY, dana, { ...env, now: T + 1000 })).toBe(0);
    expect(await scanForTriggers(db, [msg('g1'), msg('g1')], { g1: DEMO_BODY }, mine, env)).toBe(0);
    expect(await suggestions()).toEqual(first);
  });

  it('keeps one open suggestion per rule per deal: 199 demo requests are one signal', async () => {
    await danaDeal();
    const ids = Array.from({ length: 199 }, (_, i) => `d${i}`);
    const bodies = Object.fromEntries(ids.map((id) => [id, DEMO_BODY]));
    expect(await scanForTriggers(db, ids.map((id) => msg(id)), bodies, mine, env)).toBe(1);
    expect(await db.suggestions.count()).toBe(1);
    // Once answered, a new request may be suggested again.
    await dismissSuggestion(db, (await suggestions())[0]!.id, T + 1);
    expect(await scan('later', DEMO_BODY, dana, { ...env, now: T + 2 })).toBe(1);
  });

  it("ignores the rep's own messages, unknown senders and messages without a body", async () => {
    await danaDeal();
    expect(await scan('r1', DEMO_BODY, rep)).toBe(0);
    expect(await scan('u1', DEMO_BODY, lee)).toBe(0);
    expect(await scanForTriggers(db, [msg('n1')], {}, mine, env)).toBe(0);
    expect(await scanForTriggers(db, [msg('n2')], { n2: '' }, mine, env)).toBe(0);
    expect(await scan('q1', `Sure.\n\n> could we schedule a demo?`)).toBe(0); // quoted text is not theirs
    expect(await db.suggestions.count()).toBe(0);
  });

  it('never suggests moving the deal backwards or to its current stage, but Lost from anywhere', async () => {
    const deal = await danaDeal();
    expect((await moveDealStage(db, deal.id, { now: T + 1, locale: 'en', toStageId: 'meeting' })).ok).toBe(true);
    expect(await scan('g1', DEMO_BODY)).toBe(0); // meeting → meeting
    expect(await scan('g2', 'Can you add me to your mailing list?')).toBe(0); // qualification: backwards
    expect((await moveDealStage(db, deal.id, { now: T + 2, locale: 'en', toStageId: 'proposal' })).ok).toBe(true);
    expect(await scan('g3', DEMO_BODY)).toBe(0);
    expect(await scan('g4', 'Please send a quote again.')).toBe(0); // proposal → proposal
    expect(await db.suggestions.count()).toBe(0);
    expect(await scan('g5', 'Please send the contract, we are ready to sign.')).toBe(1); // forward: closing
    expect(await scan('g6', 'Honestly we are not interested any more.')).toBe(1); // lost
    expect((await suggestions()).map((s) => [s.messageId, s.kind, s.stageId])).toEqual([
      ['g5', 'contract', 'closing'],
      ['g6', 'not_interested', 'lost'],
    ]);
  });

  it('makes no suggestion for a closed deal', async () => {
    const deal = await danaDeal();
    expect(await closeDeal(db, deal.id, 'won', null, T + 1)).toEqual({ ok: true });
    expect(await scan('g1', DEMO_BODY)).toBe(0);
    expect(await scan('g2', 'not interested')).toBe(0);
    expect(await db.suggestions.count()).toBe(0);
  });

  it('one message may carry several signals: one suggestion per rule', async () => {
    await danaDeal();
    expect(await scan('g1', 'Could we book a demo? Also please send pricing.')).toBe(2);
    expect((await suggestions()).map((s) => [s.id, s.stageId, s.phrase])).toEqual([
      ['trigger:g1:demo_request', 'meeting', 'book a demo'],
      ['trigger:g1:quote_request', 'proposal', 'send pricing'],
    ]);
  });

  it('reads Indonesian: "minta penawaran harga" suggests Proposal', async () => {
    const deal = (await createPerson(db, dana, { now: T, locale: 'id-ID' })).deal;
    const n = await scan('id1', 'Selamat pagi Pak, kami mau Minta Penawaran Harga untuk 20 lisensi.', dana, { now: T, locale: 'id-ID' });
    expect(n).toBe(1);
    expect(await db.suggestions.toArray()).toEqual([
      expect.objectContaining({ id: 'trigger:id1:quote_request', dealId: deal.id, kind: 'quote_request', stageId: 'proposal', phrase: 'Minta Penawaran Harga', status: 'open' }),
    ]);
  });
});

describe('acceptSuggestion', () => {
  it('moves the deal, records it in the stage history and closes the suggestion', async () => {
    const deal = await danaDeal();
    await scan('g1', DEMO_BODY);
    const r = await acceptSuggestion(db, 'trigger:g1:demo_request', { now: T + 100, locale: 'en', lostReason: '' });
    expect(r).toMatchObject({ ok: true, deal: { id: deal.id, stageId: 'meeting', stageEnteredAt: T + 100 } });
    expect((await db.deals.get(deal.id))!).toMatchObject({ stageId: 'meeting', status: 'open', stageEnteredAt: T + 100 });
    const changes = await db.stageChanges.where('dealId').equals(deal.id).sortBy('at');
    expect(changes).toHaveLength(2);
    expect(changes[1]).toMatchObject({ fromStageId: 'contact', toStageId: 'meeting', status: 'open', at: T + 100, reason: 'trigger: demo_request' });
    expect(await db.suggestions.get('trigger:g1:demo_request')).toMatchObject({ status: 'accepted', updatedAt: T + 100 });
    // Answered once.
    expect(await acceptSuggestion(db, 'trigger:g1:demo_request', { now: T + 200, locale: 'en', lostReason: '' })).toEqual({ ok: false, reason: 'not_found' });
    expect(await acceptSuggestion(db, 'nope', { now: T + 200, locale: 'en', lostReason: '' })).toEqual({ ok: false, reason: 'not_found' });
    expect(await db.stageChanges.count()).toBe(2);
  });

  it("to 'lost' closes the deal as lost with the given reason, and needs one", async () => {
    const deal = await danaDeal();
    expect(await scan('g1', 'Thanks, but we are not interested.')).toBe(1);
    const id = 'trigger:g1:not_interested';
    expect((await db.suggestions.get(id))!.stageId).toBe('lost');

    expect(await acceptSuggestion(db, id, { now: T + 100, locale: 'en', lostReason: '   ' })).toEqual({ ok: false, reason: 'reason_required' });
    expect((await db.suggestions.get(id))!.status).toBe('open');
    expect((await db.deals.get(deal.id))!.status).toBe('open');

    expect(await acceptSuggestion(db, id, { now: T + 200, locale: 'en', lostReason: 'Not a fit' })).toEqual({ ok: true });
    expect((await db.deals.get(deal.id))!).toMatchObject({ status: 'lost', lostReason: 'Not a fit', closedAt: T + 200, stageId: 'contact' });
    const last = (await db.stageChanges.where('dealId').equals(deal.id).sortBy('at')).at(-1)!;
    expect(last).toMatchObject({ fromStageId: 'contact', toStageId: 'contact', status: 'lost', reason: 'Not a fit', at: T + 200 });
    expect((await db.suggestions.get(id))!).toMatchObject({ status: 'accepted', updatedAt: T + 200 });
  });

  it('respects stage gates: a gated target is refused and the suggestion stays open', async () => {
    const deal = await danaDeal();
    const gated = DEFAULT_STAGES.map((s) => (s.id === 'meeting' ? { ...s, gate: { requires: ['budget' as const, 'authority' as const] } } : s));
    expect((await updateSettings(db, 'en', () => ({ stages: gated }), T)).ok).toBe(true);
    await scan('g1', DEMO_BODY);
    const id = 'trigger:g1:demo_request';
    const before = { deal: await db.deals.get(deal.id), changes: await db.stageChanges.count() };

    expect(await acceptSuggestion(db, id, { now: T + 100, locale: 'en', lostReason: '' })).toEqual({
      ok: false,
      reason: 'gated',
      stageId: 'meeting',
      missing: ['budget', 'authority'],
    });
    expect((await db.suggestions.get(id))!).toMatchObject({ status: 'open', updatedAt: T });
    expect(await db.deals.get(deal.id)).toEqual(before.deal);
    expect(await db.stageChanges.count()).toBe(before.changes);

    expect((await updateBant(db, deal.id, { budget: { state: 'yes' }, authority: { state: 'partial' } }, T + 150)).ok).toBe(true);
    expect(await acceptSuggestion(db, id, { now: T + 200, locale: 'en', lostReason: '' })).toMatchObject({ ok: true, deal: { stageId: 'meeting' } });
    expect((await db.suggestions.get(id))!.status).toBe('accepted');
  });
});

describe('dismissSuggestion and expireSuggestions', () => {
  it('dismissSuggestion closes it and leaves the deal alone', async () => {
    const deal = await danaDeal();
    await scan('g1', DEMO_BODY);
    await dismissSuggestion(db, 'trigger:g1:demo_request', T + 50);
    expect(await db.suggestions.get('trigger:g1:demo_request')).toMatchObject({ status: 'dismissed', updatedAt: T + 50 });
    expect((await db.deals.get(deal.id))!.stageId).toBe('contact');
    expect(await acceptSuggestion(db, 'trigger:g1:demo_request', { now: T + 60, locale: 'en', lostReason: '' })).toEqual({ ok: false, reason: 'not_found' });
    // Never re-suggested for that message.
    expect(await scan('g1', DEMO_BODY)).toBe(0);
  });

  it('dismisses open suggestions the deal has moved past, keeps the rest, and all once it is closed', async () => {
    const deal = await danaDeal();
    expect(await scan('g1', DEMO_BODY)).toBe(1); // meeting
    expect(await scan('g2', 'Could you send me a quote?')).toBe(1); // proposal
    expect(await scan('g3', 'Please remove me from this list, not interested.')).toBe(2); // lost ×2 (two rules)
    await dismissSuggestion(db, 'trigger:g3:unsubscribe', T + 1);
    const status = async () => Object.fromEntries((await suggestions()).map((s) => [s.id, s.status]));

    expect((await moveDealStage(db, deal.id, { now: T + 10, locale: 'en', toStageId: 'meeting' })).ok).toBe(true);
    await expireSuggestions(db, deal.id, T + 11, 'en');
    expect(await status()).toEqual({
      'trigger:g1:demo_request': 'dismissed',
      'trigger:g2:quote_request': 'open',
      'trigger:g3:not_interested': 'open',
      'trigger:g3:unsubscribe': 'dismissed',
    });
    expect((await db.suggestions.get('trigger:g1:demo_request'))!.updatedAt).toBe(T + 11);
    expect((await db.suggestions.get('trigger:g3:unsubscribe'))!.updatedAt).toBe(T + 1);

    expect(await closeDeal(db, deal.id, 'won', null, T + 20)).toEqual({ ok: true });
    await expireSuggestions(db, deal.id, T + 21, 'en');
    expect(Object.values(await status())).toEqual(['dismissed', 'dismissed', 'dismissed', 'dismissed']);

    await expect(expireSuggestions(db, 'no-such-deal', T + 30, 'en')).resolves.toBeUndefined();
  });
});

describe('scanLinkedInTriggers', () => {
  it('finds the contact by profile URL and suggests for its open deal, once per message', async () => {
    const p = await createPerson(db, { name: 'Dana', linkedinUrl: DANA_URL }, env);
    expect(await scanLinkedInTriggers(db, DANA_URL, { 'li-1': 'Hey! Could we book a demo for my team?', 'li-2': 'Thanks' }, { now: T + 5, locale: 'en' })).toBe(1);
    expect(await db.suggestions.toArray()).toEqual([
      {
        id: 'trigger:li-1:demo_request',
        createdAt: T + 5,
        updatedAt: T + 5,
        deletedAt: null,
        contactId: p.contact.id,
        dealId: p.deal.id,
        messageId: 'li-1',
        kind: 'demo_request',
        stageId: 'meeting',
        phrase: 'book a demo',
        at: T + 5,
        status: 'open',
      },
    ]);
    expect(await scanLinkedInTriggers(db, DANA_URL, { 'li-1': 'Hey! Could we book a demo for my team?' }, { now: T + 6, locale: 'en' })).toBe(0);
    expect(await db.suggestions.count()).toBe(1);
  });

  it('does nothing for an unknown or deleted profile, or no bodies', async () => {
    const p = await createPerson(db, { name: 'Dana', linkedinUrl: DANA_URL }, env);
    expect(await scanLinkedInTriggers(db, 'https://www.linkedin.com/in/someone-else/', { a: 'book a demo' }, env)).toBe(0);
    expect(await scanLinkedInTriggers(db, DANA_URL, {}, env)).toBe(0);
    await db.contacts.update(p.contact.id, { deletedAt: T });
    expect(await scanLinkedInTriggers(db, DANA_URL, { b: 'book a demo' }, env)).toBe(0);
    expect(await db.suggestions.count()).toBe(0);
  });
});
