import type { SidecarDb } from '../db';
import { bantCompleteness } from '../domain/bant';
import { boardColumns, type BoardColumn } from '../domain/board';
import { currentDeal } from '../domain/lead-facts';
import { backfillVelocity, localDay, velocityAt, type Metrics, type PeriodId, type VelocityPoint } from '../domain/metrics';
import type { NudgeKind } from '../domain/nudges';
import { ownerMatches, type OwnerFilter } from '../domain/deal-owner';
import type { Deal } from '../domain/records';
import { isSampleId } from '../domain/sample-data';
import { groupBy } from '../domain/group-by';
import { pipelineReview, weekRange, type PipelineReview, type ReviewEvidence } from '../domain/pipeline-review';
import { loadNudgeStates } from './nudges';
import { scoreFromSummary } from './scores';
import { loadSettings } from './settings';
import { cached } from './view-cache';
import { historyArrays, pipelineHistory } from './pipeline-history';

/** One person with their current deal: a board card and a People & deals row. */
export interface PipelineRow {
  contactId: string;
  name: string;
  emails: string[];
  company: string | null;
  title: string | null;
  linkedinUrl: string | null;
  deal: {
    id: string;
    title: string;
    stageId: string;
    status: Deal['status'];
    valueMinor: number;
    currency: string;
    stageEnteredAt: number;
    createdAt: number;
    closedAt: number | null;
    leadSource: string | null;
    owner: string | null;
    bantKnown: number;
  } | null;
  score: number;
  salesReady: boolean;
  /** The earliest nudge not done, snoozed or dismissed (due or coming). */
  nudge: { kind: NudgeKind; dueAt: number } | null;
  lastTouchAt: number | null;
  /** The rep's notes on this person, joined, for search. */
  notes: string;
}

export interface PipelineView {
  rows: PipelineRow[];
  /** Sample data is loaded (offer to remove it). */
  sample: boolean;
}

const PIPELINE_TABLES = ['contacts', 'companies', 'deals', 'summaries', 'nudges', 'nudgeStates', 'settings', 'activities'];

export async function pipelineView(db: SidecarDb, locale: string): Promise<PipelineView> {
  return cached(db, 'pipeline', PIPELINE_TABLES, async () => {
    const now = Date.now();
    const [settings, contacts, companies, deals, summaries, nudges, states, notes] = await Promise.all([
      loadSettings(db, locale),
      db.contacts.toArray(),
      db.companies.toArray(),
      db.deals.toArray(),
      db.summaries.toArray(),
      db.nudges.toArray(),
      loadNudgeStates(db),
      db.activities.where('kind').equals('note').toArray(),
    ]);
    const company = new Map(companies.map((c) => [c.id, c]));
    const dealsOf = groupBy(deals.filter((d) => d.deletedAt === null), (d) => d.contactId);
    const summaryOf = new Map(summaries.map((s) => [s.contactId, s]));
    const nudgeOf = new Map<string, { kind: NudgeKind; dueAt: number }>();
    for (const n of nudges) {
      if (states.doneIds.has(n.id) || (n.dealId && states.dismissedDeals.has(n.dealId))) continue;
      const until = states.snoozedUntil.get(n.id);
      const due = until !== undefined && until > n.dueAt ? until : n.dueAt;
      const prev = nudgeOf.get(n.contactId);
      if (!prev || due < prev.dueAt) nudgeOf.set(n.contactId, { kind: n.kind, dueAt: due });
    }
    const notesOf = new Map<string, string>();
    for (const a of notes) if (a.deletedAt === null && a.text) notesOf.set(a.contactId, `${notesOf.get(a.contactId) ?? ''} ${a.text}`.slice(0, 2000));

    let sample = false;
    const rows: PipelineRow[] = [];
    for (const c of contacts) {
      if (c.deletedAt !== null) continue;
      if (!sample && isSampleId(c.id)) sample = true;
      const deal = currentDeal(dealsOf.get(c.id) ?? []);
      const co = c.companyId ? company.get(c.companyId) : undefined;
      const summary = summaryOf.get(c.id);
      const score = scoreFromSummary(c, co, deal?.status === 'open' ? deal : null, summary, settings.scoring, now);
      const lastTouch = Math.max(summary?.lastOutboundAt ?? 0, summary?.lastInboundAt ?? 0);
      rows.push({
        contactId: c.id,
        name: c.name,
        emails: c.emails,
        company: co?.name ?? null,
        title: c.title,
        linkedinUrl: c.linkedinUrl,
        deal: deal && {
          id: deal.id,
          title: deal.title,
          stageId: deal.stageId,
          status: deal.status,
          valueMinor: deal.valueMinor,
          currency: deal.currency,
          stageEnteredAt: deal.stageEnteredAt,
          createdAt: deal.createdAt,
          closedAt: deal.closedAt,
          leadSource: deal.leadSource ?? null,
          owner: deal.owner,
          bantKnown: bantCompleteness(deal.bant),
        },
        score: score.total,
        salesReady: score.salesReady,
        nudge: nudgeOf.get(c.id) ?? null,
        lastTouchAt: lastTouch > 0 ? lastTouch : null,
        notes: notesOf.get(c.id) ?? '',
      });
    }
    return { rows, sample };
  });
}

