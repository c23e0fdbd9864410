import type { ContactSummary } from './activity-summary';
import { bantCompleteness } from './bant';
import type { EngagementWeights } from './engagement';
import type { Nudge, NudgeDeal } from './nudges';
import { ActivityKindSchema, type ActivityKind, type Deal, type DealStatus } from './records';

// What the nudge engine needs to know about one contact, denormalised from the
// contact, its summary, its current deal and its company (as a fit score), and
// packed column-wise into buckets of about a thousand contacts. A whole-pipeline
// pass then reads a few hundred rows of Float64Arrays instead of 250,000
// objects: IndexedDB's cost is per row, and a typed array clones as one block.
// Pure: building facts, packing and unpacking, and the digest of a contact's
// nudges that lets a pass skip every contact whose nudges did not change.
// See docs/architecture.md, "The nudge facts and their change marker".

export interface LeadFacts {
  contactId: string;
  deleted: boolean;
  summary: ContactSummary;
  engagement: EngagementWeights;
  /** The deal nudges are about (the open one, else the latest), with its BANT reduced to a count. */
  deal: (NudgeDeal & { bantKnown: number }) | null;
  /** Fit points under the scoring rules the facts were built with; null without an open deal (nothing to be sales-ready for). */
  fit: number | null;
}

/** The deal a contact's nudges are about: an open one first, then the most recently updated. */
export function currentDeal(deals: readonly Deal[]): Deal | null {
  let best: Deal | null = null;
  for (const d of deals) {
    if (d.deletedAt !== null) continue;
    const open = (x: Deal) => x.status === 'open';
    if (!best || (open(d) && !open(best)) || (open(d) === open(best) && d.updatedAt > best.updatedAt)) best = d;
  }
  return best;
}

export function leadFacts(
  contact: { id: string; createdAt: number; deletedAt: number | null },
  summary: ContactSummary,
  engagement: EngagementWeights,
  deal: Deal | null,
  fit: number | null,
): LeadFacts {
  return {
    contactId: contact.id,
    deleted: contact.deletedAt !== null,
    summary: { ...summary, contactId: contact.id, createdAt: contact.createdAt },
    engagement,
    deal: deal && {
      id: deal.id,
      stageId: deal.stageId,
      status: deal.status,
      stageEnteredAt: deal.stageEnteredAt,
      valueMinor: deal.valueMinor,
      expectedCloseAt: deal.expectedCloseAt,
      bant: null,
      bantKnown: bantCompleteness(deal.bant),
      createdAt: deal.createdAt,
    },
    fit: deal?.status === 'open' ? fit : null,
  };
}

// ------------------------------------------------------------------ packing

const KINDS: readonly ActivityKind[] = ActivityKindSchema.options;
const STATUSES: readonly DealStatus[] = ['open', 'won', 'lost'];
const EMAIL_FROM = [null, 'them', 'rep'] as const;

// Column offsets within a contact's stretch of `num`; null is NaN.
const CREATED = 0;
const DELETED = 1;
const FIRST_OUT = 2;
const LAST_OUT = 3;
const LAST_IN = 4;
const EMAIL_BY = 5;
const LAST_EMAIL = 6;
const OUT_SINCE_IN = 7;
const FUTURE = 8;
const FIT = 9;
const ENG_REF = 10;
const ENG_HALF = 11;
const DEAL_STATUS = 12;
const STAGE_AT = 13;
const VALUE = 14;
const CLOSE_AT = 15;
const BANT_KNOWN = 16;
const DEAL_CREATED = 17;
const DIGEST = 18;
const IN_DIGEST = 19;
const WEIGHTS = 20;
export const STRIDE = WEIGHTS + KINDS.length;

export interface FactBucket {
  /** The lowest contact id this bucket may hold (inclusive); the first bucket's is ''. The next bucket's id bounds it above. */
  id: string;
  ids: string[];
  /** STRIDE numbers per contact, in the order of `ids`. */
  num: Float64Array;
  dealIds: (string | null)[];
  stageIds: (string | null)[];
}

export function emptyBucket(id: string): FactBucket {
  return { id, ids: [], num: new Float64Array(0), dealIds: [], stageIds: [] };
}

const n = (x: number | null | undefined) => (x === null || x === undefined ? NaN : x);
const orNull = (x: number) => (Number.isNaN(x) ? null : x);

