import type { SidecarDb, StoredSummary } from '../db';
import { engagementFromWeights } from '../domain/engagement';
import {
  digestAt,
  factsAt,
  inputDigest,
  inputDigestAt,
  nudgeDigest,
  packBucket,
  setDigest,
  setInputDigest,
  valueDigest,
  type FactBucket,
  type LeadFacts,
} from '../domain/lead-facts';
import { isActive, NUDGE_PRIORITY, NUDGE_RULES_VERSION, snoozeUntil, stageIntervals, stageStats, upcomingNudges, type Nudge, type SnoozeOption, type StageStat } from '../domain/nudges';
import type { Contact, NudgeState } from '../domain/records';
import type { Settings } from '../domain/settings';
import { contactPages, readContactPage } from './contact-pages';
import { whereAnyOf } from './index-reads';
import { BUCKET_FILL, bucketIds, clearDirty, factsForContacts, factsKey, factsMeta, goneFacts, readDirty, refreshedBuckets, setFactsMeta } from './lead-facts';
import { CompanyCache } from './scores';
import { loadSettings } from './settings';

const STAYS_KEY = 'stageStays';
const MAX_STAYS = 500;

/** Finished stays per stage, most recent last: kept as deals move, so stage medians never read the whole history. */
type Stays = Record<string, number[]>;

/** Records a finished stay (a deal leaving `stageId` after `ms`), inside the caller's transaction (needs settings). */
export async function recordStay(db: SidecarDb, stageId: string, ms: number, now: number): Promise<void> {
  if (!(ms >= 0)) return;
  const row = await db.settings.get(STAYS_KEY);
  if (!row) return; // not built yet: the first computeStageStats builds it from the history, this stay included
  const stays = row.value as Stays;
  const list = [...(stays[stageId] ?? []), ms].slice(-MAX_STAYS);
  await db.settings.put({ key: STAYS_KEY, value: { ...stays, [stageId]: list }, updatedAt: now });
}

/** Median time per stage: from the kept stays, built once from the insert-only history. */
export async function computeStageStats(db: SidecarDb): Promise<Map<string, StageStat>> {
  let row = await db.settings.get(STAYS_KEY);
  if (!row) {
    const stays: Stays = {};
    for (const s of await historyStays(db)) (stays[s.stageId] ??= []).push(s.ms);
    for (const k of Object.keys(stays)) stays[k] = stays[k]!.slice(-MAX_STAYS);
    row = { key: STAYS_KEY, value: stays, updatedAt: Date.now() };
    await db.settings.put(row);
  }
  return stageStats(Object.entries(row.value as Stays).flatMap(([stageId, list]) => list.map((ms) => ({ stageId, ms }))));
}

/** Every finished stay in the stage history, walked deal by deal in time order. */
async function historyStays(db: SidecarDb): Promise<{ stageId: string; ms: number }[]> {
  const changes: { dealId: string; toStageId: string; at: number; status: 'open' | 'won' | 'lost' }[] = [];
  await db.stageChanges.orderBy('[dealId+at]').each((c) => {
    changes.push({ dealId: c.dealId, toStageId: c.toStageId, at: c.at, status: c.status });
  });
  return [...stageIntervals(changes)];
}

/** What every contact's computation shares in one pass. */
interface PassContext {
  settings: Settings;
  stageOrder: string[];
  stats: ReadonlyMap<string, StageStat>;
  now: number;
  /** Digest of everything global the nudges depend on: rules version, nudge settings, threshold, stage order. */
  seed: number;
}

function passContext(settings: Settings, stats: ReadonlyMap<string, StageStat>, now: number): PassContext {
  const stageOrder = settings.stages.map((s) => s.id);
  const seed = valueDigest([NUDGE_RULES_VERSION, settings.nudges, settings.scoring.threshold, stageOrder]);
  return { settings, stageOrder, stats, now, seed };
}

function salesReadyOf(f: LeadFacts, ctx: PassContext): false | { score: number; threshold: number } {
  if (f.fit === null) return false;
  const { scoring } = ctx.settings;
  const score = f.fit + engagementFromWeights(f.engagement, scoring.engagement.points, scoring.engagement.maxPerKind, ctx.now);
  return score >= scoring.threshold ? { score, threshold: scoring.threshold } : false;
}