export interface BoardView {
  columns: BoardColumn<PipelineRow>[];
  /** People in the pipeline view (the page offers sample data when there are none). */
  people: number;
  sample: boolean;
}

// Made once per kept pipeline result (and owner choice, stage order and currency): the live server then sends the
// same object's text to every page without making it again.
const boards = new WeakMap<PipelineView, Map<string, BoardView>>();

/**
 * The board's first screen: each column's first cards, count and total, from the kept pipeline view. About 500
 * rows instead of 10,000, so the page draws the board without waiting for the whole pipeline to cross the port.
 * `owner` keeps one owner's deals (deal-owner.ts), columns, counts and totals alike.
 */
export async function boardView(db: SidecarDb, locale: string, owner: OwnerFilter = 'all'): Promise<BoardView> {
  const [pipeline, settings] = await Promise.all([pipelineView(db, locale), loadSettings(db, locale)]);
  const stageOrder = settings.stages.map((s) => s.id);
  const key = `${owner}|${owner === 'all' ? '' : settings.myAddresses.join(',')}|${stageOrder.join('\u0000')}|${settings.currency}`;
  let kept = boards.get(pipeline);
  if (!kept) boards.set(pipeline, (kept = new Map()));
  const hit = kept.get(key);
  if (hit) return hit;
  const rows = owner === 'all' ? pipeline.rows : pipeline.rows.filter((r) => ownerMatches(r.deal, owner, settings.myAddresses));
  // `people` is everyone's: the page offers sample data when there is nobody at all, not when the choice shows none.
  const board = { columns: boardColumns(rows, stageOrder, settings.currency), people: pipeline.rows.length, sample: pipeline.sample };
  kept.set(key, board);
  return board;
}

export interface MetricsView {
  metrics: Metrics;
  /** One point a day, oldest first: the stored snapshots, then today as it stands. */
  velocity: VelocityPoint[];
}

/**
 * The metrics of a period, over every deal or one owner's (`owner`, deal-owner.ts). The stored daily velocity
 * snapshots are everyone's: one owner's trend is worked out again for the same days from their deals as they are
 * now (velocityAt), today's values standing in for the values those days had.
 */
