// @vitest-environment node
import { CREATED, dana, DAY, db, EMAIL_IN, HOUR, local, locale, mine, NOW, person, sam, scenario } from '../../test/unit/nudge-scenario';
import { logComposeSent, logManualActivity } from './activities';
import { closeDeal, moveDealStage, reopenDeal } from './deals';
import { recomputeNudges } from './nudge-pass';
import { activeNudges, computeStageStats, countActiveNudges, markNudge, nextWakeUp, topActiveNudges } from './nudges';

describe('awaiting reply, through the real services', () => {
  it('shows an awaiting_reply nudge once 24 working hours have passed', async () => {
    const { d } = await scenario();
    await recomputeNudges(db, { now: NOW, locale });
    const active = await activeNudges(db, NOW);
    const awaiting = active.filter((n) => n.kind === 'awaiting_reply');
    expect(awaiting).toEqual([
      {
        id: `awaiting_reply:${d.contact.id}:${EMAIL_IN}`,
        kind: 'awaiting_reply',
        contactId: d.contact.id,
        dealId: d.deal.id,
        why: { key: 'nudge.why.awaitingReply', params: { hours: 24, since: EMAIL_IN } },
        dueAt: local(18, 10),
        priority: 1,
      },
    ]);
    // Highest priority first.
    expect(active[0]!.kind).toBe('awaiting_reply');
    expect(active.map((n) => n.priority)).toEqual([...active.map((n) => n.priority)].sort((a, b) => a - b));
    // Per contact: the same nudge.
    expect((await activeNudges(db, NOW, d.contact.id)).map((n) => n.id)).toContain(awaiting[0]!.id);
    // Not yet due the same afternoon.
    expect((await activeNudges(db, EMAIL_IN + 2 * HOUR)).map((n) => n.kind)).not.toContain('awaiting_reply');
    expect((await activeNudges(db, local(18, 10) - 1)).map((n) => n.kind)).not.toContain('awaiting_reply');
    expect((await activeNudges(db, local(18, 10))).map((n) => n.kind)).toContain('awaiting_reply');
  });

  it.each([
    ['a compose send', (id: string) => logComposeSent(db, { composeKey: 'k1', recipients: [dana.email], subject: 'Re: Pricing?' }, mine, NOW).then(() => id)],
    ['a logged call', (id: string) => logManualActivity(db, { kind: 'call', contactId: id }, NOW).then(() => id)],
  ])('%s after it, then a recompute, removes it', async (_label, reply) => {
    const { d } = await scenario();
    await recomputeNudges(db, { now: NOW, locale });
    expect((await activeNudges(db, NOW)).some((n) => n.kind === 'awaiting_reply')).toBe(true);
    await reply(d.contact.id);
    await recomputeNudges(db, { now: NOW + 1, locale });
    expect((await activeNudges(db, NOW + 1)).some((n) => n.kind === 'awaiting_reply')).toBe(false);
    expect(await db.nudges.filter((n) => n.kind === 'awaiting_reply').count()).toBe(0);
    expect((await db.summaries.get(d.contact.id))!.lastOutboundAt).toBe(NOW);
  });
});

