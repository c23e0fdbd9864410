import { currencyDigits } from './money';
import type { DealStatus } from './records';

// The sales method's pipeline metrics, computed from the deals and their
// insert-only stage history; docs/sales-method.md, "Pipeline metrics", says
// what each figure counts. Pure: no database, no clock (`now` comes in), so
// the dashboard, the background's daily velocity snapshot and the tests all
// compute the same figures.

export const DAY_MS = 86_400_000;

/** What metrics need of a deal: a structural subset of Deal (records.ts). */
export interface MetricDeal {
  id: string;
  createdAt: number;
  deletedAt: number | null;
  status: DealStatus;
  closedAt: number | null;
  stageId: string;
  valueMinor: number;
  currency: string;
  lostReason: string | null;
  leadSource?: string | null;
  /** The rep's address (deal-owner.ts): the owner choice of the dashboard picks deals by it. */
  owner?: string | null;
}

export interface MetricChange {
  /** The record's id: orders changes made in the same millisecond. */
  id?: string;
  dealId: string;
  fromStageId: string | null;
  toStageId: string;
  status: DealStatus;
  at: number;
}

export const PERIODS = ['month', '90d', 'year', 'all'] as const;
export type PeriodId = (typeof PERIODS)[number];

/** [from, to] in epoch ms; from is null for all time. Month and year start at local midnight. */
export function periodRange(period: PeriodId, now: number): { from: number | null; to: number } {
  const d = new Date(now);
  switch (period) {
    case 'month':
      return { from: new Date(d.getFullYear(), d.getMonth(), 1).getTime(), to: now };
    case '90d':
      return { from: now - 90 * DAY_MS, to: now };
    case 'year':
      return { from: new Date(d.getFullYear(), 0, 1).getTime(), to: now };
    case 'all':
      return { from: null, to: now };
  }
}

export interface Spread {
  /** null when there is nothing to average. */
  mean: number | null;
  median: number | null;
  count: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { mean: null, median: null, count: 0 };
  let sum = 0;
  for (const v of values) sum += v;
  return { mean: sum / values.length, median: median(values), count: values.length };
}

/** A deal's walk through the pipeline, read from its stage history. */
export interface DealPath {
  /** Highest stage index the deal ever reached (by the current stage order); -1 when none is known. */
  maxIndex: number;
  /** Finished stays: stage index and how long, in ms. */
  stays: { index: number; ms: number }[];
}

/**
 * Walks one deal's changes in time order. A stay in a stage ends with the next
 * move or with Won/Lost; a reopen starts a new stay. Stages no longer in the
 * pipeline (removed ones) count for nothing.
 */
export function dealPath(deal: Pick<MetricDeal, 'stageId'>, changes: readonly MetricChange[], indexOf: ReadonlyMap<string, number>): DealPath {
  let maxIndex = indexOf.get(deal.stageId) ?? -1;
  const stays: DealPath['stays'] = [];
  let stage: string | null = null;
  let enteredAt = 0;
  for (const c of changes) {
    if (stage !== null) {
      const i = indexOf.get(stage);
      if (i !== undefined) stays.push({ index: i, ms: Math.max(0, c.at - enteredAt) });
      stage = null;
    }
    if (c.status === 'open') {
      stage = c.toStageId;
      enteredAt = c.at;
      const i = indexOf.get(c.toStageId);
      if (i !== undefined && i > maxIndex) maxIndex = i;
    }
  }
  return { maxIndex, stays };
}

export interface StageFigures {
  stageId: string;
  /** Deals of the period that reached this stage (or passed it by skipping). */
  reached: number;
  /** Of those, the ones that went on to a later stage or were won. */
  advanced: number;
  /** advanced ÷ reached; null when none reached it. */
  conversion: number | null;
  /** Median days of the finished stays in this stage; null without any. */
  medianDays: number | null;
  stays: number;
  /** Open deals in this stage now, their value and their value weighted by the stage's win rate (rep's currency, major units). */
  open: number;
  openValue: number;
  weightedValue: number;
  /** Of all closed deals that ever reached this stage, the share won: the forecast's weight. */
  winRate: number | null;
}