/**
 * The i-th contact's nudges, unless the digest of their inputs (its facts, the
 * shared seed, its stage's median, whether it is sales-ready now) is the one
 * they were last computed from: then null, nothing to do. Nudges depend on
 * time only through sales-readiness (score decay), which is in the digest.
 */
function evaluate(b: FactBucket, i: number, ctx: PassContext): { input: number; nudges: Nudge[] | null } {
  const f = factsAt(b, i);
  const ready = salesReadyOf(f, ctx);
  const stat = f.deal ? ctx.stats.get(f.deal.stageId) : undefined;
  const input = inputDigest(b, i, ctx.seed, [ready ? 1 : 0, stat?.median ?? -1, stat?.samples ?? -1]);
  if (input === inputDigestAt(b, i)) return { input, nudges: null };
  return { input, nudges: nudgesFromFacts(f, ready, ctx) };
}

/** A contact's nudges (due or not) from its packed facts: sales-ready from the stored fit + decayed engagement. */
function nudgesFromFacts(f: LeadFacts, salesReady: false | { score: number; threshold: number }, ctx: PassContext): Nudge[] {
  if (f.deleted) return [];
  return upcomingNudges({
    contact: { id: f.contactId, createdAt: f.summary.createdAt },
    summary: f.summary,
    deal: f.deal,
    stageOrder: ctx.stageOrder,
    stats: ctx.stats,
    salesReady,
    settings: ctx.settings.nudges,
    now: ctx.now,
  });
}

interface BucketJob {
  b: FactBucket;
  /** Just these contacts (after a write); all of the bucket's when absent. */
  only?: ReadonlySet<string>;
  /** The bucket's facts are new: write it even if no nudge changed. */
  write?: boolean;
  /** The next bucket's id, which bounds this one's contact ids; null for the last. */
  upper: string | null;
}

/**
 * Computes the nudges of a few buckets' contacts and stores what changed, in
 * one transaction. A contact whose inputs' digest held is skipped; one whose
 * nudges hash to the digest kept for it is not written. So a pass over an
 * unchanged pipeline reads the buckets and writes nothing, and a pass where a
 * few contacts changed writes just those (and their buckets, for the digests).
 */
async function passBuckets(db: SidecarDb, jobs: readonly BucketJob[], ctx: PassContext, tally: PassTally): Promise<void> {
  const work = jobs.map((job) => {
    const { b, only } = job;
    const changed: { i: number; nudges: Nudge[]; digest: number }[] = [];
    for (let i = 0; i < b.ids.length; i++) {
      if (only && !only.has(b.ids[i]!)) continue;
      tally.contacts++;
      const { input, nudges } = evaluate(b, i, ctx);
      if (nudges === null) continue;
      tally.computed++;
      // Kept in memory; stored only if the bucket is written anyway (a write for nothing costs more than computing again).
      setInputDigest(b, i, input);
      const digest = nudgeDigest(nudges);
      if (digest !== digestAt(b, i)) changed.push({ i, nudges, digest });
    }
    tally.changed += changed.length;
    return { job, changed };
  });
  const writes = work.filter((w) => w.changed.length > 0 || w.job.write);
  if (writes.length === 0) return;
  await db.transaction('rw', db.nudges, db.factBuckets, async () => {
    const few: string[] = [];
    const reads: Promise<Nudge[]>[] = [];
    for (const { job, changed } of writes) {
      const { b, upper } = job;
      // Many changed (a bucket seen for the first time): one range read of the bucket's contacts beats a lookup each.
      if (changed.length > 64) reads.push((upper === null ? db.nudges.where('contactId').aboveOrEqual(b.id) : db.nudges.where('contactId').between(b.id, upper, true, false)).toArray());
      else few.push(...changed.map((c) => b.ids[c.i]!));
    }
    if (few.length) reads.push(whereAnyOf(db.nudges, 'contactId', few));
    const mine = new Set(writes.flatMap(({ job, changed }) => changed.map((c) => job.b.ids[c.i]!)));
    const stored = (await Promise.all(reads)).flat().filter((n) => mine.has(n.contactId));
    const fresh = writes.flatMap(({ changed }) => changed.flatMap((c) => c.nudges));
    const keep = new Set(fresh.map((n) => n.id));
    const old = new Map(stored.map((n) => [n.id, JSON.stringify(n)]));
    const gone = stored.filter((n) => !keep.has(n.id)).map((n) => n.id);
    const put = fresh.filter((n) => old.get(n.id) !== JSON.stringify(n));
    if (gone.length) await db.nudges.bulkDelete(gone);
    if (put.length) await db.nudges.bulkPut(put);
    for (const { job, changed } of writes) for (const c of changed) setDigest(job.b, c.i, c.digest);
    await db.factBuckets.bulkPut(writes.map((w) => w.job.b));
  });
}