export async function metricsView(db: SidecarDb, locale: string, period: PeriodId, owner: OwnerFilter = 'all'): Promise<MetricsView> {
  // The deals and the history are kept in memory and brought up to date with what was written since
  // (pipeline-history.ts): their version, not a check of those two big tables, says whether to compute again.
  const h = await pipelineHistory(db);
  return cached(
    db,
    `metrics:${period}:${owner}`,
    ['settings', 'velocity'],
    async () => {
      const now = Date.now();
      const [settings, snapshots] = await Promise.all([loadSettings(db, locale), db.velocity.orderBy('day').toArray()]);
      const opts = { stageOrder: settings.stages.map((s) => s.id), currency: settings.currency, period, now };
      const mine = (d: { owner?: string | null }) => ownerMatches(d, owner, settings.myAddresses);
      const metrics = owner === 'all' ? h.metrics(opts) : h.metrics(opts, mine);
      const days = snapshots.filter((s) => s.currency === settings.currency);
      let velocity: VelocityPoint[];
      if (owner === 'all') {
        const today = velocityAt(h.deals.values(), now, settings.currency);
        velocity = [...days.filter((s) => s.day !== today.day), today];
      } else {
        const deals = [...h.deals.values()].filter(mine);
        const today = velocityAt(deals, now, settings.currency);
        velocity = [...days.filter((s) => s.day !== today.day).map((s) => velocityAt(deals, s.at, settings.currency)), today];
      }
      return { metrics, velocity };
    },
    `history ${h.version}`,
  );
}

/**
 * The background's daily job: today's velocity snapshot, and the days before
 * that have none back-filled from the history (once; later days each get
 * their own snapshot as they pass).
 */
export async function keepVelocitySnapshots(db: SidecarDb, env: { now: number; locale: string }): Promise<number> {
  const settings = await loadSettings(db, env.locale);
  const { deals } = await historyArrays(db);
  const known = new Set((await db.velocity.toCollection().primaryKeys()) as string[]);
  const points = backfillVelocity(deals, known, env.now, settings.currency);
  points.push(velocityAt(deals, env.now, settings.currency));
  // Today's point is refreshed each run; past days are written only when missing.
  await db.velocity.bulkPut(points);
  return points.length;
}

export { localDay };

/**
 * The weekly pipeline review for the week starting at `from` (a Monday from
 * weekStart): the deals and the whole stage history (kept between runs), each
 * contact's latest word from them, and for the week's wins their accepted
 * signals and touches (read for those deals only).
 */
export async function reviewView(db: SidecarDb, locale: string, from: number): Promise<PipelineReview> {
  const { version } = await pipelineHistory(db);
  return cached(db, `review:${from}`, ['settings', 'summaries', 'suggestions', 'activities'], async () => {
    const now = Date.now();
    const { to } = weekRange(from);
    const [settings, h, summaries] = await Promise.all([loadSettings(db, locale), historyArrays(db), db.summaries.toArray()]);
    const wonInWeek = h.deals.filter((d) => d.deletedAt === null && d.status === 'won' && d.closedAt !== null && d.closedAt >= from && d.closedAt < to);
    const evidence = new Map<string, ReviewEvidence[]>();
    for (const d of wonInWeek) {
      const [suggestions, activities] = await Promise.all([
        db.suggestions.where('dealId').equals(d.id).toArray(),
        db.activities.where('contactId').equals(d.contactId).toArray(),
      ]);
      evidence.set(d.id, [
        ...suggestions.filter((s) => s.status === 'accepted').map((s): ReviewEvidence => ({ source: 'signal', kind: s.kind, text: s.phrase, at: s.at })),
        ...activities.filter((a) => a.deletedAt === null).map((a): ReviewEvidence => ({ source: 'activity', kind: a.kind, text: a.text ?? null, at: a.at })),
      ]);
    }
    return pipelineReview({
      deals: h.deals,
      changes: h.changes,
      stageOrder: settings.stages.map((s) => s.id),
      lastInboundAt: new Map(summaries.filter((s) => s.lastInboundAt).map((s) => [s.contactId, s.lastInboundAt!])),
      evidence,
      nudges: settings.nudges,
      from,
      to,
      now,
    });
  }, `history ${version}`);
}
