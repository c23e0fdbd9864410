import fc from 'fast-check';
import { emptySummary, type ContactSummary } from './activity-summary';
import { emptyBant, type Bant, type BantState } from './bant';
import type { EngagementWeights } from './engagement';
import {
  bucketFor,
  currentDeal,
  digestAt,
  emptyBucket,
  factsAt,
  leadFacts,
  nudgeDigest,
  packBucket,
  setDigest,
  splitBucket,
  STRIDE,
  updateBucket,
  type FactBucket,
  type LeadFacts,
} from './lead-facts';
import { NUDGE_WHY_KEYS, type Nudge, type NudgeWhyKey } from './nudges';
import { ActivityKindSchema, type ActivityKind, type Deal, type DealStatus } from './records';

const T = Date.UTC(2026, 2, 2, 9); // epoch ms beyond 32 bits, as real timestamps are
const KINDS: readonly ActivityKind[] = ActivityKindSchema.options;
const BANT_STATES: readonly BantState[] = ['unknown', 'yes', 'no', 'partial'];

// ------------------------------------------------------------------ helpers

const mkDeal = (over: Partial<Deal> = {}): Deal => ({
  id: 'd1',
  createdAt: T,
  updatedAt: T,
  deletedAt: null,
  contactId: 'c1',
  companyId: null,
  title: 'Deal',
  stageId: 'contact',
  stageEnteredAt: T,
  status: 'open',
  valueMinor: 0,
  currency: 'EUR',
  owner: null,
  expectedCloseAt: null,
  closedAt: null,
  lostReason: null,
  bant: null,
  leadSource: null,
  ...over,
});

const bantWith = (states: readonly [BantState, BantState, BantState, BantState]): Bant => {
  const b = emptyBant();
  b.budget.state = states[0];
  b.authority.state = states[1];
  b.need.state = states[2];
  b.timeline.state = states[3];
  return b;
};

const contact = (id: string, createdAt = T, deletedAt: number | null = null) => ({ id, createdAt, deletedAt });
const ENG: EngagementWeights = { ref: T, halfLifeDays: 30, weights: { email_in: 1.5, meeting: 0.25 } };

/** Facts for a contact with a plain summary, given engagement and an optional deal. */
const facts = (id: string, over: { deal?: Deal | null; fit?: number | null; createdAt?: number; summary?: Partial<ContactSummary> } = {}): LeadFacts =>
  leadFacts(
    contact(id, over.createdAt ?? T),
    { ...emptySummary(id, over.createdAt ?? T), ...over.summary },
    ENG,
    over.deal ?? null,
    over.fit ?? null,
  );

const allFacts = (b: FactBucket): LeadFacts[] => b.ids.map((_, i) => factsAt(b, i));
const digests = (b: FactBucket): number[] => b.ids.map((_, i) => digestAt(b, i));

const nudge = (over: Partial<Nudge> = {}): Nudge => ({
  id: 'awaiting_reply:c1:1000',
  kind: 'awaiting_reply',
  contactId: 'c1',
  dealId: 'd1',
  why: { key: 'nudge.why.awaitingReply', params: { hours: 24, since: T } },
  dueAt: T + 86_400_000,
  priority: 1,
  ...over,
});

// ------------------------------------------------------------- arbitraries

const time = fc.integer({ min: 0, max: 2e12 });
const maybeTime = fc.option(time, { nil: null });
const idArb = fc.stringMatching(/^[a-z0-9]{1,12}$/);
const bantStates = fc.tuple(
  fc.constantFrom(...BANT_STATES),
  fc.constantFrom(...BANT_STATES),
  fc.constantFrom(...BANT_STATES),
  fc.constantFrom(...BANT_STATES),
);

const summaryArb: fc.Arbitrary<ContactSummary> = fc.record({
  contactId: fc.string(), // overridden by leadFacts with the contact's id
  createdAt: time, // overridden by leadFacts with the contact's createdAt
  firstOutboundAt: maybeTime,
  lastOutboundAt: maybeTime,
  lastInboundAt: maybeTime,
  lastEmailFrom: fc.constantFrom('them' as const, 'rep' as const, null),
  lastEmailAt: maybeTime,
  outboundSinceInbound: fc.integer({ min: 0, max: 50 }),
  futureActivityAt: maybeTime,
});