/**
 * The first pass, or after the facts' rules changed: facts built from the
 * source tables, a page of contacts at a time, each page committed with its
 * nudges and the progress mark, so a run stopped halfway resumes after
 * `resumeAfter` instead of starting over. Bucket rows of an older layout are
 * dropped as the pages pass over their range.
 */
async function rebuildPass(db: SidecarDb, ctx: PassContext, key: string, resumeAfter: string | null): Promise<PassTally> {
  const companies = new CompanyCache(db);
  const tally: PassTally = { contacts: 0, computed: 0, changed: 0, rebuilt: true };
  let prevLast: string | null = resumeAfter || null;
  if (prevLast === null) await setFactsMeta(db, { key, resumeAfter: '' }, ctx.now);
  for await (const page of contactPages(db, BUCKET_FILL, prevLast ?? '')) {
    const facts = await factsForContacts(page.contacts, page, ctx.settings.scoring, companies);
    const bucket = packBucket(prevLast === null ? '' : page.contacts[0]!.id, facts);
    const nudges = facts.map((_, i) => {
      const { input, nudges: list } = evaluate(bucket, i, ctx);
      setInputDigest(bucket, i, input);
      setDigest(bucket, i, nudgeDigest(list!));
      return list!;
    });
    const last = page.contacts[page.contacts.length - 1]!.id;
    const lower = prevLast;
    await db.transaction('rw', db.nudges, db.factBuckets, db.settings, async () => {
      // Everything stored from the previous page's last contact on: nudges of contacts that no longer exist go too.
      const range = lower === null ? db.nudges.where('contactId').belowOrEqual(last) : db.nudges.where('contactId').between(lower, last, false, true);
      const stored = await range.toArray();
      const old = new Map(stored.map((n) => [n.id, JSON.stringify(n)]));
      const fresh = nudges.flat();
      const keep = new Set(fresh.map((n) => n.id));
      const gone = stored.filter((n) => !keep.has(n.id));
      const put = fresh.filter((n) => old.get(n.id) !== JSON.stringify(n));
      if (gone.length) await db.nudges.bulkDelete(gone.map((n) => n.id));
      if (put.length) await db.nudges.bulkPut(put);
      const stale = (await db.factBuckets.where(':id').between(lower ?? '', last, lower !== null, true).primaryKeys()).filter((id) => id !== bucket.id);
      if (stale.length) await db.factBuckets.bulkDelete(stale);
      await db.factBuckets.put(bucket);
      await setFactsMeta(db, { key, resumeAfter: last }, ctx.now);
      tally.changed += new Set([...put, ...gone].map((n) => n.contactId)).size;
    });
    prevLast = last;
    tally.contacts += page.contacts.length;
    tally.computed += page.contacts.length;
  }
  await db.transaction('rw', db.nudges, db.factBuckets, db.settings, async () => {
    // Past the last contact, buckets and nudges belong to nobody.
    if (prevLast === null) {
      await db.nudges.clear();
      await db.factBuckets.clear();
    } else {
      await db.nudges.where('contactId').above(prevLast).delete();
      await db.factBuckets.where(':id').above(prevLast).delete();
    }
    await setFactsMeta(db, { key, resumeAfter: null }, ctx.now);
  });
  return tally;
}

// Stage medians move slowly: recomputed on full passes and at most hourly, per database.
const cachedStats = new WeakMap<SidecarDb, { at: number; stats: Map<string, StageStat> }>();

/**
 * Brings the stored nudges up to date. First the packed facts of every contact
 * a write marked (lib/db/facts-dirty) are rebuilt from the source tables; then
 * nudges are computed for those contacts, or with `all` for everyone (what
 * time alone changes: score decay; and after a settings change). A full pass
 * reads only the packed facts, a page of buckets at a time, so memory stays
 * bounded at any size. When the facts' rules changed (or on first run) every
 * contact is rebuilt from the source tables instead. Returns how many contacts
 * were looked at, computed and changed.
 */