describe('markNudge', () => {
  async function ready() {
    const r = await scenario();
    await recomputeNudges(db, { now: NOW, locale });
    const awaitingId = `awaiting_reply:${r.d.contact.id}:${EMAIL_IN}`;
    expect((await activeNudges(db, NOW)).map((n) => n.id)).toContain(awaitingId);
    return { ...r, awaitingId };
  }

  it('done hides that nudge for good, and only that one', async () => {
    const { d, awaitingId } = await ready();
    const countBefore = (await activeNudges(db, NOW)).length;
    expect(await markNudge(db, awaitingId, { done: true }, { now: NOW, locale })).toBeNull();
    expect(await db.nudgeStates.toArray()).toEqual([{ id: awaitingId, state: 'done', until: null, updatedAt: NOW }]);
    const active = await activeNudges(db, NOW);
    expect(active.map((n) => n.id)).not.toContain(awaitingId);
    expect(active).toHaveLength(countBefore - 1);
    expect(active.map((n) => n.id)).toContain(`stuck:${d.deal.id}:${CREATED}`);

    await recomputeNudges(db, { now: NOW + 7 * DAY, locale });
    expect((await db.nudges.get(awaitingId))).toBeDefined();
    expect((await activeNudges(db, NOW + 7 * DAY)).map((n) => n.id)).not.toContain(awaitingId);
    expect((await activeNudges(db, NOW + 7 * DAY, d.contact.id)).map((n) => n.id)).not.toContain(awaitingId);
  });

  it('snooze hides it until the snooze ends, then shows it again', async () => {
    const { awaitingId } = await ready();
    const until = await markNudge(db, awaitingId, { snooze: '1d' }, { now: NOW, locale });
    expect(until).toBe(local(21, 10)); // Friday 10:00
    expect(await db.nudgeStates.get(awaitingId)).toEqual({ id: awaitingId, state: 'snoozed', until: local(21, 10), updatedAt: NOW });
    expect((await activeNudges(db, NOW)).map((n) => n.id)).not.toContain(awaitingId);
    expect((await activeNudges(db, local(21, 10) - 1)).map((n) => n.id)).not.toContain(awaitingId);
    expect((await activeNudges(db, local(21, 10))).map((n) => n.id)).toContain(awaitingId);
    expect((await activeNudges(db, local(21, 15))).map((n) => n.id)).toContain(awaitingId);

    // Snoozing again replaces the row: next week = Monday 09:00.
    expect(await markNudge(db, awaitingId, { snooze: 'nextWeek' }, { now: NOW, locale })).toBe(local(24, 9));
    expect(await db.nudgeStates.count()).toBe(1);
    expect((await activeNudges(db, local(21, 15))).map((n) => n.id)).not.toContain(awaitingId);
    expect((await activeNudges(db, local(24, 9))).map((n) => n.id)).toContain(awaitingId);

    // An exact time.
    expect(await markNudge(db, awaitingId, { snooze: NOW + 3 * HOUR }, { now: NOW, locale })).toBe(NOW + 3 * HOUR);
    expect((await activeNudges(db, NOW + 3 * HOUR - 1)).map((n) => n.id)).not.toContain(awaitingId);
    expect((await activeNudges(db, NOW + 3 * HOUR)).map((n) => n.id)).toContain(awaitingId);
  });

  it('dismissing a deal hides every nudge of that deal, and no other', async () => {
    const { d, s, awaitingId } = await ready();
    const samActive = (await activeNudges(db, NOW)).filter((n) => n.contactId === s.contact.id);
    expect(samActive.length).toBeGreaterThan(0);
    expect(await markNudge(db, awaitingId, { dismissDeal: d.deal.id }, { now: NOW, locale })).toBeNull();
    expect(await db.nudgeStates.toArray()).toEqual([{ id: `deal:${d.deal.id}`, state: 'dismissed', until: null, updatedAt: NOW }]);
    const active = await activeNudges(db, NOW);
    expect(active.filter((n) => n.dealId === d.deal.id)).toEqual([]);
    expect(active).toEqual(samActive);
    expect(await activeNudges(db, NOW, d.contact.id)).toEqual([]);
    // Still hidden after a recompute and much later.
    await recomputeNudges(db, { now: NOW + 30 * DAY, locale });
    expect((await activeNudges(db, NOW + 30 * DAY)).filter((n) => n.dealId === d.deal.id)).toEqual([]);
  });
});

describe('badge count and popup list', () => {
  it('agree with the full active list, whatever is done, snoozed or dismissed, at any time', async () => {
    await scenario();
    const lee = await person({ name: 'Lee', email: 'lee@other.org' });
    await recomputeNudges(db, { now: NOW, locale });
    const check = async (now: number) => {
      const all = await activeNudges(db, now);
      expect(await countActiveNudges(db, now)).toBe(all.length);
      for (const limit of [1, 2, 3, 500]) expect(await topActiveNudges(db, now, limit)).toEqual(all.slice(0, limit));
      return all.length;
    };
    const times = [CREATED, EMAIL_IN, NOW, local(24, 10), NOW + 30 * DAY];
    const before = await Promise.all(times.map(check));
    expect(before[2]).toBeGreaterThan(3);
    const ids = (await activeNudges(db, NOW)).map((n) => n.id);
    await markNudge(db, ids[0]!, { done: true }, { now: NOW, locale });
    await markNudge(db, ids[1]!, { snooze: '1d' }, { now: NOW, locale });
    await markNudge(db, 'not-a-nudge', { done: true }, { now: NOW, locale }); // a state for a nudge that is gone: no effect
    await markNudge(db, ids[2]!, { dismissDeal: lee.deal.id }, { now: NOW, locale });
    await markNudge(db, ids[2]!, { dismissDeal: 'not-a-deal' }, { now: NOW, locale });
    const after = await Promise.all(times.map(check));
    expect(after[2]).toBeLessThan(before[2]!);
    expect(await countActiveNudges(db, NOW)).toBe((await activeNudges(db, NOW)).length);
    // Capped: past the cap it says "at least the cap", whatever is hidden.
    const active = (await activeNudges(db, NOW)).length;
    for (let cap = 1; cap <= active + 1; cap++) expect(await countActiveNudges(db, NOW, cap)).toBe(Math.min(cap, active));
    expect((await activeNudges(db, NOW)).some((n) => n.dealId === lee.deal.id)).toBe(false);
  });
});