const weight = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });
const engagementArb: fc.Arbitrary<EngagementWeights> = fc.record({
  ref: time,
  halfLifeDays: fc.double({ min: 0.5, max: 3650, noNaN: true, noDefaultInfinity: true }),
  weights: fc.record(Object.fromEntries(KINDS.map((k) => [k, weight])) as Record<ActivityKind, fc.Arbitrary<number>>, { requiredKeys: [] }),
});

const dealArb: fc.Arbitrary<{ deal: Deal; states: readonly BantState[] | null }> = fc
  .record({
    id: idArb,
    stageId: idArb,
    status: fc.constantFrom<DealStatus>('open', 'won', 'lost'),
    createdAt: time,
    updatedAt: time,
    stageEnteredAt: time,
    valueMinor: fc.oneof(fc.integer({ min: 0, max: 1e9 }), fc.constant(Number.MAX_SAFE_INTEGER)),
    expectedCloseAt: maybeTime,
    states: fc.option(bantStates, { nil: null }),
  })
  .map(({ states, ...d }) => ({ deal: mkDeal({ ...d, bant: states && bantWith(states) }), states }));

const inputArb = fc.record({
  contact: fc.record({ id: idArb, createdAt: time, deletedAt: maybeTime }),
  summary: summaryArb,
  engagement: engagementArb,
  deal: fc.option(dealArb, { nil: null }),
  fit: fc.option(fc.oneof(fc.integer({ min: -100, max: 100 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })), { nil: null }),
});
type Input = typeof inputArb extends fc.Arbitrary<infer X> ? X : never;
const build = (x: Input): LeadFacts => leadFacts(x.contact, x.summary, x.engagement, x.deal?.deal ?? null, x.fit);

// -------------------------------------------------------------------- tests

describe('leadFacts', () => {
  it('takes the contact id, creation and deletion from the contact, not from the summary', () => {
    const f = leadFacts(contact('c9', T + 5, T + 7), emptySummary('other', 1), ENG, null, null);
    expect(f.contactId).toBe('c9');
    expect(f.deleted).toBe(true);
    expect(f.summary.contactId).toBe('c9');
    expect(f.summary.createdAt).toBe(T + 5);
    expect(leadFacts(contact('c9'), emptySummary('c9', T), ENG, null, null).deleted).toBe(false);
  });

  it('reduces the deal to what nudges need, BANT to a count, and keeps fit only for an open deal', () => {
    const d = mkDeal({
      id: 'd7',
      stageId: 'proposal',
      stageEnteredAt: T + 1,
      valueMinor: 12_345,
      expectedCloseAt: T + 2,
      createdAt: T - 3,
      bant: bantWith(['yes', 'unknown', 'partial', 'no']),
    });
    const f = leadFacts(contact('c1'), emptySummary('c1', T), ENG, d, 42);
    expect(f.deal).toEqual({
      id: 'd7',
      stageId: 'proposal',
      status: 'open',
      stageEnteredAt: T + 1,
      valueMinor: 12_345,
      expectedCloseAt: T + 2,
      bant: null,
      bantKnown: 3,
      createdAt: T - 3,
    });
    expect(f.fit).toBe(42);
    expect(leadFacts(contact('c1'), emptySummary('c1', T), ENG, { ...d, bant: null }, 42).deal!.bantKnown).toBe(0);
    expect(leadFacts(contact('c1'), emptySummary('c1', T), ENG, { ...d, status: 'won' }, 42).fit).toBeNull();
    expect(leadFacts(contact('c1'), emptySummary('c1', T), ENG, { ...d, status: 'lost' }, 42).fit).toBeNull();
    expect(leadFacts(contact('c1'), emptySummary('c1', T), ENG, null, 42)).toMatchObject({ deal: null, fit: null });
  });
});