function encodeInto(num: Float64Array, at: number, f: LeadFacts, digest: number): void {
  const s = f.summary;
  num[at + CREATED] = s.createdAt;
  num[at + DELETED] = f.deleted ? 1 : 0;
  num[at + FIRST_OUT] = n(s.firstOutboundAt);
  num[at + LAST_OUT] = n(s.lastOutboundAt);
  num[at + LAST_IN] = n(s.lastInboundAt);
  num[at + EMAIL_BY] = EMAIL_FROM.indexOf(s.lastEmailFrom);
  num[at + LAST_EMAIL] = n(s.lastEmailAt);
  num[at + OUT_SINCE_IN] = s.outboundSinceInbound;
  num[at + FUTURE] = n(s.futureActivityAt);
  num[at + FIT] = n(f.fit);
  num[at + ENG_REF] = f.engagement.ref;
  num[at + ENG_HALF] = f.engagement.halfLifeDays;
  const d = f.deal;
  num[at + DEAL_STATUS] = d ? STATUSES.indexOf(d.status) : NaN;
  num[at + STAGE_AT] = n(d?.stageEnteredAt);
  num[at + VALUE] = n(d?.valueMinor);
  num[at + CLOSE_AT] = n(d?.expectedCloseAt);
  num[at + BANT_KNOWN] = n(d?.bantKnown);
  num[at + DEAL_CREATED] = n(d?.createdAt);
  num[at + DIGEST] = digest;
  num[at + IN_DIGEST] = NaN;
  for (let k = 0; k < KINDS.length; k++) num[at + WEIGHTS + k] = n(f.engagement.weights[KINDS[k]!]);
}

/** The facts of the i-th contact of a bucket. */
export function factsAt(b: FactBucket, i: number): LeadFacts {
  const num = b.num;
  const at = i * STRIDE;
  const contactId = b.ids[i]!;
  const weights: EngagementWeights['weights'] = {};
  for (let k = 0; k < KINDS.length; k++) {
    const w = num[at + WEIGHTS + k]!;
    if (!Number.isNaN(w)) weights[KINDS[k]!] = w;
  }
  const status = num[at + DEAL_STATUS]!;
  const dealId = b.dealIds[i];
  return {
    contactId,
    deleted: num[at + DELETED] === 1,
    summary: {
      contactId,
      createdAt: num[at + CREATED]!,
      firstOutboundAt: orNull(num[at + FIRST_OUT]!),
      lastOutboundAt: orNull(num[at + LAST_OUT]!),
      lastInboundAt: orNull(num[at + LAST_IN]!),
      lastEmailFrom: EMAIL_FROM[num[at + EMAIL_BY]!] ?? null,
      lastEmailAt: orNull(num[at + LAST_EMAIL]!),
      outboundSinceInbound: num[at + OUT_SINCE_IN]!,
      futureActivityAt: orNull(num[at + FUTURE]!),
    },
    engagement: { ref: num[at + ENG_REF]!, halfLifeDays: num[at + ENG_HALF]!, weights },
    deal:
      dealId && !Number.isNaN(status)
        ? {
            id: dealId,
            stageId: b.stageIds[i] ?? '',
            status: STATUSES[status]!,
            stageEnteredAt: num[at + STAGE_AT]!,
            valueMinor: num[at + VALUE]!,
            expectedCloseAt: orNull(num[at + CLOSE_AT]!),
            bant: null,
            bantKnown: num[at + BANT_KNOWN]!,
            createdAt: num[at + DEAL_CREATED]!,
          }
        : null,
    fit: orNull(num[at + FIT]!),
  };
}

/** The digest of the nudges stored for the i-th contact (NaN: none stored yet). */
export function digestAt(b: FactBucket, i: number): number {
  return b.num[i * STRIDE + DIGEST]!;
}

export function setDigest(b: FactBucket, i: number, digest: number): void {
  b.num[i * STRIDE + DIGEST] = digest;
}

/** The digest of everything the i-th contact's nudges were last computed from (NaN: unknown). */
export function inputDigestAt(b: FactBucket, i: number): number {
  return b.num[i * STRIDE + IN_DIGEST]!;
}

export function setInputDigest(b: FactBucket, i: number, digest: number): void {
  b.num[i * STRIDE + IN_DIGEST] = digest;
}

/**
 * A 32-bit digest of the i-th contact's facts (the raw bits of its numbers,
 * its deal and stage ids), `extra` numbers and `seed`: the inputs of its
 * nudges. A pass that finds it unchanged skips computing that contact.
 */
export function inputDigest(b: FactBucket, i: number, seed: number, extra: readonly number[]): number {
  const words = new Int32Array(b.num.buffer, b.num.byteOffset + i * STRIDE * 8, STRIDE * 2);
  let h = seed | 0;
  for (let w = 0; w < words.length; w++) {
    // The two digests are outputs, not inputs.
    if (w >> 1 === DIGEST || w >> 1 === IN_DIGEST) continue;
    h = Math.imul(h ^ words[w]!, 16777619);
  }
  h = mixString(h, b.dealIds[i] ?? '');
  h = mixString(h, b.stageIds[i] ?? '');
  for (const x of extra) h = mixNumber(h, x);
  return h >>> 0;
}

/** A 32-bit digest of any JSON-able value: for the settings a whole pass shares. */
export function valueDigest(value: unknown): number {
  return mixString(2166136261, JSON.stringify(value) ?? '') >>> 0;
}

