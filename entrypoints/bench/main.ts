// Bench page (only in the SIDECAR_BENCH=1 build, `.output-bench/chrome-mv3`).
// Kept to the timing: the synthetic data comes from test/bench/data.ts.
// It runs top-level in the extension's own origin, so it can open IndexedDB
// and run the product's real code (Dexie, matching, scoring, triggers,
// nudges) against a SEPARATE database, `sidecar-bench`, which is deleted and
// re-seeded by each function: the product's own `sidecar` database is never
// touched. test/bench/run.mjs calls `window.sidecarBench.*` and takes the
// medians; every function returns raw timings (ms, from performance.now()).

import type { Table } from 'dexie';
import { SidecarDb, type StoredSummary } from '@/lib/db';
import { summarizeAll, type SummaryActivity } from '@/lib/domain/activity-summary';
import { engagementWeights } from '@/lib/domain/engagement';
import { emptyBant } from '@/lib/domain/bant';
import type { Activity, Company, Contact, Deal, StageChange } from '@/lib/domain/records';
import { scoreLead, type LeadInput } from '@/lib/domain/scoring';
import { DEFAULT_SCORING } from '@/lib/domain/scoring-config';
import { compileTriggers, scanText } from '@/lib/domain/trigger-scan';
import { DEFAULT_TRIGGERS } from '@/lib/domain/triggers';
import { matchProfile, type ProfileFacts } from '@/lib/services/linkedin';
import { logManualActivity } from '@/lib/services/activities';
import { recomputeNudges } from '@/lib/services/nudge-pass';
import { activeNudges, countActiveNudges, topActiveNudges } from '@/lib/services/nudges';
import { scoreAllLeads } from '@/lib/services/scores';
import { loadSettings } from '@/lib/services/settings';
import { portability } from './portability';
import { CO_A, CO_B, makeActivities, makeBody, makeCompanies, makeContact, makeDeal, makeStageHistory, personName, pick } from '@/test/bench/data';
import { rng } from '@/test/bench/rng';
import { sync } from './sync';
import { dashboardMetrics } from './dashboard';
import { idbFloor } from './idb-floor';

const DB_NAME = 'sidecar-bench';
const CHUNK = 10_000;
const status = (s: string) => {
  document.getElementById('status')!.textContent = s;
};

async function freshDb(): Promise<SidecarDb> {
  await new SidecarDb(DB_NAME).delete();
  const db = new SidecarDb(DB_NAME);
  await db.open();
  return db;
}

async function bulk<T>(db: SidecarDb, table: 'contacts' | 'companies' | 'deals' | 'activities' | 'stageChanges' | 'summaries', rows: readonly T[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    await db.transaction('rw', db[table], () => (db[table] as Table<T>).bulkAdd(part));
  }
}

const t = () => performance.now();

// --------------------------------------------------- a + b: match, scoring

let shared: { db: SidecarDb; contacts: Contact[]; companies: Company[]; now: number } | null = null;

