// @vitest-environment node
process.env.TZ = 'Europe/Berlin'; // the summary is zone-free (plain epoch max/min); fixed anyway

import fc from 'fast-check';
import {
  emptySummary,
  FUTURE_TOLERANCE_MS,
  futureActivityDue,
  isInboundResponse,
  isOutboundTouch,
  summarize,
  summarizeAll,
  type ContactSummary,
  type SummaryActivity,
} from './activity-summary';
import { ACTIVITY_DEFAULTS, type ActivityKind } from './records';

const NOW = Date.UTC(2026, 2, 10, 12); // fixed
const H = 3_600_000;
const act = (kind: ActivityKind, at: number, extra: Partial<SummaryActivity> = {}): SummaryActivity => ({
  kind,
  ...ACTIVITY_DEFAULTS[kind],
  at,
  ...extra,
});
const fold = (acts: SummaryActivity[], now = NOW, start = emptySummary('c1', NOW - 100 * H)) =>
  acts.reduce((s, a) => summarize(s, a, now), start);

const TIMESTAMP_FIELDS = ['createdAt', 'firstOutboundAt', 'lastOutboundAt', 'lastInboundAt', 'lastEmailFrom', 'lastEmailAt', 'futureActivityAt'] as const;
const timestamps = (s: ContactSummary) => Object.fromEntries(TIMESTAMP_FIELDS.map((k) => [k, s[k]]));