describe('packBucket / factsAt', () => {
  it('has one stride of numbers per contact and no digest yet', () => {
    const b = packBucket('', [facts('a'), facts('b')]);
    expect(b.num.length).toBe(2 * STRIDE);
    expect(b.ids).toEqual(['a', 'b']);
    expect(digests(b)).toEqual([NaN, NaN]);
  });

  it('round-trips every field, in the order given', () => {
    const won = mkDeal({ id: 'dw', stageId: 'closing', status: 'won', valueMinor: 5, expectedCloseAt: null, bant: bantWith(['yes', 'yes', 'yes', 'yes']) });
    const list = [
      facts('z', { summary: { lastEmailFrom: 'them', lastEmailAt: T + 1, lastInboundAt: T + 1, outboundSinceInbound: 0 } }),
      facts('m', { deal: mkDeal({ expectedCloseAt: T + 9 }), fit: 0, summary: { lastEmailFrom: 'rep', firstOutboundAt: T, lastOutboundAt: T + 4, outboundSinceInbound: 3 } }),
      facts('a', { deal: won, fit: 17, summary: { futureActivityAt: T + 99 } }),
    ];
    const b = packBucket('', list);
    expect(allFacts(b)).toEqual(list);
    expect(factsAt(b, 0).summary.lastEmailFrom).toBe('them');
    expect(factsAt(b, 1).summary.lastEmailFrom).toBe('rep');
    expect(factsAt(b, 1).fit).toBe(0); // zero is a fit, not "none"
    expect(factsAt(b, 2).summary.lastEmailFrom).toBeNull();
    expect(factsAt(b, 2).deal).toMatchObject({ id: 'dw', status: 'won', bantKnown: 4, expectedCloseAt: null });
    expect(factsAt(b, 2).fit).toBeNull();
    expect(factsAt(b, 0).engagement.weights).toEqual({ email_in: 1.5, meeting: 0.25 });
    expect(Object.keys(factsAt(b, 0).engagement.weights).sort()).toEqual(['email_in', 'meeting']);
  });

  it('keeps a zero weight and leaves absent kinds absent', () => {
    const eng: EngagementWeights = { ref: 0, halfLifeDays: 7, weights: { call: 0, note: 2 } };
    const f = leadFacts(contact('c1'), emptySummary('c1', T), eng, null, null);
    const back = factsAt(packBucket('', [f]), 0);
    expect(back.engagement).toEqual(eng);
    expect('email_in' in back.engagement.weights).toBe(false);
    expect(back.engagement.weights.call).toBe(0);
  });

  it('round-trips generated facts: factsAt(packBucket(...), i) equals leadFacts(...)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(inputArb, { selector: (x) => x.contact.id, minLength: 1, maxLength: 8 }), idArb, (inputs, bucketId) => {
        const list = inputs.map(build);
        const b = packBucket(bucketId, list);
        expect(b.id).toBe(bucketId);
        expect(b.ids).toEqual(inputs.map((x) => x.contact.id));
        inputs.forEach((x, i) => {
          const back = factsAt(b, i);
          expect(back).toEqual(list[i]);
          // And the expectations themselves, independently of leadFacts:
          expect(back.summary).toEqual({ ...x.summary, contactId: x.contact.id, createdAt: x.contact.createdAt });
          expect(back.deleted).toBe(x.contact.deletedAt !== null);
          expect(back.engagement).toEqual(x.engagement);
          expect(Object.keys(back.engagement.weights).sort()).toEqual(Object.keys(x.engagement.weights).sort());
          if (x.deal === null) {
            expect(back.deal).toBeNull();
            expect(back.fit).toBeNull();
          } else {
            const d = x.deal.deal;
            expect(back.deal).toEqual({
              id: d.id,
              stageId: d.stageId,
              status: d.status,
              stageEnteredAt: d.stageEnteredAt,
              valueMinor: d.valueMinor,
              expectedCloseAt: d.expectedCloseAt,
              bant: null,
              bantKnown: x.deal.states ? x.deal.states.filter((s) => s !== 'unknown').length : 0,
              createdAt: d.createdAt,
            });
            expect(back.fit).toBe(d.status === 'open' ? x.fit : null);
          }
        });
      }),
    );
  });
});

