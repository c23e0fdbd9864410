// @vitest-environment node
import { CREATED, dana, DAY, db, EMAIL_IN, HOUR, idsOf, local, locale, mine, NOW, person, rep, sam, scenario, table } from '../../test/unit/nudge-scenario';
import { FUTURE_TOLERANCE_MS } from '../domain/activity-summary';
import { logManualActivity, logThreadMessages } from './activities';
import { moveDealStage, updateDeal } from './deals';
import { recomputeNudges } from './nudge-pass';
import { activeNudges, nextWakeUp } from './nudges';
import { BUCKET_FILL, BUCKET_MAX, clearDirty } from './lead-facts';
import { updateSettings } from './settings';
import { applyDueFutureActivities, nextFutureActivityDue, syncEngagementHalfLife } from './summaries';
import type { Contact } from '../domain/records';

describe('recomputeNudges', () => {
  it('computes every contact, and a second run replaces rather than duplicates', async () => {
    const { d, s } = await scenario();
    expect((await recomputeNudges(db, { now: NOW, locale })).contacts).toBe(2);
    const first = await table();
    expect(idsOf(first)).toEqual(
      [
        `awaiting_reply:${d.contact.id}:${EMAIL_IN}`,
        `stuck:${d.deal.id}:${CREATED}`,
        `never_followed_up:${s.contact.id}:${CREATED}`,
        `gone_quiet:${s.deal.id}:${CREATED}`,
        `stuck:${s.deal.id}:${CREATED}`,
      ].sort(),
    );
    const awaiting = first.find((n) => n.kind === 'awaiting_reply')!;
    // 24 working hours after Monday 10:00 is Tuesday 10:00.
    expect(awaiting).toMatchObject({ contactId: d.contact.id, dealId: d.deal.id, dueAt: local(18, 10), priority: 1 });
    expect(first.find((n) => n.kind === 'never_followed_up')!.dueAt).toBe(local(11, 10)); // 1 working day
    expect(first.find((n) => n.kind === 'gone_quiet')!.dueAt).toBe(local(24, 10)); // 14 days
    expect(first.filter((n) => n.kind === 'stuck').map((n) => n.dueAt)).toEqual([local(17, 10), local(17, 10)]); // 7-day contact limit

    expect((await recomputeNudges(db, { now: NOW, locale, all: true })).contacts).toBe(2);
    expect(await table()).toEqual(first);
    expect(await db.nudges.count()).toBe(5);
  });

  it('an activity dated ahead of the clock is applied when its time comes, without its contact being written again', async () => {
    const { s } = await scenario();
    const ahead = NOW + 3 * DAY;
    // The rep's email to Sam, dated three days ahead (a wrong clock somewhere): flagged, not applied.
    expect(await logThreadMessages(db, [{ id: 'm-out-ahead', from: rep, recipients: [sam], date: ahead }], mine, NOW, 'Hello')).toBe(1);
    const never = async () => (await table()).filter((n) => n.kind === 'never_followed_up' && n.contactId === s.contact.id);
    await recomputeNudges(db, { now: NOW, locale });
    expect((await db.summaries.get(s.contact.id))!).toMatchObject({ futureActivityAt: ahead, lastOutboundAt: null });
    expect(await never()).toHaveLength(1);
    expect(await nextFutureActivityDue(db, NOW)).toBe(ahead - FUTURE_TOLERANCE_MS);
    expect(await nextWakeUp(db, NOW)).toBeLessThanOrEqual(ahead - FUTURE_TOLERANCE_MS);
    expect(await applyDueFutureActivities(db, locale, NOW)).toBe(0);

    // Its time comes. A pass alone reads the stored summary: the touch would stay unapplied.
    const later = ahead + HOUR;
    await recomputeNudges(db, { now: later, locale, all: true });
    expect(await never()).toHaveLength(1);
    // What the engine does on its wake-up alarm and daily pass: rebuild the due summaries, then a pass.
    expect(await applyDueFutureActivities(db, locale, later)).toBe(1);
    expect((await db.summaries.get(s.contact.id))!).toMatchObject({ futureActivityAt: null, lastOutboundAt: ahead, firstOutboundAt: ahead });
    expect((await recomputeNudges(db, { now: later, locale })).contacts).toBe(1);
    expect(await never()).toEqual([]);
    expect(await nextFutureActivityDue(db, later)).toBeNull();
    expect(await applyDueFutureActivities(db, locale, later)).toBe(0);
  });

  it('after writes, recomputes just the contacts they marked', async () => {
    const { d, s } = await scenario();
    await recomputeNudges(db, { now: NOW, locale });
    const before = await table();
    const samBefore = before.filter((n) => n.contactId === s.contact.id);

    // Only Dana gets an outbound touch: only Dana is computed.
    await logManualActivity(db, { kind: 'call', contactId: d.contact.id }, NOW);
    expect((await db.factsDirty.toArray()).map((r) => r.key)).toEqual([`c:${d.contact.id}`]);
    expect((await recomputeNudges(db, { now: NOW, locale })).contacts).toBe(1);
    expect(await db.factsDirty.count()).toBe(0);
    let after = await table();
    expect(after.filter((n) => n.contactId === s.contact.id)).toEqual(samBefore);
    const danaIds = idsOf(after.filter((n) => n.contactId === d.contact.id));
    expect(danaIds).not.toContain(`awaiting_reply:${d.contact.id}:${EMAIL_IN}`);
    // After the call: the cadence's next touch (2 → 4 days: Sat 22 → Mon 24 08:00) and gone quiet from the email in.
    expect(danaIds).toEqual(
      [`follow_up_due:${d.contact.id}:${EMAIL_IN}:2`, `gone_quiet:${d.deal.id}:${EMAIL_IN}`, `stuck:${d.deal.id}:${CREATED}`].sort(),
    );
    expect(after.find((n) => n.kind === 'follow_up_due')!.dueAt).toBe(local(24, 8));

    await logManualActivity(db, { kind: 'call', contactId: s.contact.id }, NOW);
    expect((await recomputeNudges(db, { now: NOW, locale })).contacts).toBe(1);
    after = await table();
    expect(after.filter((n) => n.contactId === s.contact.id).map((n) => n.kind)).not.toContain('never_followed_up');
    expect(new Set(after.map((n) => n.id)).size).toBe(after.length);

    // Nothing marked: nothing computed, nothing changed.
    const snapshot = await table();
    expect((await recomputeNudges(db, { now: NOW, locale })).contacts).toBe(0);
    expect(await table()).toEqual(snapshot);
  });

  it('a full pass over unchanged data computes everyone and writes nothing', async () => {
    await scenario();
    await recomputeNudges(db, { now: NOW, locale, all: true });
    const snapshot = await table();
    const buckets = await db.factBuckets.toArray();
    const puts = vi.spyOn(db.nudges, 'bulkPut');
    const bucketPuts = vi.spyOn(db.factBuckets, 'put');
    // A day on, nothing changed: both contacts looked at, neither computed again (their inputs' digest held).
    expect(await recomputeNudges(db, { now: NOW + DAY, locale, all: true })).toEqual({ contacts: 2, computed: 0, changed: 0, rebuilt: false });
    expect(puts).not.toHaveBeenCalled();
    expect(bucketPuts).not.toHaveBeenCalled();
    expect(await table()).toEqual(snapshot);
    expect(await db.factBuckets.toArray()).toEqual(buckets);
  });

  it('gives tombstoned contacts no nudges, on a full run and by id', async () => {
    const { d, s } = await scenario();
    await recomputeNudges(db, { now: NOW, locale });
    expect(await db.nudges.where('contactId').equals(d.contact.id).count()).toBe(2);

    await db.contacts.update(d.contact.id, { deletedAt: NOW, updatedAt: NOW });
    expect((await recomputeNudges(db, { now: NOW, locale })).contacts).toBe(1);
    expect(await db.nudges.where('contactId').equals(d.contact.id).count()).toBe(0);
    expect(await db.nudges.where('contactId').equals(s.contact.id).count()).toBe(3);

    await db.contacts.update(s.contact.id, { deletedAt: NOW, updatedAt: NOW });
    expect((await recomputeNudges(db, { now: NOW, locale, all: true })).contacts).toBe(2);
    expect(await db.nudges.count()).toBe(0);
    expect(await activeNudges(db, NOW)).toEqual([]);
  });
});