/** 10,000 contacts (+ companies); matchProfile cold (first call, and after a write) and warm. */
async function match(opts: { contacts?: number; companies?: number; profiles?: number; coldRuns?: number } = {}) {
  const nContacts = opts.contacts ?? 10_000;
  const nProfiles = opts.profiles ?? 50;
  const now = Date.now();
  const r = rng(42);
  status('match: seeding');
  const t0 = t();
  const db = await freshDb();
  const companies = makeCompanies(opts.companies ?? 800, now, r);
  const contacts = Array.from({ length: nContacts }, (_, i) => makeContact(i, now, r, companies));
  await bulk(db, 'companies', companies);
  await bulk(db, 'contacts', contacts);
  const seedMs = t() - t0;
  shared = { db, contacts, companies, now };

  // Profiles: 40% a known unlinked contact's exact name + company, 20% the same
  // person with a middle initial dropped/added, 40% strangers. All with a
  // profile URL that is not linked yet, so the URL lookup runs and falls through
  // to the name match (the expensive path).
  const companyName = new Map(companies.map((c) => [c.id, c.name]));
  const unlinked = contacts.filter((c) => !c.linkedinUrl);
  const profiles: ProfileFacts[] = [];
  for (let i = 0; i < nProfiles + 5; i++) {
    const kind = i % 5;
    const c = unlinked[Math.floor(r() * unlinked.length)]!;
    let name: string;
    let company: string | null;
    if (kind < 2) {
      name = c.name;
      company = c.companyId ? (companyName.get(c.companyId) ?? null) : null;
    } else if (kind === 2) {
      const parts = c.name.split(' ');
      name = parts.length > 2 ? `${parts[0]} ${parts[parts.length - 1]}` : `${parts[0]} K. ${parts[parts.length - 1]}`;
      company = c.companyId ? (companyName.get(c.companyId) ?? null) : null;
    } else {
      name = personName(r);
      company = `${pick(r, CO_A)} ${pick(r, CO_B)}`;
    }
    profiles.push({ profileUrl: `https://www.linkedin.com/in/bench-profile-${i}/`, name, company, headline: null, location: null, photoUrl: null });
  }

  status('match: timing');
  // Cold, first call on this db: reads all contacts + companies into the index.
  let s = t();
  await matchProfile(db, profiles[0]!);
  const coldFirstMs = t() - s;
  // Cold again after a write (a company touched: the index is dropped).
  const coldAfterWriteMs: number[] = [];
  for (let i = 0; i < (opts.coldRuns ?? 5); i++) {
    await db.companies.update(companies[i]!.id, { updatedAt: now + i });
    s = t();
    await matchProfile(db, profiles[1 + i]!);
    coldAfterWriteMs.push(t() - s);
  }
  // Warm: the index is built; different profiles each time.
  await matchProfile(db, profiles[0]!);
  const warmMs: number[] = [];
  let withCandidates = 0;
  for (const p of profiles.slice(5)) {
    s = t();
    const m = await matchProfile(db, p);
    warmMs.push(t() - s);
    if (m.candidates.length) withCandidates++;
  }
  // Where a warm call's time goes: the URL lookup (an IndexedDB read) vs the rest.
  const urlMs: number[] = [];
  for (const p of profiles.slice(5, 25)) {
    s = t();
    await db.contacts.where('linkedinUrl').equals(p.profileUrl!).toArray();
    urlMs.push(t() - s);
  }
  status('match: done');
  return { seedMs, contacts: nContacts, companies: companies.length, coldFirstMs, coldAfterWriteMs, warmMs, urlMs, profiles: warmMs.length, withCandidates };
}