describe('currentDeal', () => {
  it('is null without deals, or when all are deleted', () => {
    expect(currentDeal([])).toBeNull();
    expect(currentDeal([mkDeal({ deletedAt: T }), mkDeal({ id: 'd2', status: 'won', deletedAt: T })])).toBeNull();
  });

  it('prefers an open deal over a more recently updated closed one', () => {
    const open = mkDeal({ id: 'open', updatedAt: T });
    const won = mkDeal({ id: 'won', status: 'won', updatedAt: T + 100 });
    expect(currentDeal([won, open])!.id).toBe('open');
    expect(currentDeal([open, won])!.id).toBe('open');
  });

  it('takes the most recently updated among open, or among closed', () => {
    const o1 = mkDeal({ id: 'o1', updatedAt: T + 1 });
    const o3 = mkDeal({ id: 'o3', updatedAt: T + 3 });
    const o2 = mkDeal({ id: 'o2', updatedAt: T + 2 });
    expect(currentDeal([o1, o3, o2])!.id).toBe('o3');
    const won = mkDeal({ id: 'won', status: 'won', updatedAt: T + 2 });
    const lost = mkDeal({ id: 'lost', status: 'lost', updatedAt: T + 4 });
    expect(currentDeal([lost, won])!.id).toBe('lost');
    expect(currentDeal([won, lost])!.id).toBe('lost');
  });

  it('ignores deleted deals, even open or newer ones', () => {
    const gone = mkDeal({ id: 'gone', updatedAt: T + 50, deletedAt: T + 50 });
    const lost = mkDeal({ id: 'lost', status: 'lost', updatedAt: T });
    expect(currentDeal([gone, lost])!.id).toBe('lost');
    const old = mkDeal({ id: 'old', updatedAt: T });
    expect(currentDeal([old, gone])!.id).toBe('old');
  });

  it('property: a live deal, open when one is, with the latest update among its kind', () => {
    const arb = fc.array(
      fc.record({ status: fc.constantFrom<DealStatus>('open', 'won', 'lost'), updatedAt: fc.integer({ min: 0, max: 20 }), deleted: fc.boolean() }),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(arb, (spec) => {
        const deals = spec.map((s, i) => mkDeal({ id: `d${i}`, status: s.status, updatedAt: s.updatedAt, deletedAt: s.deleted ? 1 : null }));
        const live = deals.filter((d) => d.deletedAt === null);
        const got = currentDeal(deals);
        if (live.length === 0) {
          expect(got).toBeNull();
          return;
        }
        expect(got).not.toBeNull();
        expect(got!.deletedAt).toBeNull();
        const pool = live.some((d) => d.status === 'open') ? live.filter((d) => d.status === 'open') : live;
        expect(pool).toContain(got);
        expect(got!.updatedAt).toBe(Math.max(...pool.map((d) => d.updatedAt)));
      }),
    );
  });
});