export interface SourceFigures {
  /** null: not known (deals made before sources were recorded). */
  source: string | null;
  leads: number;
  won: number;
  lost: number;
  /** Of the period's leads from this source, the share won so far (lead-to-customer). */
  conversion: number | null;
  closeRate: number | null;
  avgDealSize: number | null;
  cycleDays: number | null;
}

export interface Winnable {
  dealId: string;
  stageId: string;
  /** The stage's historical win rate. */
  probability: number;
  value: number;
  weighted: number;
  currency: string;
}

export interface Metrics {
  period: PeriodId;
  from: number | null;
  to: number;
  currency: string;
  /** Deals created in the period. */
  leads: number;
  /** Of those, the ones that got past the qualification stage (or were won). */
  qualified: number;
  /** Deals won / lost in the period (by close date). */
  won: number;
  lost: number;
  /** Mean value of the deals won in the period, major units of `currency`. */
  avgDealSize: number | null;
  /** Created → won, in days, for deals won in the period. */
  cycleDays: Spread;
  /** Created → won or lost, in days, for deals closed in the period. */
  lifetimeDays: Spread;
  /** won ÷ (won + lost), in the period. */
  closeRate: number | null;
  /** Of the period's leads, the share won so far. */
  leadConversion: number | null;
  /** Open deals now (any currency) and their value in `currency`. */
  openDeals: number;
  openValue: number;
  /** open deals × close rate × average deal size ÷ cycle length in days; 0 when a factor is unknown. */
  velocityPerDay: number;
  velocityPer30Days: number;
  /** Σ open deal value × its stage's historical win rate (falling back to the overall one). */
  forecast: number;
  stages: StageFigures[];
  winnable: Winnable[];
  lostReasons: { reason: string; count: number }[];
  bySource: SourceFigures[];
  /** Won deals of the period in other currencies: left out of the money figures (no exchange rates here). */
  otherCurrencyWon: number;
}

export interface MetricsInput {
  deals: readonly MetricDeal[];
  /** The whole stage history; any order. */
  changes: readonly MetricChange[];
  /** Stage ids in pipeline order. */
  stageOrder: readonly string[];
  currency: string;
  period: PeriodId;
  now: number;
  /** How many "most winnable" deals to list. */
  winnableCount?: number;
}

/** Index of the qualification stage: the built-in one, else the second stage (as the nudges read it). */
export function qualificationIndex(stageOrder: readonly string[]): number {
  const i = stageOrder.indexOf('qualification');
  return i >= 0 ? i : Math.min(1, stageOrder.length - 1);
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);
const inRange = (t: number | null, from: number | null, to: number) => t !== null && (from === null || t >= from) && t <= to;

/**
 * What the metrics need of one live deal, its history walked once: kept per
 * deal between runs (metrics-index.ts), so a write costs one deal's walk and
 * each period is one pass over these.
 */
export interface DealFacts {
  id: string;
  stageId: string;
  /** Index of the current stage; -1 for a stage no longer in the pipeline. */
  stageIndex: number;
  createdAt: number;
  status: DealStatus;
  closedAt: number | null;
  valueMinor: number;
  currency: string;
  lostReason: string | null;
  leadSource: string | null;
  owner: string | null;
  maxIndex: number;
  stays: DealPath['stays'];
}

/** Time order; equal times by id when known (the order the history was written in). */
export function byTime(a: MetricChange, b: MetricChange): number {
  return a.at - b.at || (a.id === b.id || a.id === undefined || b.id === undefined ? 0 : a.id < b.id ? -1 : 1);
}

/** One live deal's facts; `changes` are its own, sorted by byTime. */
export function dealFacts(d: MetricDeal, changes: readonly MetricChange[], indexOf: ReadonlyMap<string, number>): DealFacts {
  const path = dealPath(d, changes, indexOf);
  return {
    id: d.id,
    stageId: d.stageId,
    stageIndex: indexOf.get(d.stageId) ?? -1,
    createdAt: d.createdAt,
    status: d.status,
    closedAt: d.closedAt,
    valueMinor: d.valueMinor,
    currency: d.currency,
    lostReason: d.lostReason,
    leadSource: d.leadSource ?? null,
    owner: d.owner ?? null,
    maxIndex: path.maxIndex,
    stays: path.stays,
  };
}

