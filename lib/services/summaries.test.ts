import { useTestDb } from '@/test/unit/test-db';
import { SidecarDb, type StoredSummary } from '../db';
import { emptySummary, summarizeAll } from '../domain/activity-summary';
import { engagementWeights } from '../domain/engagement';
import type { MailMessage } from '../domain/thread';
import { deleteActivity, logComposeSent, logManualActivity, logThreadMessages } from './activities';
import { createPerson } from './contacts';
import { moveDealStage } from './deals';
import { updateSettings } from './settings';
import { refreshSummaries, summariesOf, syncEngagementHalfLife } from './summaries';

const T = 1_790_000_000_000;
const MIN = 60_000;
const env = { now: T, locale: 'en-US' };
const rep = { name: 'Rep', email: 'rep@acme.com' };
const dana = { name: 'Dana', email: 'dana@bigcorp.io' };
const sam = { name: 'Sam', email: 'sam@bigcorp.io' };
const mine = new Set([rep.email]);

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

/** What the stored summary must be: a rebuild from the contact's live activities at `now`. */
async function expected(contactId: string, now: number, halfLifeDays = 30): Promise<StoredSummary> {
  const c = (await db.contacts.get(contactId))!;
  const live = (await db.activities.where('contactId').equals(contactId).toArray()).filter((a) => a.deletedAt === null);
  return { ...summarizeAll(c.id, c.createdAt, live, now), engagement: engagementWeights(live, halfLifeDays, now) };
}

const thread: MailMessage[] = [
  { id: 'm1', from: dana, recipients: [rep], date: T - 30 * MIN },
  { id: 'm2', from: rep, recipients: [dana], date: T - 20 * MIN },
  { id: 'm3', from: dana, recipients: [rep, sam], date: T - 10 * MIN },
];