/** Packs a run of facts into a new bucket (the order given is kept; digests unknown). */
export function packBucket(id: string, facts: readonly LeadFacts[]): FactBucket {
  const num = new Float64Array(facts.length * STRIDE);
  facts.forEach((f, i) => encodeInto(num, i * STRIDE, f, NaN));
  return { id, ids: facts.map((f) => f.contactId), num, dealIds: facts.map((f) => f.deal?.id ?? null), stageIds: facts.map((f) => f.deal?.stageId ?? null) };
}

/**
 * A copy of the bucket with these facts put in (replacing a contact's old
 * facts, keeping the digest of its stored nudges) and these contacts taken out.
 */
export function updateBucket(b: FactBucket, put: readonly LeadFacts[], remove: Iterable<string> = []): FactBucket {
  const index = new Map(b.ids.map((id, i) => [id, i]));
  const gone = new Set(remove);
  const added = put.filter((f) => !index.has(f.contactId));
  const keep = b.ids.map((id) => !gone.has(id));
  const count = keep.filter(Boolean).length + added.length;
  const num = new Float64Array(count * STRIDE);
  const out: FactBucket = { id: b.id, ids: [], num, dealIds: [], stageIds: [] };
  const byId = new Map(put.map((f) => [f.contactId, f]));
  let j = 0;
  const place = (f: LeadFacts | undefined, from: number | null, id: string, dealId: string | null, stageId: string | null) => {
    if (f) encodeInto(num, j * STRIDE, f, from === null ? NaN : b.num[from * STRIDE + DIGEST]!);
    else num.set(b.num.subarray(from! * STRIDE, (from! + 1) * STRIDE), j * STRIDE);
    out.ids.push(id);
    out.dealIds.push(f ? (f.deal?.id ?? null) : dealId);
    out.stageIds.push(f ? (f.deal?.stageId ?? null) : stageId);
    j++;
  };
  b.ids.forEach((id, i) => {
    if (keep[i]) place(byId.get(id), i, id, b.dealIds[i] ?? null, b.stageIds[i] ?? null);
  });
  for (const f of added) if (!gone.has(f.contactId)) place(f, null, f.contactId, null, null);
  if (j < count) return { ...out, num: num.slice(0, j * STRIDE) };
  return out;
}

/** Splits a bucket over `max` contacts into id-ordered halves; the first keeps the bucket's id. */
export function splitBucket(b: FactBucket, maxSize: number): FactBucket[] {
  const max = Math.max(1, maxSize);
  if (b.ids.length <= max) return [b];
  const order = b.ids.map((_, i) => i).sort((x, y) => (b.ids[x]! < b.ids[y]! ? -1 : 1));
  const parts = Math.ceil(b.ids.length / Math.ceil(max / 2));
  const per = Math.ceil(b.ids.length / parts);
  const out: FactBucket[] = [];
  for (let p = 0; p < parts; p++) {
    const slice = order.slice(p * per, (p + 1) * per);
    if (slice.length === 0) continue;
    const num = new Float64Array(slice.length * STRIDE);
    slice.forEach((i, j) => num.set(b.num.subarray(i * STRIDE, (i + 1) * STRIDE), j * STRIDE));
    out.push({
      id: p === 0 ? b.id : b.ids[slice[0]!]!,
      ids: slice.map((i) => b.ids[i]!),
      num,
      dealIds: slice.map((i) => b.dealIds[i] ?? null),
      stageIds: slice.map((i) => b.stageIds[i] ?? null),
    });
  }
  return out;
}

/** The bucket (by its id, from the sorted list of bucket ids) that holds `contactId`. */
export function bucketFor(sortedBucketIds: readonly string[], contactId: string): string {
  let lo = 0;
  let hi = sortedBucketIds.length - 1;
  let found = '';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const id = sortedBucketIds[mid]!;
    if (id <= contactId) {
      found = id;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

// ------------------------------------------------------------------- digest

function mixString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return Math.imul(h ^ 0xff, 16777619);
}

function mixNumber(h: number, x: number): number {
  if (!Number.isInteger(x)) return mixString(h, String(x));
  // Epoch ms exceed 32 bits: mix the low and high halves.
  const lo = x % 4294967296 | 0;
  const hi = Math.floor(x / 4294967296) | 0;
  return Math.imul(Math.imul(h ^ lo, 16777619) ^ hi, 16777619);
}

/**
 * A 32-bit FNV-1a digest of a contact's nudges (ids, due times, priorities, why),
 * order-sensitive (nudges come sorted). Equal digests mean "nothing to write";
 * a collision (1 in 4 billion per changed contact) would delay an update to the
 * next change of that contact.
 */
export function nudgeDigest(nudges: readonly Nudge[]): number {
  let h = 2166136261;
  for (const x of nudges) {
    h = mixString(h, x.id);
    h = mixNumber(h, x.dueAt);
    h = mixNumber(h, x.priority);
    h = mixString(h, x.dealId ?? '');
    h = mixString(h, x.why.key);
    for (const k in x.why.params) {
      const v = x.why.params[k]!;
      h = mixString(h, k);
      h = typeof v === 'number' ? mixNumber(h, v) : mixString(h, v);
    }
  }
  return h >>> 0;
}