describe('updateBucket', () => {
  const base = () => {
    const b = packBucket('', [
      facts('a', { deal: mkDeal({ id: 'da', stageId: 'meeting' }), fit: 5 }),
      facts('b', { deal: mkDeal({ id: 'db', stageId: 'proposal' }), fit: 6 }),
      facts('c'),
    ]);
    setDigest(b, 0, 11);
    setDigest(b, 1, 22);
    setDigest(b, 2, 33);
    return b;
  };
  const snapshot = (b: FactBucket) => ({ id: b.id, ids: [...b.ids], num: Array.from(b.num), dealIds: [...b.dealIds], stageIds: [...b.stageIds] });

  it('replaces a contact’s facts and keeps the digest of its stored nudges', () => {
    const b = base();
    const b2 = facts('b', { deal: mkDeal({ id: 'dx', stageId: 'closing', status: 'lost' }), fit: 9, summary: { lastEmailFrom: 'them', lastEmailAt: T + 5 } });
    const out = updateBucket(b, [b2]);
    expect(out.ids).toEqual(['a', 'b', 'c']);
    expect(factsAt(out, 1)).toEqual(b2);
    expect(out.dealIds).toEqual(['da', 'dx', null]);
    expect(out.stageIds).toEqual(['meeting', 'closing', null]);
    expect(digests(out)).toEqual([11, 22, 33]);
    expect(factsAt(out, 0)).toEqual(factsAt(b, 0));
    expect(factsAt(out, 2)).toEqual(factsAt(b, 2));
  });

  it('drops a replaced contact’s deal when it no longer has one', () => {
    const out = updateBucket(base(), [facts('a')]);
    expect(factsAt(out, 0).deal).toBeNull();
    expect(out.dealIds[0]).toBeNull();
    expect(out.stageIds[0]).toBeNull();
    expect(digestAt(out, 0)).toBe(11);
  });

  it('adds new contacts at the end with an unknown (NaN) digest', () => {
    const d = facts('d', { deal: mkDeal({ id: 'dd', stageId: 'contact' }), fit: 1 });
    const out = updateBucket(base(), [d]);
    expect(out.ids).toEqual(['a', 'b', 'c', 'd']);
    expect(out.num.length).toBe(4 * STRIDE);
    expect(factsAt(out, 3)).toEqual(d);
    expect(digestAt(out, 3)).toBeNaN();
    expect(digests(out).slice(0, 3)).toEqual([11, 22, 33]);
    expect(out.dealIds[3]).toBe('dd');
  });

  it('removes contacts, keeping the others with their digests', () => {
    const b = base();
    const out = updateBucket(b, [], ['b', 'not-there']);
    expect(out.ids).toEqual(['a', 'c']);
    expect(out.num.length).toBe(2 * STRIDE);
    expect(digests(out)).toEqual([11, 33]);
    expect(allFacts(out)).toEqual([factsAt(b, 0), factsAt(b, 2)]);
    expect(out.dealIds).toEqual(['da', null]);
    expect(out.stageIds).toEqual(['meeting', null]);
    expect(updateBucket(b, [], new Set(['a', 'b', 'c'])).ids).toEqual([]);
  });

  it('removes a contact that is both put and removed, whether it was there or new', () => {
    const b = base();
    const out = updateBucket(b, [facts('b', { fit: 99 }), facts('n')], ['b', 'n']);
    expect(out.ids).toEqual(['a', 'c']);
    expect(out.num.length).toBe(2 * STRIDE);
    expect(digests(out)).toEqual([11, 33]);
    expect(out.dealIds).toEqual(['da', null]);
  });

  it('does not change the bucket it is given, nor share its numbers', () => {
    const b = base();
    const before = snapshot(b);
    const out = updateBucket(b, [facts('a', { fit: 1 }), facts('q')], ['c']);
    expect(snapshot(b)).toEqual(before);
    setDigest(out, 0, 777);
    expect(digestAt(b, 0)).toBe(11);
    const same = updateBucket(b, []);
    expect(snapshot(same)).toEqual(before);
    expect(same.num).not.toBe(b.num);
    expect(same.ids).not.toBe(b.ids);
  });

  it('fills an empty bucket', () => {
    const out = updateBucket(emptyBucket('k'), [facts('k1'), facts('k2')]);
    expect(out.id).toBe('k');
    expect(out.ids).toEqual(['k1', 'k2']);
    expect(digests(out)).toEqual([NaN, NaN]);
  });

  it('property: matches a map of contacts (put replaces or appends, remove wins, digests follow the contact)', () => {
    const ids = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    const arb = fc.record({
      initial: fc.uniqueArray(fc.tuple(ids, inputArb), { selector: (x) => x[0], maxLength: 6 }),
      put: fc.uniqueArray(fc.tuple(ids, inputArb), { selector: (x) => x[0], maxLength: 6 }),
      remove: fc.uniqueArray(ids, { maxLength: 4 }),
    });
    fc.assert(
      fc.property(arb, ({ initial, put, remove }) => {
        const mk = ([id, x]: [string, Input]) => build({ ...x, contact: { ...x.contact, id } });
        const start = initial.map(mk);
        const b = packBucket('', start);
        start.forEach((_, i) => setDigest(b, i, i + 1));
        const before = snapshot(b);
        const putFacts = put.map(mk);
        const out = updateBucket(b, putFacts, remove);

        const gone = new Set<string>(remove);
        const byId = new Map(putFacts.map((f) => [f.contactId, f]));
        const expected: { f: LeadFacts; digest: number }[] = [];
        start.forEach((f, i) => {
          if (!gone.has(f.contactId)) expected.push({ f: byId.get(f.contactId) ?? f, digest: i + 1 });
        });
        const had = new Set(start.map((f) => f.contactId));
        for (const f of putFacts) if (!had.has(f.contactId) && !gone.has(f.contactId)) expected.push({ f, digest: NaN });

        expect(out.ids).toEqual(expected.map((e) => e.f.contactId));
        expect(out.num.length).toBe(expected.length * STRIDE);
        expect(allFacts(out)).toEqual(expected.map((e) => e.f));
        expect(digests(out)).toEqual(expected.map((e) => e.digest));
        expect(out.dealIds).toEqual(expected.map((e) => e.f.deal?.id ?? null));
        expect(out.stageIds).toEqual(expected.map((e) => e.f.deal?.stageId ?? null));
        expect(snapshot(b)).toEqual(before);
      }),
    );
  });
});