describe('summaries kept by the services', () => {
  it('a new contact from createPerson gets an empty summary with its createdAt', async () => {
    const d = await createPerson(db, dana, env);
    expect(await db.summaries.toArray()).toEqual([
      { ...emptySummary(d.contact.id, T), engagement: { ref: 0, halfLifeDays: 30, weights: {} } },
    ]);
    // Idempotent create: no second row, the first left alone.
    await createPerson(db, dana, { ...env, now: T + 5 });
    expect(await db.summaries.count()).toBe(1);
    expect((await db.summaries.get(d.contact.id))!.createdAt).toBe(T);
  });

  it('logThreadMessages leaves the summary equal to a rebuild from the live activities', async () => {
    const d = await createPerson(db, dana, env);
    const s = await createPerson(db, sam, env);
    expect(await logThreadMessages(db, thread, mine, T, 'Pricing')).toBe(3);
    const row = (await db.summaries.get(d.contact.id))!;
    expect(row).toEqual(await expected(d.contact.id, T));
    expect(row).toMatchObject({
      contactId: d.contact.id,
      createdAt: T,
      firstOutboundAt: T - 20 * MIN,
      lastOutboundAt: T - 20 * MIN,
      lastInboundAt: T - 10 * MIN,
      lastEmailFrom: 'them',
      lastEmailAt: T - 10 * MIN,
      outboundSinceInbound: 0,
      futureActivityAt: null,
    });
    expect(row.engagement.ref).toBe(T - 10 * MIN);
    expect(Object.keys(row.engagement.weights).sort()).toEqual(['email_in', 'email_out']);
    expect(row.engagement.weights.email_in).toBeCloseTo(2, 3);
    expect(row.engagement.weights.email_out).toBeCloseTo(1, 3);

    // Sam is only copied on Dana's m3: nothing is logged for Sam, whose summary stays empty.
    expect(await db.activities.where('contactId').equals(s.contact.id).count()).toBe(0);
    expect(await db.summaries.get(s.contact.id)).toEqual({ ...emptySummary(s.contact.id, T), engagement: { ref: 0, halfLifeDays: 30, weights: {} } });
    expect(await db.summaries.count()).toBe(2);
  });

  it('logManualActivity counts kinds in engagement.weights', async () => {
    const d = await createPerson(db, dana, env);
    const at = T + 60 * MIN;
    await logManualActivity(db, { kind: 'call', contactId: d.contact.id }, at);
    await logManualActivity(db, { kind: 'call', contactId: d.contact.id }, at);
    await logManualActivity(db, { kind: 'note', contactId: d.contact.id, text: 'likes us' }, at);
    await logManualActivity(db, { kind: 'meeting', contactId: d.contact.id }, at);
    const row = (await db.summaries.get(d.contact.id))!;
    expect(row).toEqual(await expected(d.contact.id, at));
    expect(row.engagement).toEqual({ ref: at, halfLifeDays: 30, weights: { call: 2, note: 1, meeting: 1 } });
    expect(row).toMatchObject({ firstOutboundAt: at, lastOutboundAt: at, lastInboundAt: at, lastEmailFrom: null });
  });

  it('uses the half-life from the settings', async () => {
    await updateSettings(db, 'en', (s) => ({ scoring: { ...s.scoring, engagement: { ...s.scoring.engagement, halfLifeDays: 10 } } }), T);
    const d = await createPerson(db, dana, env);
    expect((await db.summaries.get(d.contact.id))!.engagement.halfLifeDays).toBe(10);
    await logThreadMessages(db, thread, mine, T);
    expect(await db.summaries.get(d.contact.id)).toEqual(await expected(d.contact.id, T, 10));
  });

  it('deleteActivity rebuilds from what is left', async () => {
    const d = await createPerson(db, dana, env);
    await logThreadMessages(db, thread, mine, T);
    const m3 = (await db.activities.where('sourceId').equals('m3').toArray()).find((a) => a.contactId === d.contact.id)!;
    await deleteActivity(db, m3.id, T + 1);
    const row = (await db.summaries.get(d.contact.id))!;
    expect(row).toEqual(await expected(d.contact.id, T + 1));
    // The rep's m2 is now the last email: nobody is waiting.
    expect(row).toMatchObject({ lastEmailFrom: 'rep', lastEmailAt: T - 20 * MIN, lastInboundAt: T - 30 * MIN, outboundSinceInbound: 1 });
    expect(row.engagement.weights.email_in).toBeCloseTo(1, 3);

    const all = await db.activities.where('contactId').equals(d.contact.id).toArray();
    for (const a of all) await deleteActivity(db, a.id, T + 2);
    expect(await db.summaries.get(d.contact.id)).toEqual({
      ...emptySummary(d.contact.id, T),
      engagement: { ref: 0, halfLifeDays: 30, weights: {} },
    });

    const before = await db.summaries.toArray();
    await deleteActivity(db, 'no-such-activity', T + 3);
    expect(await db.summaries.toArray()).toEqual(before);
  });

  it('a compose send later bound to the thread message is rebuilt with the message time', async () => {
    const d = await createPerson(db, dana, env);
    await logComposeSent(db, { composeKey: 'k1', recipients: [dana.email], subject: 'Hello' }, mine, T);
    expect(await db.summaries.get(d.contact.id)).toEqual(await expected(d.contact.id, T));
    await logThreadMessages(db, [{ id: 'sent-1', from: rep, recipients: [dana], date: T - 2 * MIN }], mine, T + MIN);
    expect(await db.activities.count()).toBe(1);
    const row = (await db.summaries.get(d.contact.id))!;
    expect(row).toEqual(await expected(d.contact.id, T + MIN));
    expect(row.lastOutboundAt).toBe(T - 2 * MIN);
  });

  it('refreshSummaries skips unknown contacts and does nothing for none', async () => {
    const d = await createPerson(db, dana, env);
    const before = await db.summaries.toArray();
    await refreshSummaries(db, [], 30, T);
    await refreshSummaries(db, ['nope'], 30, T);
    expect(await db.summaries.toArray()).toEqual(before);
    await refreshSummaries(db, [d.contact.id, d.contact.id], 30, T);
    expect(await db.summaries.count()).toBe(1);
  });

  it('refreshSummaries over many contacts in one stretch of keys (read as ranges) rebuilds just those, each from its own activities', async () => {
    // 70 people made in order (ids rise with time), each with one message from them and one reply.
    const people = [];
    for (let i = 0; i < 70; i++) {
      const p = { name: `P${i}`, email: `p${i}@bigcorp.io` };
      people.push((await createPerson(db, p, { ...env, now: T + i })).contact.id);
      await logThreadMessages(db, [
        { id: `in${i}`, from: p, recipients: [rep], date: T - (i + 2) * MIN },
        { id: `out${i}`, from: rep, recipients: [p], date: T - (i + 1) * MIN },
      ], mine, T);
    }
    // Wrong summaries for all; then the 60 in the middle rebuilt (a range with 5 others on each side of it, and
    // one in the middle left out): only they are right again, and the ones left out keep their wrong rows.
    await db.summaries.toCollection().modify({ lastInboundAt: 1, outboundSinceInbound: 99 });
    const listed = people.slice(5, 65).filter((_, i) => i !== 30);
    await db.transaction('rw', [db.contacts, db.activities, db.summaries], () => refreshSummaries(db, listed, 30, T));
    for (const id of people) {
      const row = await db.summaries.get(id);
      if (listed.includes(id)) expect(row).toEqual(await expected(id, T));
      else expect(row).toMatchObject({ lastInboundAt: 1, outboundSinceInbound: 99 });
    }
  });

  // BUG (lib/services/deals.ts:32 recordChange, also lib/services/stages.ts:61): moveDealStage,
  // closeDeal, reopenDeal and saveStages add a stage_change activity without refreshing the
  // contact's summary (their transactions do not even include db.summaries). The schema promises
  // summaries are "kept in step with every activity write"; engagement.weights then lacks
  // stage_change, so with non-zero stage_change points (editable in scoring settings) the nudge
  // engine's sales-ready score (from stored weights) differs from scoreLead over the activities.
  it('moveDealStage keeps the summary in step with the stage_change activity it adds', async () => {
    const d = await createPerson(db, dana, env);
    expect((await moveDealStage(db, d.deal.id, { now: T + 1000, locale: 'en' })).ok).toBe(true);
    expect(await db.activities.count()).toBe(1);
    expect(await db.summaries.get(d.contact.id)).toEqual(await expected(d.contact.id, T + 1000));
  });
});

