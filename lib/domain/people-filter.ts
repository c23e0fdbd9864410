import { ownerMatches, type OwnerFilter } from './deal-owner';
import { currencyDigits } from './money';
import type { DealStatus } from './records';

// People & deals: the filters and the sort of the dashboard's table. Pure, on
// the rows the pipeline view sends (lib/services/dashboard PipelineRow fits).

const DAY_MS = 86_400_000;

export interface PeopleRow {
  name: string;
  company: string | null;
  deal: { stageId: string; status: DealStatus; valueMinor: number; currency: string; owner: string | null } | null;
  score: number;
  nudge: { dueAt: number } | null;
  lastTouchAt: number | null;
}

export const TOUCH_FILTERS = ['any', '7d', '30d', 'over30d', 'never'] as const;
export type TouchFilter = (typeof TOUCH_FILTERS)[number];
export { OWNER_FILTERS, type OwnerFilter } from './deal-owner';

export const NUDGE_FILTERS = ['any', 'due', 'none'] as const;
export type NudgeFilter = (typeof NUDGE_FILTERS)[number];

export interface PeopleFilter {
  /** 'any', a stage id (open deals in it), 'won', 'lost', or 'none' (no deal). */
  stage: string;
  scoreMin: number | null;
  scoreMax: number | null;
  touch: TouchFilter;
  /** 'due': a nudge due now; 'none': none due. */
  nudge: NudgeFilter;
  owner: OwnerFilter;
}

export const NO_FILTER: PeopleFilter = { stage: 'any', scoreMin: null, scoreMax: null, touch: 'any', nudge: 'any', owner: 'all' };

export function isFiltered(f: PeopleFilter): boolean {
  return f.stage !== 'any' || f.scoreMin !== null || f.scoreMax !== null || f.touch !== 'any' || f.nudge !== 'any' || f.owner !== 'all';
}

export function matchesFilter(row: PeopleRow, f: PeopleFilter, now: number, myAddresses: readonly string[]): boolean {
  const d = row.deal;
  if (f.stage !== 'any') {
    if (f.stage === 'none') {
      if (d) return false;
    } else if (f.stage === 'won' || f.stage === 'lost') {
      if (d?.status !== f.stage) return false;
    } else if (!d || d.status !== 'open' || d.stageId !== f.stage) return false;
  }
  if (f.scoreMin !== null && row.score < f.scoreMin) return false;
  if (f.scoreMax !== null && row.score > f.scoreMax) return false;
  if (f.touch !== 'any') {
    const t = row.lastTouchAt;
    if (f.touch === 'never') {
      if (t !== null) return false;
    } else if (t === null) return false;
    else if (f.touch === '7d' && now - t > 7 * DAY_MS) return false;
    else if (f.touch === '30d' && now - t > 30 * DAY_MS) return false;
    else if (f.touch === 'over30d' && now - t <= 30 * DAY_MS) return false;
  }
  if (f.nudge !== 'any') {
    const due = row.nudge !== null && row.nudge.dueAt <= now;
    if (due !== (f.nudge === 'due')) return false;
  }
  // 'mine' keeps the unowned ones and the people with no deal (deal-owner.ts).
  if (!ownerMatches(d, f.owner, myAddresses)) return false;
  return true;
}

/** A mask of the rows that pass: 1 = shown. */
export function filterMask(rows: readonly PeopleRow[], f: PeopleFilter, now: number, myAddresses: readonly string[]): Uint8Array {
  const mask = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) mask[i] = matchesFilter(rows[i]!, f, now, myAddresses) ? 1 : 0;
  return mask;
}

export const SORT_KEYS = ['name', 'company', 'stage', 'value', 'score', 'lastTouch', 'nudge'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

/**
 * Row indexes in the order of `sort`, computed once per data and sort (not per
 * keystroke: the search then walks this order). Rows without a value (no deal,
 * never touched, no nudge) go last either way; ties keep name order.
 */
export function sortedOrder(rows: readonly PeopleRow[], sort: Sort, stageOrder: readonly string[], collator: Intl.Collator): Int32Array {
  const n = rows.length;
  const stageRank = new Map(stageOrder.map((id, i) => [id, i]));
  const key = new Float64Array(n);
  const missing = new Uint8Array(n);
  const text: (string | null)[] = sort.key === 'name' || sort.key === 'company' ? new Array(n) : [];
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const d = r.deal;
    switch (sort.key) {
      case 'name':
        text[i] = r.name;
        break;
      case 'company':
        text[i] = r.company;
        if (!r.company) missing[i] = 1;
        break;
      case 'stage':
        // Pipeline order, then Won, then Lost.
        if (!d) missing[i] = 1;
        else key[i] = d.status === 'open' ? (stageRank.get(d.stageId) ?? stageOrder.length) : stageOrder.length + (d.status === 'won' ? 1 : 2);
        break;
      case 'value':
        if (!d) missing[i] = 1;
        else key[i] = d.valueMinor / 10 ** currencyDigits(d.currency);
        break;
      case 'score':
        key[i] = r.score;
        break;
      case 'lastTouch':
        if (r.lastTouchAt === null) missing[i] = 1;
        else key[i] = r.lastTouchAt;
        break;
      case 'nudge':
        if (!r.nudge) missing[i] = 1;
        else key[i] = r.nudge.dueAt;
        break;
    }
  }
  // Name order first (the tie-break), then a stable sort by the key.
  const byName = Array.from({ length: n }, (_, i) => i).sort((a, b) => collator.compare(rows[a]!.name, rows[b]!.name) || a - b);
  const rank = new Int32Array(n);
  byName.forEach((row, k) => (rank[row] = k));
  const sign = sort.dir === 'asc' ? 1 : -1;
  const order = sort.key === 'name' ? byName : byName.slice();
  if (sort.key !== 'name') {
    order.sort((a, b) => {
      if (missing[a] !== missing[b]) return missing[a]! - missing[b]!;
      if (missing[a]) return rank[a]! - rank[b]!;
      const c = text.length ? collator.compare(text[a]!, text[b]!) : key[a]! - key[b]!;
      return c !== 0 ? sign * c : rank[a]! - rank[b]!;
    });
  } else if (sort.dir === 'desc') order.reverse();
  return Int32Array.from(order);
}

/** The rows to show: `order` kept where the search hit (null: no search) and the filter passed. */
export function visibleRows(order: Int32Array, hits: Int32Array | null, mask: Uint8Array): Int32Array {
  let hit: Uint8Array | null = null;
  if (hits) {
    hit = new Uint8Array(mask.length);
    for (let k = 0; k < hits.length; k++) hit[hits[k]!] = 1;
  }
  const out = new Int32Array(order.length);
  let n = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    if (mask[i] && (!hit || hit[i])) out[n++] = i;
  }
  return out.slice(0, n);
}