/** Scores of every contact (10k) from their activities (100k) read from the db: read and compute timed apart. */
async function score(opts: { activitiesPerContact?: number; runs?: number; readRuns?: number } = {}) {
  if (!shared) await match({ profiles: 0, coldRuns: 0 });
  const { db, contacts, now } = shared!;
  const per = opts.activitiesPerContact ?? 10;
  const r = rng(7);
  status('score: seeding');
  let s = t();
  // One open deal per contact (for BANT), some of it filled in.
  const deals = contacts.map((c) => {
    const d = makeDeal(c, now, r);
    if (r() < 0.3) {
      const b = emptyBant();
      b.budget.state = 'yes';
      b.authority.state = 'partial';
      d.bant = b;
    }
    return d;
  });
  await bulk(db, 'deals', deals);
  const activities: Activity[] = [];
  const summaries: StoredSummary[] = [];
  const halfLife = DEFAULT_SCORING.engagement.halfLifeDays;
  for (let i = 0; i < contacts.length; i++) {
    const acts = makeActivities(contacts[i]!, deals[i]!.id, per, now, r);
    activities.push(...acts);
    // What the product keeps as each activity is written (lib/services/summaries.ts).
    summaries.push({ ...summarizeAll(contacts[i]!.id, contacts[i]!.createdAt, acts as SummaryActivity[], now), engagement: engagementWeights(acts, halfLife, now) });
  }
  const nActivities = activities.length;
  await bulk(db, 'activities', activities);
  await bulk(db, 'summaries', summaries);
  activities.length = 0; // let the GC have the rows before timing
  const seedMs = t() - s;

  // The product's path: scoreAllLeads reads contacts, summaries, deals and companies, never the activities.
  status('score: scoreAllLeads');
  await scoreAllLeads(db, { now, locale: 'en' }); // warm-up
  const productMs: number[] = [];
  let productReady = 0;
  for (let i = 0; i < (opts.readRuns ?? 5) * 2; i++) {
    s = t();
    const all = await scoreAllLeads(db, { now, locale: 'en' });
    productMs.push(t() - s);
    productReady = [...all.values()].filter((x) => x.salesReady).length;
  }

  const scoring = (await loadSettings(db, 'en')).scoring ?? DEFAULT_SCORING;
  const read = async () => {
    const [cs, cos, ds, as] = await Promise.all([db.contacts.toArray(), db.companies.toArray(), db.deals.toArray(), db.activities.toArray()]);
    const byContact = new Map<string, Activity[]>();
    for (const a of as) {
      if (a.deletedAt !== null) continue;
      const l = byContact.get(a.contactId);
      if (l) l.push(a);
      else byContact.set(a.contactId, [a]);
    }
    const dealByContact = new Map<string, Deal>();
    for (const d of ds) if (d.deletedAt === null && d.status === 'open') dealByContact.set(d.contactId, d);
    return { contacts: cs, companies: new Map(cos.map((c) => [c.id, c])), dealByContact, byContact };
  };
  const compute = (data: Awaited<ReturnType<typeof read>>) => {
    let ready = 0;
    for (const c of data.contacts) {
      if (c.deletedAt !== null) continue;
      const co = c.companyId ? data.companies.get(c.companyId) : undefined;
      const input: LeadInput = {
        contact: c,
        company: co ? { domain: co.domain, industry: co.industry, employees: co.employees } : null,
        bant: data.dealByContact.get(c.id)?.bant ?? null,
        activities: data.byContact.get(c.id) ?? [],
      };
      if (scoreLead(input, scoring, now).salesReady) ready++;
    }
    return ready;
  };

  status('score: timing');
  const readMs: number[] = [];
  const computeMs: number[] = [];
  let data: Awaited<ReturnType<typeof read>> | undefined = await read(); // warm-up
  compute(data);
  let salesReady = 0;
  for (let i = 0; i < (opts.readRuns ?? 5); i++) {
    // eslint-disable-next-line no-useless-assignment -- drops the last read, so the GC can take it during the next
    data = undefined;
    s = t();
    data = await read();
    readMs.push(t() - s);
  }
  for (let i = 0; i < (opts.runs ?? 20); i++) {
    s = t();
    salesReady = compute(data);
    computeMs.push(t() - s);
  }
  // The biggest part of the read: the 100k activities alone.
  const activitiesReadMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    s = t();
    await db.activities.toArray();
    activitiesReadMs.push(t() - s);
  }
  // The other read path: one indexed query per contact (what a per-contact refresh does), once.
  s = t();
  await Promise.all(data.contacts.map((c) => db.activities.where('contactId').equals(c.id).toArray()));
  const perContactReadMs = t() - s;
  status('score: done');
  return { seedMs, contacts: data.contacts.length, activities: nActivities, readMs, activitiesReadMs, computeMs, perContactReadMs, salesReady, productMs, productReady };
}

// ------------------------------------------------------------- c: triggers

async function triggers(opts: { runs?: number; bytes?: number } = {}) {
  const body = makeBody(opts.bytes ?? 50 * 1024);
  let s = t();
  const matcher = compileTriggers(DEFAULT_TRIGGERS);
  const compileMs = t() - s;
  s = t();
  const hits = scanText(matcher, body);
  const coldMs = t() - s;
  const ms: number[] = [];
  for (let i = 0; i < (opts.runs ?? 50); i++) {
    s = t();
    scanText(matcher, body);
    ms.push(t() - s);
  }
  // A fresh matcher per message (if a caller did not cache it): compile + scan.
  const compileAndScanMs: number[] = [];
  for (let i = 0; i < 20; i++) {
    s = t();
    scanText(compileTriggers(DEFAULT_TRIGGERS), body);
    compileAndScanMs.push(t() - s);
  }
  return {
    bytes: new TextEncoder().encode(body).length,
    chars: body.length,
    compileMs,
    coldMs,
    ms,
    compileAndScanMs,
    hits: hits.map((h) => `${h.kind}: "${h.phrase}"`),
  };
}