describe('syncEngagementHalfLife', () => {
  it('rebuilds every summary\'s weights after a half-life edit, once', async () => {
    const d = await createPerson(db, dana, env);
    const s = await createPerson(db, sam, env);
    await logThreadMessages(db, thread, mine, T, 'Pricing?');
    await logManualActivity(db, { contactId: s.contact.id, kind: 'call' }, T - 40 * 86_400_000);
    expect(await syncEngagementHalfLife(db, 'en-US', T)).toBe(0); // built with the default: nothing to do
    expect((await db.summaries.get(s.contact.id))!.engagement.halfLifeDays).toBe(30);

    const r = await updateSettings(db, 'en-US', (cur) => ({ scoring: { ...cur.scoring, engagement: { ...cur.scoring.engagement, halfLifeDays: 7 } } }), T);
    expect(r.ok).toBe(true);
    const later = T + 86_400_000;
    expect(await syncEngagementHalfLife(db, 'en-US', later)).toBe(2);
    for (const id of [d.contact.id, s.contact.id]) {
      const stored = (await db.summaries.get(id))!;
      expect(stored.engagement).toEqual((await expected(id, later, 7)).engagement);
      expect(stored.engagement.halfLifeDays).toBe(7);
    }
    // Marked for the nudge engine like any summary write; and a second run has nothing to do.
    expect((await db.factsDirty.toArray()).map((m) => m.key)).toEqual(expect.arrayContaining([`c:${d.contact.id}`, `c:${s.contact.id}`]));
    expect(await syncEngagementHalfLife(db, 'en-US', later)).toBe(0);
  });
});

describe('summariesOf (an import or restore with the activities in hand)', () => {
  it('gives no row to a contact without activities, since a missing summary reads as exactly the one it would have had', () => {
    const call = { kind: 'call' as const, direction: 'out' as const, channel: 'phone' as const, at: T - 3 * 86_400_000, deletedAt: null };
    const rows = summariesOf([{ id: 'a', createdAt: T - 9e8 }, { id: 'b', createdAt: T - 8e8 }], [{ ...call, contactId: 'a' }], 30, T);
    expect(rows.map((r) => r.contactId)).toEqual(['a']);
    expect(rows[0]).toEqual({ ...summarizeAll('a', T - 9e8, [call], T), engagement: engagementWeights([call], 30, T) });
    // The readers' fallback for b (lib/services/lead-facts.ts factsForContacts) is what a written row would hold.
    expect({ ...emptySummary('b', T - 8e8), engagement: { ref: 0, halfLifeDays: 30, weights: {} } }).toEqual({
      ...summarizeAll('b', T - 8e8, [], T),
      engagement: engagementWeights([], 30, T),
    });
  });
});