describe('splitBucket', () => {
  const bucketOf = (id: string, ids: readonly string[]) => {
    const b = packBucket(
      id,
      ids.map((c, i) => facts(c, { deal: i % 2 === 0 ? mkDeal({ id: `deal-${c}`, stageId: `stage-${c}` }) : null, fit: i, createdAt: T + i })),
    );
    ids.forEach((_, i) => setDigest(b, i, 1000 + i));
    return b;
  };

  it('returns the very bucket when it is not over max', () => {
    const b = bucketOf('m', ['m3', 'm1', 'm2']);
    const parts = splitBucket(b, 3);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toBe(b);
    expect(splitBucket(b, 10)[0]).toBe(b);
    const empty = emptyBucket('');
    expect(splitBucket(empty, 1)).toEqual([empty]);
  });

  it('splits into id-ordered parts; the first keeps the bucket id, the others take their smallest contact id', () => {
    const b = bucketOf('', ['e', 'a', 'd', 'b', 'c']);
    const parts = splitBucket(b, 4);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.ids.length <= 4 && p.ids.length > 0)).toBe(true);
    expect(parts.flatMap((p) => p.ids)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(parts[0]!.id).toBe('');
    for (const p of parts.slice(1)) expect(p.id).toBe(p.ids[0]);
  });

  it('property: no contact lost or duplicated, each part ≤ max and sorted, facts and digests carried along', () => {
    const arb = fc.record({
      ids: fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 60 }),
      max: fc.integer({ min: 1, max: 70 }),
      lowestAsBucketId: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ({ ids, max, lowestAsBucketId }) => {
        // A bucket's id is at most its smallest contact id: '' (the first bucket) or exactly that id.
        const bucketId = lowestAsBucketId ? [...ids].sort()[0]! : '';
        const b = bucketOf(bucketId, ids);
        const byId = new Map(ids.map((id, i) => [id, { f: factsAt(b, i), digest: digestAt(b, i) }]));
        const parts = splitBucket(b, max);
        if (ids.length <= max) {
          expect(parts).toEqual([b]);
          return;
        }
        expect(parts.length).toBeGreaterThan(1);
        const sorted = [...ids].sort();
        expect(parts.flatMap((p) => p.ids)).toEqual(sorted);
        expect(parts[0]!.id).toBe(bucketId);
        parts.forEach((p, k) => {
          expect(p.ids.length).toBeGreaterThan(0);
          expect(p.ids.length).toBeLessThanOrEqual(max);
          expect(p.num.length).toBe(p.ids.length * STRIDE);
          if (k > 0) expect(p.id).toBe(p.ids[0]);
          p.ids.forEach((id, i) => {
            expect(factsAt(p, i)).toEqual(byId.get(id)!.f);
            expect(digestAt(p, i)).toBe(byId.get(id)!.digest);
            expect(p.dealIds[i]).toBe(byId.get(id)!.f.deal?.id ?? null);
            expect(p.stageIds[i]).toBe(byId.get(id)!.f.deal?.stageId ?? null);
          });
        });
        // The parts' ids, with the original, route every contact back to its part.
        const bucketIds = parts.map((p) => p.id);
        for (const p of parts) for (const id of p.ids) expect(bucketFor(bucketIds, id)).toBe(p.id);
      }),
    );
  });
});