export async function recomputeNudges(db: SidecarDb, env: { now: number; locale: string; all?: boolean }): Promise<PassTally> {
  const settings = await loadSettings(db, env.locale);
  let cached = cachedStats.get(db);
  if (env.all || !cached || Math.abs(env.now - cached.at) > 3_600_000) {
    cached = { at: env.now, stats: await computeStageStats(db) };
    cachedStats.set(db, cached);
  }
  const ctx = passContext(settings, cached.stats, env.now);
  const dirty = await readDirty(db);
  const key = factsKey(settings.scoring);
  const meta = await factsMeta(db);
  const resuming = meta?.key === key && meta.resumeAfter !== null;
  if (dirty.all || meta?.key !== key || resuming) {
    const tally = await rebuildPass(db, ctx, key, resuming ? meta!.resumeAfter : null);
    // A rebuild from the start read every contact after these markers were left: they are handled.
    // After a resumed one, the part done before may predate some: the next run refreshes them.
    if (!resuming) await clearDirty(db, dirty.rows);
    return tally;
  }

  const tally: PassTally = { contacts: 0, computed: 0, changed: 0, rebuilt: false };
  const done = new Set<string>();
  const companies = new CompanyCache(db);
  // A chunk at a time: an import may have marked every contact, and memory must stay bounded.
  for (let k = 0; k < dirty.contactIds.length; k += REFRESH_CHUNK) {
    const chunk = dirty.contactIds.slice(k, k + REFRESH_CHUNK);
    const contacts = await db.contacts.bulkGet(chunk);
    const present = contacts.filter((c): c is Contact => !!c);
    const facts = await factsForContacts(present, await readContactPage(db, present), settings.scoring, companies);
    chunk.forEach((id, i) => contacts[i] || facts.push(goneFacts(id)));
    const { buckets, touched } = await refreshedBuckets(db, facts);
    const ids = [...new Set([...(await bucketIds(db)), ...buckets.map((b) => b.id)])].sort();
    // On a full pass every contact of a refreshed bucket is computed here, once.
    const jobs = buckets.map((b) => ({ b, only: env.all ? undefined : touched.get(b.id), write: true, upper: ids[ids.indexOf(b.id) + 1] ?? null }));
    await passBuckets(db, jobs, ctx, tally);
    for (const b of buckets) done.add(b.id);
  }
  await clearDirty(db, dirty.rows);
  if (!env.all) return tally;

  const ids = await bucketIds(db);
  for (let k = 0; k < ids.length; k += BUCKETS_PER_READ) {
    const slice = ids.slice(k, k + BUCKETS_PER_READ).filter((id) => !done.has(id));
    const buckets = (await db.factBuckets.bulkGet(slice)).filter((b): b is FactBucket => !!b);
    await passBuckets(db, buckets.map((b) => ({ b, upper: ids[ids.indexOf(b.id) + 1] ?? null })), ctx, tally);
  }
  return tally;
}

export interface PassTally {
  /** Contacts looked at. */
  contacts: number;
  /** Of those, contacts whose inputs had changed: their nudges were computed. */
  computed: number;
  /** Of those, contacts whose nudges had changed: written. */
  changed: number;
  /** The facts were rebuilt from the source tables (first run, or the fit rules changed). */
  rebuilt: boolean;
}

/** Marked contacts refreshed at once. */
const REFRESH_CHUNK = 2000;

/** Buckets read at once by a full pass: about 16k contacts, a few MB. */
const BUCKETS_PER_READ = 16;

export interface NudgeStates {
  doneIds: Set<string>;
  snoozedUntil: Map<string, number>;
  dismissedDeals: Set<string>;
}

export async function loadNudgeStates(db: SidecarDb): Promise<NudgeStates> {
  const rows = await db.nudgeStates.toArray();
  const s: NudgeStates = { doneIds: new Set(), snoozedUntil: new Map(), dismissedDeals: new Set() };
  for (const r of rows) {
    if (r.state === 'done') s.doneIds.add(r.id);
    else if (r.state === 'snoozed' && r.until !== null) s.snoozedUntil.set(r.id, r.until);
    else if (r.state === 'dismissed') s.dismissedDeals.add(r.id.replace(/^deal:/, ''));
  }
  return s;
}