export interface AggregateOptions {
  stageOrder: readonly string[];
  currency: string;
  period: PeriodId;
  now: number;
  winnableCount?: number;
}

/** Every figure of the dashboard's Metrics section, over one period. */
export function computeMetrics(input: MetricsInput): Metrics {
  const indexOf = new Map(input.stageOrder.map((id, i) => [id, i]));
  const live = input.deals.filter((d) => d.deletedAt === null);
  const liveIds = new Set(live.map((d) => d.id));
  const changesOf = new Map<string, MetricChange[]>();
  for (const c of input.changes) {
    if (!liveIds.has(c.dealId)) continue;
    const list = changesOf.get(c.dealId);
    if (list) list.push(c);
    else changesOf.set(c.dealId, [c]);
  }
  const facts = live.map((d) => {
    const changes = changesOf.get(d.id) ?? [];
    if (changes.length > 1) changes.sort(byTime);
    return dealFacts(d, changes, indexOf);
  });
  return aggregateMetrics(facts, input);
}

/**
 * The period's figures from the deals' facts. Sums are of whole minor units
 * and milliseconds (exact), so the figures do not depend on the deals' order.
 */
export function aggregateMetrics(facts: Iterable<DealFacts>, opts: AggregateOptions): Metrics {
  const { stageOrder, currency, now } = opts;
  const { from, to } = periodRange(opts.period, now);
  const scale = 10 ** currencyDigits(currency);
  const qi = qualificationIndex(stageOrder);

  const n = stageOrder.length;
  const reached = new Array<number>(n).fill(0);
  const advanced = new Array<number>(n).fill(0);
  const stayMs: number[][] = stageOrder.map(() => []);
  // All-time, for the forecast's weights: closed deals that reached each stage, and the won ones among them.
  const closedReached = new Array<number>(n).fill(0);
  const wonReached = new Array<number>(n).fill(0);

  let leads = 0;
  let qualified = 0;
  let won = 0;
  let lost = 0;
  let leadsWon = 0;
  let otherCurrencyWon = 0;
  let wonMinor = 0;
  let wonValues = 0;
  const cycle: number[] = [];
  const lifetime: number[] = [];
  const reasons = new Map<string, number>();
  const sources = new Map<string | null, { leads: number; leadsWon: number; won: number; lost: number; minor: number; values: number; cycleMs: number; cycles: number }>();
  const source = (s: string | null) => {
    let x = sources.get(s);
    if (!x) sources.set(s, (x = { leads: 0, leadsWon: 0, won: 0, lost: 0, minor: 0, values: 0, cycleMs: 0, cycles: 0 }));
    return x;
  };
  let allWon = 0;
  let allClosed = 0;
  const open: DealFacts[] = [];

  for (const d of facts) {
    const isWon = d.status === 'won';
    const closed = d.status !== 'open';
    if (!closed) open.push(d);
    if (closed) {
      allClosed++;
      if (isWon) allWon++;
      for (let k = 0; k <= d.maxIndex; k++) {
        closedReached[k]!++;
        if (isWon) wonReached[k]!++;
      }
    }
    const src = source(d.leadSource);
    if (inRange(d.createdAt, from, to)) {
      leads++;
      src.leads++;
      if (isWon) {
        leadsWon++;
        src.leadsWon++;
      }
      if (d.maxIndex > qi || isWon) qualified++;
      for (let k = 0; k <= d.maxIndex; k++) {
        reached[k]!++;
        if (d.maxIndex > k || isWon) advanced[k]!++;
      }
      for (const s of d.stays) stayMs[s.index]!.push(s.ms);
    }
    if (closed && inRange(d.closedAt, from, to)) {
      const ms = Math.max(0, d.closedAt! - d.createdAt);
      lifetime.push(ms);
      if (isWon) {
        won++;
        src.won++;
        cycle.push(ms);
        src.cycleMs += ms;
        src.cycles++;
        if (d.currency === currency) {
          wonMinor += d.valueMinor;
          wonValues++;
          src.minor += d.valueMinor;
          src.values++;
        } else otherCurrencyWon++;
      } else {
        lost++;
        src.lost++;
        const r = d.lostReason?.trim() || '';
        reasons.set(r, (reasons.get(r) ?? 0) + 1);
      }
    }
  }

  const avgDealSize = wonValues ? wonMinor / scale / wonValues : null;
  const cycleDays = daySpread(cycle);
  const closeRate = ratio(won, won + lost);
  const overallWinRate = ratio(allWon, allClosed);
  const winRates = stageOrder.map((_, k) => ratio(wonReached[k]!, closedReached[k]!));
  const weightOf = (k: number) => (k >= 0 ? (winRates[k] ?? overallWinRate ?? 0) : (overallWinRate ?? 0));

  const openCount = new Array<number>(n).fill(0);
  const openMinor = new Array<number>(n).fill(0);
  let openTotalMinor = 0;
  let forecast = 0;
  const winnable: Winnable[] = [];
  for (const d of open) {
    const k = d.stageIndex;
    const value = d.valueMinor / 10 ** currencyDigits(d.currency);
    const p = weightOf(k);
    winnable.push({ dealId: d.id, stageId: d.stageId, probability: p, value, weighted: value * p, currency: d.currency });
    if (d.currency !== currency) continue;
    openTotalMinor += d.valueMinor;
    if (k >= 0) {
      openCount[k]!++;
      openMinor[k]! += d.valueMinor;
    }
  }
  // The forecast per stage (exact sums of minor units, then the weight), and the deals no stage holds.
  let unstagedMinor = openTotalMinor;
  for (let k = 0; k < n; k++) {
    forecast += (openMinor[k]! / scale) * weightOf(k);
    unstagedMinor -= openMinor[k]!;
  }
  forecast += (unstagedMinor / scale) * weightOf(-1);
  winnable.sort((a, b) => b.probability - a.probability || b.weighted - a.weighted || (a.dealId < b.dealId ? -1 : 1));
  const openDeals = open.length;

  const velocityPerDay =
    closeRate !== null && avgDealSize !== null && cycleDays.mean !== null && cycleDays.mean > 0 ? (openDeals * closeRate * avgDealSize) / cycleDays.mean : 0;

  return {
    period: opts.period,
    from,
    to,
    currency,
    leads,
    qualified,
    won,
    lost,
    avgDealSize,
    cycleDays,
    lifetimeDays: daySpread(lifetime),
    closeRate,
    leadConversion: ratio(leadsWon, leads),
    openDeals,
    openValue: openTotalMinor / scale,
    velocityPerDay,
    velocityPer30Days: velocityPerDay * 30,
    forecast,
    stages: stageOrder.map((stageId, k) => ({
      stageId,
      reached: reached[k]!,
      advanced: advanced[k]!,
      conversion: ratio(advanced[k]!, reached[k]!),
      medianDays: stayMs[k]!.length ? median(stayMs[k]!)! / DAY_MS : null,
      stays: stayMs[k]!.length,
      open: openCount[k]!,
      openValue: openMinor[k]! / scale,
      weightedValue: (openMinor[k]! / scale) * weightOf(k),
      winRate: winRates[k]!,
    })),
    winnable: winnable.slice(0, opts.winnableCount ?? 10),
    lostReasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
    bySource: [...sources]
      .filter(([, s]) => s.leads + s.won + s.lost > 0)
      .map(([src, s]) => ({
        source: src,
        leads: s.leads,
        won: s.won,
        lost: s.lost,
        conversion: ratio(s.leadsWon, s.leads),
        closeRate: ratio(s.won, s.won + s.lost),
        avgDealSize: s.values ? s.minor / scale / s.values : null,
        cycleDays: s.cycles ? s.cycleMs / DAY_MS / s.cycles : null,
      }))
      .sort((a, b) => b.leads - a.leads || b.won - a.won || String(a.source ?? '').localeCompare(String(b.source ?? ''))),
    otherCurrencyWon,
  };
}