describe('nextWakeUp', () => {
  it('is null with nothing ahead', async () => {
    expect(await nextWakeUp(db, NOW)).toBeNull();
  });

  it('returns the earliest future dueAt or snooze end', async () => {
    const { s } = await scenario();
    await recomputeNudges(db, { now: NOW, locale });
    const future = (await db.nudges.toArray()).map((n) => n.dueAt).filter((t) => t > NOW);
    expect(future).toEqual([local(24, 10)]); // Sam's gone_quiet
    expect(await nextWakeUp(db, NOW)).toBe(local(24, 10));

    const samNever = `never_followed_up:${s.contact.id}:${CREATED}`;
    await markNudge(db, samNever, { snooze: NOW - 1 }, { now: NOW, locale }); // already over: ignored
    expect(await nextWakeUp(db, NOW)).toBe(local(24, 10));
    await markNudge(db, samNever, { snooze: '1d' }, { now: NOW, locale });
    expect(await nextWakeUp(db, NOW)).toBe(local(21, 10));
    // Once past the snooze end, the next due nudge again.
    expect(await nextWakeUp(db, local(21, 10))).toBe(local(24, 10));
    expect(await nextWakeUp(db, local(24, 10))).toBeNull();
  });
});

describe('computeStageStats', () => {
  it('takes the median finished stay per stage from moveDealStage history', async () => {
    const D0 = CREATED;
    const one = await person(dana, D0);
    const two = await person(sam, D0);
    const three = await person({ name: 'Lee', email: 'lee@other.org' }, D0);
    const move = async (dealId: string, days: number) => {
      const r = await moveDealStage(db, dealId, { now: D0 + days * DAY, locale });
      expect(r.ok).toBe(true);
    };
    await move(one.deal.id, 1); // contact 1d
    await move(one.deal.id, 4); // qualification 3d, now in meeting
    await move(two.deal.id, 2); // contact 2d
    await move(two.deal.id, 7); // qualification 5d
    expect(await closeDeal(db, two.deal.id, 'won', null, D0 + 9 * DAY)).toEqual({ ok: true }); // won from meeting: a 2-day stay that ended in an outcome
    await move(three.deal.id, 4); // contact 4d, now in qualification

    expect(await computeStageStats(db)).toEqual(
      new Map([
        ['contact', { median: 2 * DAY, samples: 3 }],
        ['qualification', { median: 4 * DAY, samples: 2 }],
        ['meeting', { median: 2 * DAY, samples: 1 }],
      ]),
    );
  });

  // BUG (lib/services/nudges.ts:16, with stageIntervals in lib/domain/nudges.ts:345): computeStageStats keeps
  // every change with status 'open', and reopenDeal (lib/services/deals.ts:86) records one (meeting → meeting,
  // status 'open', reason 'reopened'). The interval from entering the stage to the REOPEN therefore
  // counts as a finished stay, including all the time the deal sat Lost. Here: 1 day in Meeting, 90
  // days Lost, reopened, 2 more days in Meeting → Meeting's "median stay" comes out as 46.5 days
  // (stays 91d and 2d) instead of at most 2 days, so stuck nudges for every deal in Meeting are
  // pushed out by weeks once a few lost deals are reopened.
  it('does not count the time a deal spent closed as a stay in its stage', async () => {
    const p = await person(dana, CREATED);
    const D0 = CREATED + HOUR;
    expect((await moveDealStage(db, p.deal.id, { now: D0, locale, toStageId: 'meeting' })).ok).toBe(true);
    expect(await closeDeal(db, p.deal.id, 'lost', 'Bad timing', D0 + 1 * DAY)).toEqual({ ok: true });
    expect(await reopenDeal(db, p.deal.id, D0 + 91 * DAY)).toBe(true);
    expect((await moveDealStage(db, p.deal.id, { now: D0 + 93 * DAY, locale })).ok).toBe(true); // → proposal
    const meeting = (await computeStageStats(db)).get('meeting')!;
    expect(meeting.median).toBeLessThanOrEqual(2 * DAY);
  });

  it('keeps stays as deals move once built, without reading the history again', async () => {
    const one = await person(dana, CREATED);
    expect(await moveDealStage(db, one.deal.id, { now: CREATED + 2 * DAY, locale })).toMatchObject({ ok: true });
    expect((await computeStageStats(db)).get('contact')).toEqual({ median: 2 * DAY, samples: 1 });
    // From here the kept stays are updated by each move; the history is not walked again.
    await db.stageChanges.clear();
    expect(await moveDealStage(db, one.deal.id, { now: CREATED + 5 * DAY, locale })).toMatchObject({ ok: true });
    const two = await person(sam, CREATED);
    expect(await moveDealStage(db, two.deal.id, { now: CREATED + 4 * DAY, locale })).toMatchObject({ ok: true });
    const stats = await computeStageStats(db);
    expect(stats.get('contact')).toEqual({ median: 3 * DAY, samples: 2 });
    expect(stats.get('qualification')).toEqual({ median: 3 * DAY, samples: 1 });
  });

  it('is empty without any moves', async () => {
    await person(dana);
    expect(await computeStageStats(db)).toEqual(new Map());
  });
});
