import type { SidecarDb } from '../db';
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
import { NUDGE_RULES_VERSION, upcomingNudges, type Nudge, type StageStat } from '../domain/nudges';
import type { Contact } from '../domain/records';
import type { Settings } from '../domain/settings';
import { contactPages, readContactPage } from './contact-pages';
import { whereAnyOf } from './index-reads';
import { BUCKET_FILL, bucketIds, clearDirty, factsForContacts, factsKey, factsMeta, goneFacts, readDirty, refreshedBuckets, setFactsMeta } from './lead-facts';
import { computeStageStats } from './nudges';
import { CompanyCache, scoreFromFit } from './scores';
import { loadSettings } from './settings';

// The nudge engine's passes: what is stored in `nudges` is recomputed here,
// from the packed facts (lib/domain/lead-facts, lib/services/lead-facts) and
// the change markers every write leaves (lib/db/facts-dirty).

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
  const score = scoreFromFit(f.fit, f.engagement, scoring, ctx.now);
  return score.salesReady ? { score: score.total, threshold: scoring.threshold } : false;
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

/**
 * Inside the caller's transaction: makes the stored nudges of some contacts
 * (`stored`, read by the caller) the `fresh` ones, writing only rows that
 * differ. Returns how many contacts' nudges changed.
 */
async function replaceNudges(db: SidecarDb, stored: readonly Nudge[], fresh: readonly Nudge[]): Promise<number> {
  const keep = new Set(fresh.map((n) => n.id));
  const old = new Map(stored.map((n) => [n.id, JSON.stringify(n)]));
  const gone = stored.filter((n) => !keep.has(n.id));
  const put = fresh.filter((n) => old.get(n.id) !== JSON.stringify(n));
  if (gone.length) await db.nudges.bulkDelete(gone.map((n) => n.id));
  if (put.length) await db.nudges.bulkPut(put);
  return new Set([...put, ...gone].map((n) => n.contactId)).size;
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
    await replaceNudges(db, stored, writes.flatMap(({ changed }) => changed.flatMap((c) => c.nudges)));
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
async function rebuildPass(db: SidecarDb, ctx: PassContext, key: string, resumeAfter: string | null, pause: Pause): Promise<PassTally> {
  const companies = new CompanyCache(db);
  const tally: PassTally = { contacts: 0, computed: 0, changed: 0, rebuilt: true };
  let prevLast: string | null = resumeAfter || null;
  if (prevLast === null) await setFactsMeta(db, { key, resumeAfter: '' }, ctx.now);
  for await (const page of contactPages(db, BUCKET_FILL, prevLast ?? '')) {
    await pause();
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
    await db.transaction('rw', db.nudges, db.factBuckets, db.engineState, async () => {
      // Everything stored from the previous page's last contact on: nudges of contacts that no longer exist go too.
      const range = lower === null ? db.nudges.where('contactId').belowOrEqual(last) : db.nudges.where('contactId').between(lower, last, false, true);
      tally.changed += await replaceNudges(db, await range.toArray(), nudges.flat());
      const stale = (await db.factBuckets.where(':id').between(lower ?? '', last, lower !== null, true).primaryKeys()).filter((id) => id !== bucket.id);
      if (stale.length) await db.factBuckets.bulkDelete(stale);
      await db.factBuckets.put(bucket);
      await setFactsMeta(db, { key, resumeAfter: last }, ctx.now);
    });
    prevLast = last;
    tally.contacts += page.contacts.length;
    tally.computed += page.contacts.length;
  }
  await db.transaction('rw', db.nudges, db.factBuckets, db.engineState, async () => {
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

/**
 * Awaited between pages of a pass (never inside a transaction): the background
 * holds the engine there while the rep waits on a backup, import or restore,
 * which would otherwise share IndexedDB with it (lib/platform/nudge-engine.ts).
 */
export type Pause = () => Promise<void>;
const noPause: Pause = () => Promise.resolve();

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
export async function recomputeNudges(db: SidecarDb, env: { now: number; locale: string; all?: boolean; pause?: Pause }): Promise<PassTally> {
  const pause = env.pause ?? noPause;
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
    const tally = await rebuildPass(db, ctx, key, resuming ? meta!.resumeAfter : null, pause);
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
    await pause();
    const chunk = dirty.contactIds.slice(k, k + REFRESH_CHUNK);
    const contacts = await db.contacts.bulkGet(chunk);
    const present = contacts.filter((c): c is Contact => !!c);
    const facts = await factsForContacts(present, await readContactPage(db, present), settings.scoring, companies);
    chunk.forEach((id, i) => contacts[i] || facts.push(goneFacts(id)));
    const { buckets, touched, ids } = await refreshedBuckets(db, facts);
    // On a full pass every contact of a refreshed bucket is computed here, once.
    const jobs = buckets.map((b) => ({ b, only: env.all ? undefined : touched.get(b.id), write: true, upper: ids[ids.indexOf(b.id) + 1] ?? null }));
    await passBuckets(db, jobs, ctx, tally);
    for (const b of buckets) done.add(b.id);
  }
  await clearDirty(db, dirty.rows);
  if (!env.all) return tally;

  const ids = await bucketIds(db);
  for (let k = 0; k < ids.length; k += BUCKETS_PER_READ) {
    await pause();
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