describe('bucketFor', () => {
  const buckets = ['', 'c', 'm', 'x'];

  it('sends ids below the second bucket to the first one', () => {
    expect(bucketFor(buckets, 'a')).toBe('');
    expect(bucketFor(buckets, 'bzzz')).toBe('');
    expect(bucketFor(buckets, '')).toBe('');
  });

  it('sends an exact boundary to that bucket and ids between to the lower one', () => {
    expect(bucketFor(buckets, 'c')).toBe('c');
    expect(bucketFor(buckets, 'c0')).toBe('c');
    expect(bucketFor(buckets, 'lzz')).toBe('c');
    expect(bucketFor(buckets, 'm')).toBe('m');
    expect(bucketFor(buckets, 'x')).toBe('x');
  });

  it('sends ids beyond the last bucket to the last one', () => {
    expect(bucketFor(buckets, 'xa')).toBe('x');
    expect(bucketFor(buckets, 'zzzz')).toBe('x');
  });

  it('works with a single bucket', () => {
    expect(bucketFor([''], 'anything')).toBe('');
  });

  it('property: the largest bucket id ≤ the contact id', () => {
    const arb = fc
      .uniqueArray(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 40 })
      .map((a) => ['', ...a.sort()])
      .chain((ids) => fc.tuple(fc.constant(ids), fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...ids))));
    fc.assert(
      fc.property(arb, ([ids, contactId]) => {
        const expected = ids.filter((id) => id <= contactId).reduce((m, id) => (id > m ? id : m), '');
        expect(bucketFor(ids, contactId)).toBe(expected);
      }),
    );
  });
});