/** Mean and median of durations given in ms, in days. */
function daySpread(ms: readonly number[]): Spread {
  if (ms.length === 0) return { mean: null, median: null, count: 0 };
  let sum = 0;
  for (const v of ms) sum += v;
  return { mean: sum / DAY_MS / ms.length, median: median(ms)! / DAY_MS, count: ms.length };
}

/** One day's pipeline velocity: what the background keeps daily and back-fills from history. */
export interface VelocityPoint {
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  /** The moment it describes (end of that day, or now for today). */
  at: number;
  openDeals: number;
  closeRate: number | null;
  avgDealSize: number | null;
  cycleDays: number | null;
  velocityPerDay: number;
  currency: string;
}

/** Window of closed deals behind a snapshot's rates: the trend then shows change, not an ever-slower average. */
export const VELOCITY_WINDOW_DAYS = 90;

export function localDay(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Velocity as it stood at `at`, from the deals as they are now: open then =
 * created by then and not closed by then; rates from the deals closed in the
 * 90 days before. Deal values are today's (history keeps no old values), which
 * is why the background stores a snapshot each day instead of relying on this.
 */
export function velocityAt(deals: Iterable<MetricDeal>, at: number, currency: string): VelocityPoint {
  const scale = 10 ** currencyDigits(currency);
  const since = at - VELOCITY_WINDOW_DAYS * DAY_MS;
  let open = 0;
  let won = 0;
  let lost = 0;
  let valueSum = 0;
  let valueCount = 0;
  let cycleSum = 0;
  for (const d of deals) {
    if (d.deletedAt !== null || d.createdAt > at) continue;
    const closedBy = d.status !== 'open' && d.closedAt !== null && d.closedAt <= at;
    if (!closedBy) {
      open++;
      continue;
    }
    if (d.closedAt! <= since) continue;
    if (d.status === 'won') {
      won++;
      cycleSum += Math.max(0, d.closedAt! - d.createdAt) / DAY_MS;
      if (d.currency === currency) {
        valueSum += d.valueMinor / scale;
        valueCount++;
      }
    } else lost++;
  }
  const closeRate = ratio(won, won + lost);
  const avgDealSize = valueCount ? valueSum / valueCount : null;
  const cycleDays = won ? cycleSum / won : null;
  const velocityPerDay = closeRate !== null && avgDealSize !== null && cycleDays !== null && cycleDays > 0 ? (open * closeRate * avgDealSize) / cycleDays : 0;
  return { day: localDay(at), at, openDeals: open, closeRate, avgDealSize, cycleDays, velocityPerDay, currency };
}

/** End of each local day from the day of `start` through the day before `now`'s, oldest first. */
export function daysBetween(start: number, now: number): number[] {
  const out: number[] = [];
  const d = new Date(start);
  d.setHours(23, 59, 59, 999);
  const today = localDay(now);
  while (d.getTime() < now && localDay(d.getTime()) !== today) {
    out.push(d.getTime());
    d.setDate(d.getDate() + 1);
    d.setHours(23, 59, 59, 999);
  }
  return out;
}

/** Snapshots for the days that have none, from the first deal's day (at most `maxDays` back) to yesterday. */
export function backfillVelocity(deals: readonly MetricDeal[], known: ReadonlySet<string>, now: number, currency: string, maxDays = 365): VelocityPoint[] {
  let first = Infinity;
  for (const d of deals) if (d.deletedAt === null && d.createdAt < first) first = d.createdAt;
  if (!Number.isFinite(first)) return [];
  const start = Math.max(first, now - maxDays * DAY_MS);
  return daysBetween(start, now)
    .filter((t) => !known.has(localDay(t)))
    .map((t) => velocityAt(deals, t, currency));
}