describe('change markers', () => {
  const keys = async () => (await db.factsDirty.toArray()).map((r) => r.key).sort();

  it('every write through the services marks the contact it concerns, in the same transaction', async () => {
    const a = await person(dana, CREATED);
    const b = await person(sam, CREATED + 10);
    const companyId = (await db.contacts.get(a.contact.id))!.companyId!;
    expect(companyId).toBeTruthy();
    expect(await keys()).toEqual([`c:${a.contact.id}`, `c:${b.contact.id}`, `co:${companyId}`].sort());
    await recomputeNudges(db, { now: NOW, locale });
    expect(await keys()).toEqual([]);

    await logManualActivity(db, { kind: 'note', contactId: a.contact.id, text: 'hi' }, CREATED + 30);
    expect(await keys()).toEqual([`c:${a.contact.id}`]);
    await recomputeNudges(db, { now: NOW, locale });

    expect(await updateDeal(db, b.deal.id, { valueMinor: 5000 }, CREATED + 40)).toBe(true);
    expect(await keys()).toEqual([`c:${b.contact.id}`]);
    await recomputeNudges(db, { now: NOW, locale });

    await moveDealStage(db, a.deal.id, { now: CREATED + 60, locale });
    expect(await keys()).toEqual([`c:${a.contact.id}`]);
    await recomputeNudges(db, { now: NOW, locale });

    // A company change marks the company; the engine finds who works there.
    await db.companies.update(companyId, { industry: 'Software', updatedAt: NOW });
    expect(await keys()).toEqual([`co:${companyId}`]);
    const people = await db.contacts.where('companyId').equals(companyId).primaryKeys();
    expect((await recomputeNudges(db, { now: NOW, locale })).contacts).toBe(people.length);

    // A write that fails changes nothing, marker included.
    await expect(db.transaction('rw', db.contacts, async () => {
      await db.contacts.update(a.contact.id, { name: 'Dana D.' });
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await keys()).toEqual([]);
    expect((await db.contacts.get(a.contact.id))!.name).toBe(dana.name);
  });

  it('a marker renewed while the engine worked survives, and is handled next time', async () => {
    const a = await person(dana, CREATED);
    const rows = await db.factsDirty.toArray();
    await db.contacts.update(a.contact.id, { name: 'Dana D.', updatedAt: CREATED + 1 }); // renews the contact's marker
    await clearDirty(db, rows);
    expect(await keys()).toEqual([`c:${a.contact.id}`]);
    await clearDirty(db, await db.factsDirty.toArray());
    expect(await keys()).toEqual([]);
  });

  it('a write the engine cannot attribute (a range delete) rebuilds everything', async () => {
    await scenario();
    await recomputeNudges(db, { now: NOW, locale });
    expect(await db.nudges.count()).toBe(5);
    await db.deals.clear();
    expect(await keys()).toEqual(['*']);
    // Without deals: Dana waits for a reply, Sam was never followed up; nothing about deals.
    expect((await recomputeNudges(db, { now: NOW, locale })).contacts).toBe(2);
    expect((await table()).map((n) => n.kind).sort()).toEqual(['awaiting_reply', 'never_followed_up']);
    expect(await keys()).toEqual([]);
  });
});

describe('packed facts', () => {
  /** Contacts with nothing but an id (in order) and a creation time: each is one never-followed-up nudge. */
  const bare = (from: number, n: number): Contact[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `c${String(from + i).padStart(6, '0')}`, createdAt: CREATED, updatedAt: CREATED, deletedAt: null, name: `P${from + i}`, emails: [],
      title: null, headline: null, location: null, companyId: null, linkedinUrl: null, photoUrl: null,
    }));

  it('a scoring-rule change rebuilds the stored fit, so sales-ready follows the new rules', async () => {
    const { d } = await scenario();
    await recomputeNudges(db, { now: NOW, locale, all: true });
    expect((await table()).some((n) => n.kind === 'sales_ready')).toBe(false);
    // Every lead from bigcorp.io's domain is now worth the whole threshold.
    await updateSettings(db, locale, (cur) => ({ scoring: { ...cur.scoring, threshold: 10, fit: { ...cur.scoring.fit, companyDomain: 50 } } }), NOW);
    await recomputeNudges(db, { now: NOW, locale, all: true });
    const ready = (await table()).filter((n) => n.kind === 'sales_ready');
    expect(ready.map((n) => n.contactId).sort()).toContain(d.contact.id);
    expect(ready[0]!.why.params.threshold).toBe(10);
  });

  it('sales-readiness that decays away takes its nudge with it on a later full pass, with no write in between', async () => {
    const { d } = await scenario();
    // Fit worth nothing, threshold 1: only Dana's engagement (her email) makes her sales-ready, and it decays.
    const zero = { yes: 0, partial: 0, no: 0 };
    await updateSettings(db, locale, (cur) => ({
      scoring: {
        ...cur.scoring,
        threshold: 1,
        fit: { industry: 0, companySize: 0, role: 0, seniority: 0, location: 0, companyDomain: 0, freeMail: 0, bant: { budget: zero, authority: zero, need: zero, timeline: zero } },
      },
    }), NOW);
    await recomputeNudges(db, { now: NOW, locale, all: true });
    const ready = async () => (await table()).filter((n) => n.kind === 'sales_ready').map((n) => n.contactId);
    expect(await ready()).toEqual([d.contact.id]);
    await recomputeNudges(db, { now: NOW + 30 * DAY, locale, all: true });
    expect(await ready()).toEqual([d.contact.id]);
    await recomputeNudges(db, { now: NOW + 3 * 365 * DAY, locale, all: true });
    expect(await ready()).toEqual([]);
    expect(await db.factsDirty.count()).toBe(0);
  });

  it('a rebuild stopped halfway (the worker was killed) resumes where it stopped and ends as a whole one would', async () => {
    const many = bare(0, 1200);
    await db.contacts.bulkAdd(many);
    expect(await recomputeNudges(db, { now: NOW, locale })).toMatchObject({ contacts: 1200, rebuilt: true });
    const whole = { nudges: await table(), buckets: await db.factBuckets.toArray(), meta: (await db.engineState.get('leadFacts'))!.value as { key: string } };
    expect(whole.meta).toEqual({ key: whole.meta.key, resumeAfter: null });

    // As if stopped after the first page: the progress mark says so, and what came after is missing.
    const stop = many[BUCKET_FILL - 1]!.id;
    await db.engineState.put({ key: 'leadFacts', value: { key: whole.meta.key, resumeAfter: stop }, updatedAt: NOW });
    await db.nudges.where('contactId').above(stop).delete();
    await db.factBuckets.where(':id').above(stop).delete();
    const tally = await recomputeNudges(db, { now: NOW, locale });
    expect(tally).toMatchObject({ contacts: 1200 - BUCKET_FILL, rebuilt: true });
    expect(await table()).toEqual(whole.nudges);
    expect(await db.factBuckets.toArray()).toEqual(whole.buckets);
    expect((await db.engineState.get('leadFacts'))!.value).toEqual(whole.meta);
  });

  it('a pass waits at its pause between pages (the background holds it while a backup or import runs), and goes on when released', async () => {
    await db.contacts.bulkAdd(bare(0, 1200));
    let release!: () => void;
    let pauses = 0;
    const held = new Promise<void>((r) => (release = r));
    let finished = false;
    const pass = recomputeNudges(db, { now: NOW, locale, pause: () => (++pauses === 2 ? held : Promise.resolve()) }).then((t) => ((finished = true), t));
    await expect.poll(() => pauses).toBe(2);
    // Held after the first page: that page is written, the rest waits.
    await new Promise((r) => setTimeout(r, 50));
    expect(finished).toBe(false);
    expect((await db.engineState.get('leadFacts'))!.value).toMatchObject({ resumeAfter: expect.any(String) });
    release();
    expect(await pass).toMatchObject({ contacts: 1200, rebuilt: true });
    expect(pauses).toBe(Math.ceil(1200 / BUCKET_FILL));
  });

  it('a rebuild (pages of 512, stage medians, a new half-life) keeps its progress in engineState and writes no settings row', async () => {
    await db.contacts.bulkAdd(bare(0, 1200));
    await scenario();
    await recomputeNudges(db, { now: NOW, locale });
    // A rule the facts depend on changes (a full rebuild), and the engagement half-life with it.
    const r = await updateSettings(db, locale, (s) => ({ scoring: { ...s.scoring, icp: { ...s.scoring.icp, locations: ['Jakarta'] }, engagement: { ...s.scoring.engagement, halfLifeDays: 10 } } }), NOW);
    expect(r.ok).toBe(true);
    const settingsBefore = await db.settings.toArray();
    const writes: string[] = [];
    const created = (key: unknown) => void writes.push(`create ${String(key)}`);
    const updated = (_changes: unknown, key: unknown) => void writes.push(`update ${String(key)}`);
    const deleted = (key: unknown) => void writes.push(`delete ${String(key)}`);
    db.settings.hook('creating').subscribe(created);
    db.settings.hook('updating').subscribe(updated);
    db.settings.hook('deleting').subscribe(deleted);
    expect(await syncEngagementHalfLife(db, locale, NOW)).toBeGreaterThan(0);
    expect(await recomputeNudges(db, { now: NOW, locale, all: true })).toMatchObject({ contacts: 1202, rebuilt: true });
    expect(writes).toEqual([]);
    expect(await db.settings.toArray()).toEqual(settingsBefore);
    expect((await db.engineState.toCollection().primaryKeys()).sort()).toEqual(['engagementHalfLife', 'leadFacts', 'stageStays']);
    expect((await db.engineState.get('engagementHalfLife'))!.value).toBe(10);
  });

  it('a rebuild under a new layout drops bucket rows of the old one', async () => {
    const many = bare(0, 700);
    await db.contacts.bulkAdd(many);
    await recomputeNudges(db, { now: NOW, locale });
    const ids = (await db.factBuckets.toArray()).map((b) => b.id);
    // Rows an older layout might have left, inside and past the contacts' range.
    await db.factBuckets.bulkPut([{ ...(await db.factBuckets.get(''))!, id: 'c000100' }, { ...(await db.factBuckets.get(''))!, id: 'zzz' }]);
    await db.factsDirty.put({ key: '*', token: 1 });
    await recomputeNudges(db, { now: NOW, locale });
    expect((await db.factBuckets.toArray()).map((b) => b.id)).toEqual(ids);
    expect(await db.nudges.count()).toBe(700);
  });

  it('buckets split as contacts arrive, and every contact keeps exactly its nudges', async () => {
    await db.contacts.bulkAdd(bare(0, 600));
    expect((await recomputeNudges(db, { now: NOW, locale })).contacts).toBe(600);
    expect((await db.factBuckets.toArray()).map((b) => b.ids.length)).toEqual([BUCKET_FILL, 600 - BUCKET_FILL]);
    // 1,500 more after them: they all land in the last bucket, which splits.
    await db.contacts.bulkAdd(bare(600, 1500));
    expect((await recomputeNudges(db, { now: NOW, locale })).contacts).toBe(1500);
    const buckets = await db.factBuckets.toArray();
    expect(buckets.length).toBeGreaterThan(2);
    expect(Math.max(...buckets.map((b) => b.ids.length))).toBeLessThanOrEqual(BUCKET_MAX);
    expect(buckets.flatMap((b) => b.ids).sort()).toEqual(bare(0, 2100).map((c) => c.id));
    // Each bucket's id bounds its contacts from below, and the next bucket's from above.
    buckets.forEach((b, i) => {
      for (const id of b.ids) {
        expect(id >= b.id).toBe(true);
        if (buckets[i + 1]) expect(id < buckets[i + 1]!.id).toBe(true);
      }
    });
    const nudges = await db.nudges.toArray();
    expect(nudges.filter((n) => n.kind === 'never_followed_up')).toHaveLength(2100);
    expect(new Set(nudges.map((n) => n.contactId)).size).toBe(2100);
    // A full pass afterwards finds nothing to change.
    const puts = vi.spyOn(db.nudges, 'bulkPut');
    expect((await recomputeNudges(db, { now: NOW, locale, all: true })).contacts).toBe(2100);
    expect(puts).not.toHaveBeenCalled();
  });
});