describe('activity summary', () => {
  it('starts empty', () => {
    expect(emptySummary('c1', 5)).toEqual({
      contactId: 'c1',
      createdAt: 5,
      firstOutboundAt: null,
      lastOutboundAt: null,
      lastInboundAt: null,
      lastEmailFrom: null,
      lastEmailAt: null,
      outboundSinceInbound: 0,
      futureActivityAt: null,
    });
  });

  it('counts email, LinkedIn and calls as touches; notes, stage changes and meetings are not', () => {
    for (const k of ['email_out', 'linkedin_connect', 'linkedin_message', 'linkedin_inmail', 'call'] as const) {
      expect(isOutboundTouch(ACTIVITY_DEFAULTS[k])).toBe(true);
    }
    for (const k of ['note', 'stage_change', 'meeting', 'email_in'] as const) expect(isOutboundTouch(ACTIVITY_DEFAULTS[k])).toBe(false);
    expect(isOutboundTouch({ direction: 'out', channel: 'crm' })).toBe(false);
    expect(isInboundResponse({ kind: 'meeting', direction: 'none' })).toBe(true);
    expect(isInboundResponse({ kind: 'linkedin_message', direction: 'in' })).toBe(true);

    const s = fold([act('linkedin_connect', NOW - 50 * H), act('note', NOW - 45 * H), act('call', NOW - 40 * H), act('stage_change', NOW - 30 * H)]);
    expect(s).toMatchObject({ firstOutboundAt: NOW - 50 * H, lastOutboundAt: NOW - 40 * H, outboundSinceInbound: 2, lastEmailFrom: null, lastInboundAt: null });
  });

  it('tracks who wrote last in email and resets the touch count on a response', () => {
    let s = fold([act('email_out', NOW - 50 * H), act('email_out', NOW - 40 * H)]);
    expect(s).toMatchObject({ lastEmailFrom: 'rep', lastEmailAt: NOW - 40 * H, outboundSinceInbound: 2 });
    s = summarize(s, act('email_in', NOW - 30 * H), NOW);
    expect(s).toMatchObject({ lastEmailFrom: 'them', lastEmailAt: NOW - 30 * H, lastInboundAt: NOW - 30 * H, outboundSinceInbound: 0 });
    s = summarize(s, act('linkedin_message', NOW - 20 * H), NOW);
    expect(s).toMatchObject({ lastEmailFrom: 'them', outboundSinceInbound: 1, lastOutboundAt: NOW - 20 * H });
    s = summarize(s, act('meeting', NOW - 10 * H), NOW);
    expect(s).toMatchObject({ lastInboundAt: NOW - 10 * H, outboundSinceInbound: 0, lastEmailFrom: 'them' });
    // An older activity arriving late changes nothing it should not.
    s = summarize(s, act('email_out', NOW - 90 * H), NOW);
    expect(s).toMatchObject({ firstOutboundAt: NOW - 90 * H, lastOutboundAt: NOW - 20 * H, outboundSinceInbound: 0, lastEmailAt: NOW - 30 * H });
  });

  it('does not apply activities dated more than 5 minutes ahead, but flags them', () => {
    const ahead = NOW + 3 * 24 * H;
    let s = fold([act('email_out', NOW - 50 * H), act('email_in', ahead)]);
    expect(s).toMatchObject({ lastInboundAt: null, lastEmailFrom: 'rep', outboundSinceInbound: 1, futureActivityAt: ahead });
    expect(futureActivityDue(s, NOW)).toBe(false);
    expect(futureActivityDue(s, ahead)).toBe(true);
    // Within the tolerance it is applied.
    s = summarize(s, act('email_in', NOW + FUTURE_TOLERANCE_MS), NOW);
    expect(s).toMatchObject({ lastInboundAt: NOW + FUTURE_TOLERANCE_MS, futureActivityAt: ahead });
    s = summarize(s, act('email_in', NOW + FUTURE_TOLERANCE_MS + 1), NOW);
    expect(s.lastInboundAt).toBe(NOW + FUTURE_TOLERANCE_MS);
    // Once the clock catches up, a rebuild applies it.
    const later = summarizeAll('c1', 0, [act('email_out', NOW - 50 * H), act('email_in', ahead)], ahead);
    expect(later).toMatchObject({ lastInboundAt: ahead, futureActivityAt: null, outboundSinceInbound: 0 });
    // Two ahead: the earliest is flagged (the next to fall due); once it is applied, the later one is.
    const further = ahead + 24 * H;
    const two = [act('email_out', NOW - 50 * H), act('email_in', further), act('email_in', ahead)];
    expect(summarizeAll('c1', 0, two, NOW).futureActivityAt).toBe(ahead);
    expect(summarizeAll('c1', 0, two, ahead)).toMatchObject({ lastInboundAt: ahead, futureActivityAt: further });
  });

  it('ignores deleted activities', () => {
    const del = act('email_out', NOW - 10 * H, { deletedAt: NOW });
    const s = fold([act('email_in', NOW - 20 * H)]);
    expect(summarize(s, del, NOW)).toBe(s);
    expect(summarizeAll('c1', 0, [del], NOW).lastOutboundAt).toBeNull();
  });

  it('counts touches since an older inbound exactly only when folded in time order, as summarizeAll does', () => {
    const s = fold([act('email_out', NOW - 50 * H), act('email_out', NOW - 40 * H), act('email_out', NOW - 30 * H)]);
    const late = act('email_in', NOW - 45 * H);
    expect(summarize(s, late, NOW).outboundSinceInbound).toBe(1); // out of order: a lower bound
    const all = [late, act('email_out', NOW - 30 * H), act('email_out', NOW - 50 * H), act('email_out', NOW - 40 * H)];
    expect(summarizeAll('c1', 0, all, NOW).outboundSinceInbound).toBe(2);
  });

  it('breaks an email tie at the same millisecond in favour of the rep, in any order', () => {
    const a = [act('email_in', NOW - H), act('email_out', NOW - H)];
    expect(fold(a).lastEmailFrom).toBe('rep');
    expect(fold([...a].reverse()).lastEmailFrom).toBe('rep');
    expect(fold(a).outboundSinceInbound).toBe(fold([...a].reverse()).outboundSinceInbound);
  });

  // ---- properties -------------------------------------------------------------

  const KINDS = Object.keys(ACTIVITY_DEFAULTS) as ActivityKind[];
  const activity = fc
    .record({
      kind: fc.constantFrom(...KINDS),
      // Coarse times make ties likely; some land in the future.
      at: fc.integer({ min: -40, max: 10 }).map((h) => NOW + h * H),
      deleted: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      flip: fc.boolean(),
    })
    .map(({ kind, at, deleted, flip }) => {
      const d = ACTIVITY_DEFAULTS[kind];
      // Occasionally odd directions (an inbound call, a LinkedIn reply).
      const direction = flip && (kind === 'call' || kind === 'linkedin_message') ? ('in' as const) : d.direction;
      return { kind, direction, channel: d.channel, at, deletedAt: deleted ? NOW : null } satisfies SummaryActivity;
    });
  const activities = fc.array(activity, { maxLength: 30 });

  it('property: any order of the same activities gives the same timestamp fields', () => {
    fc.assert(
      fc.property(
        activities.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
        ([list, shuffled]) => {
          expect(timestamps(fold(shuffled))).toEqual(timestamps(fold(list)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('property: summarizeAll is order-free and counts exactly the touches after the latest response', () => {
    fc.assert(
      fc.property(
        activities.chain((list) => fc.tuple(fc.constant(list), fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }))),
        ([list, shuffled]) => {
        const a = summarizeAll('c1', 0, list, NOW);
        expect(summarizeAll('c1', 0, shuffled, NOW)).toEqual(a);
        const live = list.filter((x) => !x.deletedAt && x.at <= NOW + FUTURE_TOLERANCE_MS);
        const responses = live.filter((x) => isInboundResponse(x) && !isOutboundTouch(x)).map((x) => x.at);
        const latest = responses.length ? Math.max(...responses) : -Infinity;
        expect(a.outboundSinceInbound).toBe(live.filter((x) => isOutboundTouch(x) && x.at > latest).length);
        },
      ),
      { numRuns: 500 },
    );
  });
});
