import { aggregateMetrics, byTime, dealFacts, type AggregateOptions, type DealFacts, type MetricChange, type MetricDeal, type Metrics } from './metrics';

type Change = MetricChange & { id: string };

/**
 * The deals and their stage history kept in memory, with each live deal's
 * facts (metrics.ts, dealFacts) kept until the deal or its history changes.
 * A write then costs the walk of the deals it touched, and a period's metrics
 * one pass over the facts: the same figures computeMetrics gives from scratch
 * (metrics-index.test.ts checks that on random histories and writes).
 * Pure: the caller (lib/services/pipeline-history.ts) says what was written.
 */
export class MetricsIndex<D extends MetricDeal = MetricDeal, C extends Change = Change> {
  readonly deals = new Map<string, D>();
  readonly changes = new Map<string, C>();
  private readonly changesOf = new Map<string, C[]>();
  private readonly facts = new Map<string, DealFacts>();
  /** Deals whose facts must be walked again. */
  private readonly stale = new Set<string>();
  private stageKey = '';
  private indexOf = new Map<string, number>();
  /** Bumped by every change, so callers can keep what they derive (arrays, results) until the next one. */
  version = 0;

  putDeal(d: D): void {
    this.deals.set(d.id, d);
    this.touch(d.id);
  }

  deleteDeal(id: string): void {
    if (!this.deals.delete(id)) return;
    this.touch(id);
  }

  putChange(c: C): void {
    const old = this.changes.get(c.id);
    if (old) this.unlist(old);
    this.changes.set(c.id, c);
    const list = this.changesOf.get(c.dealId);
    if (list) list.push(c);
    else this.changesOf.set(c.dealId, [c]);
    this.touch(c.dealId);
    if (old && old.dealId !== c.dealId) this.touch(old.dealId);
  }

  deleteChange(id: string): void {
    const old = this.changes.get(id);
    if (!old) return;
    this.changes.delete(id);
    this.unlist(old);
    this.touch(old.dealId);
  }

  /** Forgets everything (before a full read). */
  clear(): void {
    this.deals.clear();
    this.changes.clear();
    this.changesOf.clear();
    this.facts.clear();
    this.stale.clear();
    this.version++;
  }

  /** The period's figures over the live deals, or over those `keep` says (one owner's: deal-owner.ts). */
  metrics(opts: AggregateOptions, keep?: (facts: DealFacts) => boolean): Metrics {
    this.refresh(opts.stageOrder);
    return aggregateMetrics(keep ? [...this.facts.values()].filter(keep) : this.facts.values(), opts);
  }

  private refresh(stageOrder: readonly string[]): void {
    const key = stageOrder.join('\u0000');
    if (key !== this.stageKey) {
      // The stage order is part of every deal's walk: all of them again.
      this.stageKey = key;
      this.indexOf = new Map(stageOrder.map((id, i) => [id, i]));
      this.facts.clear();
      for (const id of this.deals.keys()) this.stale.add(id);
    }
    for (const id of this.stale) {
      const d = this.deals.get(id);
      if (!d || d.deletedAt !== null) {
        this.facts.delete(id);
        continue;
      }
      const list = this.changesOf.get(id) ?? [];
      list.sort(byTime);
      this.facts.set(id, dealFacts(d, list, this.indexOf));
    }
    this.stale.clear();
  }

  private unlist(c: C): void {
    const list = this.changesOf.get(c.dealId);
    if (!list) return;
    const i = list.indexOf(c);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.changesOf.delete(c.dealId);
  }

  private touch(dealId: string): void {
    this.stale.add(dealId);
    this.version++;
  }
}