describe('nudgeDigest', () => {
  const d0 = nudgeDigest([nudge()]);

  it('is equal for equal lists (fresh objects), and stable for the empty list', () => {
    expect(nudgeDigest([nudge()])).toBe(d0);
    expect(nudgeDigest([nudge(), nudge({ id: 'x' })])).toBe(nudgeDigest([nudge(), nudge({ id: 'x' })]));
    expect(nudgeDigest([])).toBe(nudgeDigest([]));
    expect(nudgeDigest([])).toBe(2166136261); // the FNV offset basis: nothing mixed in
    expect(nudgeDigest([])).not.toBe(d0);
  });

  it('changes with the id, due time, priority and deal', () => {
    expect(nudgeDigest([nudge({ id: 'awaiting_reply:c1:1001' })])).not.toBe(d0);
    expect(nudgeDigest([nudge({ dueAt: T + 86_400_001 })])).not.toBe(d0);
    expect(nudgeDigest([nudge({ priority: 2 })])).not.toBe(d0);
    expect(nudgeDigest([nudge({ dealId: 'd2' })])).not.toBe(d0);
    expect(nudgeDigest([nudge({ dealId: null })])).not.toBe(d0);
  });

  it('changes when only the high 32 bits of the due time change', () => {
    const due = nudge().dueAt;
    expect(due).toBeGreaterThan(2 ** 32);
    expect(nudgeDigest([nudge({ dueAt: due + 2 ** 32 })])).not.toBe(d0);
    expect(nudgeDigest([nudge({ dueAt: due - 2 ** 32 })])).not.toBe(d0);
    expect(nudgeDigest([nudge({ dueAt: 5 })])).not.toBe(nudgeDigest([nudge({ dueAt: 5 + 2 ** 32 })]));
  });

  it('changes with the why key and each param value, of any type', () => {
    const why = (params: Record<string, string | number>, key: NudgeWhyKey = 'nudge.why.awaitingReply') => nudgeDigest([nudge({ why: { key, params } })]);
    const base = why({ hours: 24, since: T });
    expect(base).toBe(d0);
    expect(why({ hours: 24, since: T }, 'nudge.why.goneQuiet')).not.toBe(base);
    expect(why({ hours: 25, since: T })).not.toBe(base);
    expect(why({ hours: 24, since: T + 1 })).not.toBe(base);
    expect(why({ hours: 24, since: T + 2 ** 32 })).not.toBe(base);
    expect(why({ factor: 1.5 })).not.toBe(why({ factor: 1.2 }));
    expect(why({ factor: 1.2 })).not.toBe(why({ factor: 1.4 })); // not rounded or truncated away
    expect(why({ factor: 0.1 })).not.toBe(why({ factor: 0.2 }));
    expect(why({ factor: 2 })).not.toBe(why({ factor: 2.000001 }));
    expect(why({ factor: 1.5 })).toBe(why({ factor: 1.5 }));
    expect(why({ missing: 'bant, value' })).not.toBe(why({ missing: 'bant' }));
    expect(why({ missing: 'bant' })).not.toBe(why({ missing: 'value' }));
    expect(why({ hours: 24 })).not.toBe(why({ hourz: 24 }));
    expect(why({ hours: 24, since: T })).not.toBe(why({ hours: 24 }));
    expect(why({})).not.toBe(base);
  });

  it('is order-sensitive', () => {
    const a = nudge({ id: 'a' });
    const b = nudge({ id: 'b', priority: 3 });
    expect(nudgeDigest([a, b])).not.toBe(nudgeDigest([b, a]));
    expect(nudgeDigest([a, b])).not.toBe(nudgeDigest([a]));
    expect(nudgeDigest([a, a])).not.toBe(nudgeDigest([a]));
  });

  it('property: an unsigned 32-bit integer, deterministic, changed by any one due-time change', () => {
    const nudgeArb = fc.record({
      id: fc.string({ maxLength: 30 }),
      dueAt: fc.integer({ min: 0, max: 2e12 }),
      priority: fc.integer({ min: 1, max: 5 }),
      dealId: fc.option(idArb, { nil: null }),
      key: fc.constantFrom(...NUDGE_WHY_KEYS),
      params: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.oneof(fc.integer(), fc.double({ noNaN: true }), fc.string({ maxLength: 10 })), {
        maxKeys: 4,
      }),
    });
    const toNudge = (x: typeof nudgeArb extends fc.Arbitrary<infer R> ? R : never): Nudge =>
      nudge({ id: x.id, dueAt: x.dueAt, priority: x.priority, dealId: x.dealId, why: { key: x.key, params: x.params } });
    fc.assert(
      fc.property(fc.array(nudgeArb, { minLength: 1, maxLength: 6 }), fc.nat(), fc.integer({ min: 1, max: 2 ** 40 }), (list, pick, delta) => {
        const nudges = list.map(toNudge);
        const h = nudgeDigest(nudges);
        expect(Number.isInteger(h)).toBe(true);
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThan(2 ** 32);
        expect(nudgeDigest(list.map(toNudge))).toBe(h);
        // One due time changed: when only one of its 32-bit halves changes the digest must differ
        // (each step of the hash is a bijection); when both do, a collision is a 1 in 2^32 chance.
        const i = pick % nudges.length;
        const changed = nudges.map((x, j) => (j === i ? { ...x, dueAt: x.dueAt + delta } : x));
        expect(nudgeDigest(changed)).not.toBe(h);
      }),
    );
  });
});