// -------------------------------------------------------------- d: nudges

// Chromium-only: performance.memory, and gc() when started with --js-flags=--expose-gc.
const heap = () => (performance as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function nudges(opts: { contacts?: number; deals?: number; activitiesPerContact?: number; writeActivities?: boolean; runs?: number; maxTotalMs?: number } = {}) {
  const nContacts = opts.contacts ?? 100_000;
  const nDeals = opts.deals ?? 50_000;
  const per = opts.activitiesPerContact ?? 10;
  const writeActivities = opts.writeActivities ?? false;
  if (shared) {
    shared.db.close();
    shared = null;
  }
  const now = Date.now();
  const r = rng(2026);
  status('nudges: seeding');
  const t0 = t();
  const db = await freshDb();
  const companies = makeCompanies(2000, now, r);
  await bulk(db, 'companies', companies);
  const halfLife = DEFAULT_SCORING.engagement.halfLifeDays;
  const seedMs = { contacts: 0, deals: 0, stageChanges: 0, summaries: 0, activities: 0, generate: 0 };
  const counts = { contacts: 0, deals: 0, stageChanges: 0, summaries: 0, activities: 0, activitiesSummarized: 0 };
  const dealEvery = nContacts / nDeals;
  // Chunk by chunk so the page never holds more than ~10k contacts' worth.
  for (let start = 0; start < nContacts; start += CHUNK) {
    let s = t();
    const contacts: Contact[] = [];
    const deals: Deal[] = [];
    const changes: StageChange[] = [];
    const summaries: StoredSummary[] = [];
    const activities: Activity[] = [];
    for (let i = start; i < Math.min(nContacts, start + CHUNK); i++) {
      const c = makeContact(i, now, r, companies);
      contacts.push(c);
      let deal: Deal | null = null;
      if (Math.floor(i / dealEvery) !== Math.floor((i - 1) / dealEvery) || i === 0) {
        if (deals.length + counts.deals < nDeals) {
          deal = makeDeal(c, now, r);
          deals.push(deal);
          // Stage history: created in "contact", then moved to the current stage.
          changes.push(...makeStageHistory(deal));
        }
      }
      const acts = makeActivities(c, deal?.id ?? null, per, now, r);
      counts.activitiesSummarized += acts.length;
      summaries.push({ ...summarizeAll(c.id, c.createdAt, acts as SummaryActivity[], now), engagement: engagementWeights(acts, halfLife, now) });
      if (writeActivities) activities.push(...acts);
    }
    seedMs.generate += t() - s;
    s = t();
    await bulk(db, 'contacts', contacts);
    seedMs.contacts += t() - s;
    s = t();
    await bulk(db, 'deals', deals);
    seedMs.deals += t() - s;
    s = t();
    await bulk(db, 'stageChanges', changes);
    seedMs.stageChanges += t() - s;
    s = t();
    await bulk(db, 'summaries', summaries);
    seedMs.summaries += t() - s;
    if (writeActivities) {
      s = t();
      await bulk(db, 'activities', activities);
      seedMs.activities += t() - s;
      counts.activities += activities.length;
      activities.length = 0;
    }
    counts.contacts += contacts.length;
    counts.deals += deals.length;
    counts.stageChanges += changes.length;
    counts.summaries += summaries.length;
    status(`nudges: seeded ${counts.contacts}`);
  }
  const seedTotalMs = t() - t0;

  // The first pass finds no packed facts: it builds them from the source tables (contacts, summaries,
  // deals, companies) and stores every nudge. Every later full pass reads only the packed facts.
  status('nudges: first pass (builds the facts)');
  let s0 = t();
  await recomputeNudges(db, { now, locale: 'en', all: true });
  const firstMs = t() - s0;

  status('nudges: timing');
  gc();
  await new Promise((res) => setTimeout(res, 50));
  const heapBefore = heap();
  let peak = heapBefore ?? 0;
  const sampler = setInterval(() => {
    const h = heap();
    if (h !== null && h > peak) peak = h;
  }, 10);
  const ms: number[] = [];
  let processed = 0;
  let computedLast = 0;
  // A run can take long; no new run starts once `maxTotalMs` has been spent.
  for (let i = 0; i < (opts.runs ?? 3); i++) {
    if (i > 0 && ms.reduce((a, b) => a + b, 0) > (opts.maxTotalMs ?? 30_000)) break;
    const s = t();
    const tally = await recomputeNudges(db, { now: now + (i + 1) * 1000, locale: 'en', all: true });
    processed = tally.contacts;
    computedLast = tally.computed;
    ms.push(t() - s);
  }
  clearInterval(sampler);
  const heapAfterNoGc = heap();
  gc();
  await new Promise((res) => setTimeout(res, 50));
  const heapAfter = heap();

  // Where a full pass spends its time: reading the buckets alone, the same pages as the pass.
  status('nudges: breakdown');
  const page: Record<string, number> = {};
  {
    const ids = (await db.factBuckets.toCollection().primaryKeys()) as string[];
    let bytes = 0;
    let contacts = 0;
    const s = t();
    for (let k = 0; k < ids.length; k += 16) {
      for (const b of await db.factBuckets.bulkGet(ids.slice(k, k + 16))) {
        bytes += b!.num.byteLength;
        contacts += b!.ids.length;
      }
    }
    page.bucketsRead = t() - s;
    page.buckets = ids.length;
    page.bucketBytes = bytes;
    page.bucketContacts = contacts;
    // A day later: engagement has decayed (sales-ready may end) and the stage medians are read again.
    s0 = t();
    const nextDay = await recomputeNudges(db, { now: now + 86_400_000, locale: 'en', all: true });
    page.nextDayMs = t() - s0;
    page.nextDayComputed = nextDay.computed;
    page.nextDayChanged = nextDay.changed;
    page.computedLast = computedLast;
    // The pass after one write: a call logged for one contact (through the service, as the sidebar does).
    const one = (await db.contacts.where(':id').above('').limit(1).primaryKeys())[0]!;
    const writes: number[] = [];
    for (let i = 0; i < 5; i++) {
      await logManualActivity(db, { contactId: one, kind: 'call', text: null }, now + 86_400_000 + i);
      const s = t();
      page.incrementalContacts = (await recomputeNudges(db, { now: now + 86_400_000 + i, locale: 'en' })).computed;
      writes.push(t() - s);
    }
    page.incrementalMs = writes.sort((a, b) => a - b)[2]!;
    // What the badge and the popup read after each write, at this size.
    const at = now + 86_400_000;
    const med = async (f: () => Promise<unknown>) => {
      const xs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s = t();
        await f();
        xs.push(t() - s);
      }
      return xs.sort((a, b) => a - b)[2]!;
    };
    page.badgeCount = await countActiveNudges(db, at);
    page.badgeMs = await med(() => countActiveNudges(db, at));
    page.topMs = await med(() => topActiveNudges(db, at, 500));
    const s2 = t();
    page.allActive = (await activeNudges(db, at)).length;
    page.allActiveMs = t() - s2;
  }
  const nudgeRows = await db.nudges.count();
  const due = await db.nudges.where('dueAt').belowOrEqual(now).count();
  status('nudges: done');
  return {
    counts,
    writeActivities,
    seedMs,
    seedTotalMs,
    firstMs,
    ms,
    page,
    processed,
    nudgeRows,
    due,
    heap: { before: heapBefore, peak: heapBefore === null ? null : peak, afterNoGc: heapAfterNoGc, after: heapAfter, gcAvailable: typeof (globalThis as { gc?: unknown }).gc === 'function' },
  };
}

async function cleanup() {
  shared?.db.close();
  shared = null;
  await new SidecarDb(DB_NAME).delete();
}

(window as unknown as { sidecarBench: unknown }).sidecarBench = { match, score, triggers, nudges, portability, sync, dashboardMetrics, idbFloor, cleanup };
status('ready');