/** Due, not done, not snoozed, deal not dismissed: highest priority first. */
export async function activeNudges(db: SidecarDb, now: number, contactId?: string): Promise<Nudge[]> {
  const [states, due] = await Promise.all([
    loadNudgeStates(db),
    contactId ? db.nudges.where('contactId').equals(contactId).toArray() : db.nudges.where('dueAt').belowOrEqual(now).toArray(),
  ]);
  return due.filter((n) => isActive(n.id, states, n, now)).sort((a, b) => a.priority - b.priority || a.dueAt - b.dueAt || (a.id < b.id ? -1 : 1));
}

/**
 * The due, active nudges in list order (priority, then due time, then id), at
 * most `limit`: walked along the [priority+dueAt] index, a priority at a time,
 * so a pipeline with 100,000 due nudges costs what `limit` of them cost.
 */
export async function topActiveNudges(db: SidecarDb, now: number, limit: number): Promise<Nudge[]> {
  const states = await loadNudgeStates(db);
  const out: Nudge[] = [];
  for (const p of [...new Set(Object.values(NUDGE_PRIORITY))].sort((a, b) => a - b)) {
    if (out.length >= limit) break;
    const rows = await db.nudges
      .where('[priority+dueAt]')
      .between([p, -Infinity], [p, now], true, true)
      .filter((n) => isActive(n.id, states, n, now))
      .limit(limit - out.length)
      .toArray();
    out.push(...rows);
  }
  return out;
}

/**
 * How many nudges are active now, for the badge, counted up to `cap` (the
 * badge shows "999+" past that): the keys of the due nudges along the dueAt
 * index, at most `cap` plus the few hidden by a state (done, snoozed, their
 * deal dismissed), less those hidden. No nudge row is read, and IndexedDB's
 * own count() walks every due key (over a second at 170,000).
 */
export async function countActiveNudges(db: SidecarDb, now: number, cap = 1000): Promise<number> {
  const states = await loadNudgeStates(db);
  const stated = [...states.doneIds, ...[...states.snoozedUntil].filter(([, until]) => until > now).map(([id]) => id)];
  const [rows, ofDeals] = await Promise.all([
    db.nudges.bulkGet(stated),
    Promise.all([...states.dismissedDeals].map((dealId) => db.nudges.where('dealId').equals(dealId).toArray())),
  ]);
  const hidden = new Set<string>();
  for (const n of [...rows, ...ofDeals.flat()]) if (n && n.dueAt <= now) hidden.add(n.id);
  const want = cap + hidden.size;
  const keys = await db.nudges.where('dueAt').belowOrEqual(now).limit(want).primaryKeys();
  // Fewer than asked for: that is every due nudge, and the count is exact.
  if (keys.length < want) return keys.filter((id) => !hidden.has(id)).length;
  return cap;
}

/** When something will next change on its own: a nudge falling due or a snooze ending. */
export async function nextWakeUp(db: SidecarDb, now: number): Promise<number | null> {
  const next = await db.nudges.where('dueAt').above(now).first();
  const snoozes = (await db.nudgeStates.where('state').equals('snoozed').toArray()).map((s) => s.until ?? Infinity).filter((t) => t > now);
  const t = snoozes.reduce((m, x) => Math.min(m, x), next?.dueAt ?? Infinity);
  return Number.isFinite(t) ? t : null;
}

export async function markNudge(db: SidecarDb, id: string, action: { done: true } | { snooze: SnoozeOption } | { dismissDeal: string }, env: { now: number; locale: string }): Promise<number | null> {
  const row: NudgeState =
    'done' in action
      ? { id, state: 'done', until: null, updatedAt: env.now }
      : 'snooze' in action
        ? { id, state: 'snoozed', until: snoozeUntil(action.snooze, env.now, (await loadSettings(db, env.locale)).nudges.schedule), updatedAt: env.now }
        : { id: `deal:${action.dismissDeal}`, state: 'dismissed', until: null, updatedAt: env.now };
  await db.nudgeStates.put(row);
  return row.until;
}
