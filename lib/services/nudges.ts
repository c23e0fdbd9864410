import type { SidecarDb, StoredSummary } from '../db';
import { emptySummary } from '../domain/activity-summary';
import { engagementWeights } from '../domain/engagement';
import { isActive, snoozeUntil, stageIntervals, stageStats, upcomingNudges, type Nudge, type SnoozeOption, type StageStat } from '../domain/nudges';
import type { Contact, Deal, NudgeState } from '../domain/records';
import type { Settings } from '../domain/settings';
import { contactPages, readContactPage, type ContactPage } from './contact-pages';
import { CompanyCache, scoreFromSummary } from './scores';
import { loadSettings } from './settings';

const PAGE = 2000;
const HORIZON_MS = 14 * 86_400_000;
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

function currentDeal(deals: Deal[]): Deal | null {
  let best: Deal | null = null;
  for (const d of deals) {
    if (d.deletedAt !== null) continue;
    const open = (x: Deal) => x.status === 'open';
    if (!best || (open(d) && !open(best)) || (open(d) === open(best) && d.updatedAt > best.updatedAt)) best = d;
  }
  return best;
}

/** Nudges (due or not) for a page of contacts; sales-ready from fit + stored engagement weights. */
async function nudgesForContacts(
  contacts: Contact[],
  page: ContactPage,
  settings: Settings,
  stats: ReadonlyMap<string, StageStat>,
  companies: CompanyCache,
  now: number,
): Promise<Nudge[]> {
  const { summaries, deals: dealsByContact } = page;
  // Only leads with an open deal can be sales-ready, so only theirs need a company for the fit score.
  const withOpenDeal = contacts.filter((c) => dealsByContact.get(c.id)?.some((d) => d.status === 'open' && d.deletedAt === null));
  await companies.load(withOpenDeal.map((c) => c.companyId));
  const stageOrder = settings.stages.map((s) => s.id);
  const { scoring } = settings;
  const out: Nudge[] = [];
  contacts.forEach((contact) => {
    if (contact.deletedAt !== null) return;
    const summary: StoredSummary = summaries.get(contact.id) ?? { ...emptySummary(contact.id, contact.createdAt), engagement: engagementWeights([], scoring.engagement.halfLifeDays, now) };
    const deal = currentDeal(dealsByContact.get(contact.id) ?? []);
    let salesReady: boolean | { score: number; threshold: number } = false;
    if (deal?.status === 'open') {
      const score = scoreFromSummary(contact, companies.get(contact.companyId), deal, summary, scoring, now);
      if (score.salesReady) salesReady = { score: score.total, threshold: scoring.threshold };
    }
    out.push(
      ...upcomingNudges({
        contact: { id: contact.id, createdAt: contact.createdAt },
        summary,
        deal: deal && { ...deal, createdAt: deal.createdAt },
        stageOrder,
        stats,
        salesReady,
        settings: settings.nudges,
        now,
      }),
    );
  });
  return out;
}

// Stage medians move slowly: recomputed on full passes and at most hourly, per database.
const cachedStats = new WeakMap<SidecarDb, { at: number; stats: Map<string, StageStat> }>();

/**
 * Recomputes nudges. `contactIds` = just those contacts (after a write);
 * undefined = everyone, streamed a page of contacts at a time so memory stays
 * bounded at any size. Returns how many contacts were processed.
 */
export async function recomputeNudges(db: SidecarDb, env: { now: number; locale: string; contactIds?: readonly string[] }): Promise<number> {
  const settings = await loadSettings(db, env.locale);
  let cached = cachedStats.get(db);
  if (!env.contactIds || !cached || Math.abs(env.now - cached.at) > 3_600_000) {
    cached = { at: env.now, stats: await computeStageStats(db) };
    cachedStats.set(db, cached);
  }
  const stats = cached.stats;
  const horizon = env.now + HORIZON_MS;
  const companies = new CompanyCache(db);
  const run = async (contacts: Contact[], page: ContactPage, contiguous: boolean) => {
    if (contacts.length === 0) return;
    // Far-future nudges are left to a later pass; the wake-up alarm needs only the near ones.
    const nudges = (await nudgesForContacts(contacts, page, settings, stats, companies, env.now)).filter((n) => n.dueAt <= horizon);
    const first = contacts[0]!.id;
    const last = contacts[contacts.length - 1]!.id;
    await db.transaction('rw', db.nudges, async () => {
      // Only what changed is written: a pass over an unchanged pipeline writes nothing.
      const stored = contiguous
        ? await db.nudges.where('contactId').between(first, last, true, true).toArray()
        : await db.nudges.where('contactId').anyOf(contacts.map((c) => c.id)).toArray();
      const old = new Map(stored.map((n) => [n.id, JSON.stringify(n)]));
      const put = nudges.filter((n) => old.get(n.id) !== JSON.stringify(n));
      const keep = new Set(nudges.map((n) => n.id));
      const gone = [...old.keys()].filter((id) => !keep.has(id));
      if (gone.length) await db.nudges.bulkDelete(gone);
      if (put.length) await db.nudges.bulkPut(put);
    });
  };
  if (env.contactIds) {
    const contacts = (await db.contacts.bulkGet([...env.contactIds])).filter((c): c is Contact => !!c);
    await run(contacts, await readContactPage(db, contacts), false);
    return contacts.length;
  }
  let count = 0;
  for await (const page of contactPages(db, PAGE)) {
    await run(page.contacts, page, true);
    count += page.contacts.length;
  }
  return count;
}

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

/** When something will next change on its own: a nudge falling due or a snooze ending. */
export async function nextWakeUp(db: SidecarDb, now: number): Promise<number | null> {
  const next = await db.nudges.where('dueAt').above(now).first();
  const snoozes = (await db.nudgeStates.where('state').equals('snoozed').toArray()).map((s) => s.until ?? Infinity).filter((t) => t > now);
  const t = Math.min(next?.dueAt ?? Infinity, ...snoozes);
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

/** Contacts whose data changed since `since` (activities, deals, contacts): the ones to recompute. */
export async function changedContacts(db: SidecarDb, since: number): Promise<string[]> {
  const [a, d, c] = await Promise.all([
    db.activities.where('updatedAt').above(since).toArray(),
    db.deals.where('updatedAt').above(since).toArray(),
    db.contacts.where('updatedAt').above(since).toArray(),
  ]);
  return [...new Set([...a.map((x) => x.contactId), ...d.map((x) => x.contactId), ...c.map((x) => x.id)])];
}
