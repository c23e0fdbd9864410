import { cmp, Dexie, type EntityTable, type IDType, type IndexableType, type IntervalTree } from 'dexie';
import type { SidecarDb } from '../db';
import { MetricsIndex } from '../domain/metrics-index';
import type { Deal, StageChange } from '../domain/records';
import { tableFingerprint } from './view-cache';

// Every deal and the whole stage history, kept in the background's memory
// between runs of the dashboard's views (metrics, review, the daily velocity
// snapshot), with each deal's metric facts (MetricsIndex). Reading the 250,000
// records of a big pipeline again after each write took seconds; instead,
// Dexie's change notifications say which primary keys each committed write
// touched (single keys, or a range for a range delete and for bulk writes of
// 50 rows or more), and only those are read again. Writes beneath Dexie (a
// raw IndexedDB write from another context) leave no notification here, so
// after applying what we were told, the tables' last key and newest updatedAt
// (and, at most once a minute, their row counts) must match what is in
// memory; if not, everything is read again.
// That full read is also what the first request after the service worker
// starts costs (a cold start).

type TableName = 'deals' | 'stageChanges';
const TABLES: readonly TableName[] = ['deals', 'stageChanges'];
interface KeyRange {
  from: IndexableType;
  to: IndexableType;
}

/** What the cheap check should find, kept up to date as rows are applied (a scan only after a delete). */
interface Extent {
  last: string | undefined;
  newest: number | undefined;
  /** A row at one of the extremes went away or got older: scan again. */
  stale: boolean;
}

interface Store {
  index: MetricsIndex<Deal, StageChange>;
  extent: Record<TableName, Extent>;
  loaded: boolean;
  /** Primary-key ranges written since they were last applied; null: start over (a clear, or nothing loaded yet). */
  pending: Record<TableName, KeyRange[] | null>;
  syncing: Promise<void> | null;
  /** When memory last matched the tables' row counts. */
  countedAt: number;
  arrays?: { version: number; deals: Deal[]; changes: StageChange[] };
  /** Full reads so far (for the bench and tests). */
  fullReads: number;
}

const stores = new Map<string, Store>();
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  Dexie.on('storagemutated', (parts) => {
    for (const [key, tree] of Object.entries(parts)) {
      // The primary key's part is "idb://<db>/<table>/" (an index's has its name after the slash).
      const m = /^idb:\/\/([^/]+)\/([^/]+)\/$/.exec(key);
      if (!m) continue;
      const store = stores.get(m[1]!);
      const table = m[2] as TableName;
      if (!store || !TABLES.includes(table)) continue;
      const list = store.pending[table];
      if (list) collectRanges(tree, list);
    }
  });
}

/** The ranges of an interval tree (Dexie's RangeSet, or its plain-object copy from another context). */
function collectRanges(tree: IntervalTree, out: KeyRange[]): void {
  const stack: IntervalTree[] = [tree];
  while (stack.length) {
    const node = stack.pop()!;
    if (!('from' in node)) continue;
    out.push({ from: node.from, to: node.to });
    if (node.l) stack.push(node.l);
    if (node.r) stack.push(node.r);
  }
}

function storeOf(db: SidecarDb): Store {
  listen();
  let store = stores.get(db.name);
  if (!store) {
    store = { index: new MetricsIndex<Deal, StageChange>(), extent: { deals: fresh(), stageChanges: fresh() }, loaded: false, pending: { deals: null, stageChanges: null }, syncing: null, countedAt: 0, fullReads: 0 };
    stores.set(db.name, store);
  }
  return store;
}

const isPoint = (r: KeyRange) => typeof r.from === 'string' && r.from === r.to;

/** Applies the written key ranges of one table: single keys by bulkGet, ranges by a primary-key range read. */
async function apply<T extends { id: string }>(table: EntityTable<T, 'id'>, ranges: KeyRange[], keys: () => IterableIterator<string>, put: (row: T) => void, remove: (id: string) => void) {
  const points = [...new Set(ranges.filter(isPoint).map((r) => r.from as string))];
  const spans = ranges.filter((r) => !isPoint(r));
  const [rows, ...spanRows] = await Promise.all([table.bulkGet(points as IDType<T, 'id'>[]), ...spans.map((r) => table.where(':id').between(r.from, r.to, true, true).toArray())]);
  rows.forEach((row, i) => (row ? put(row) : remove(points[i]!)));
  spans.forEach((span, i) => {
    const found = new Set(spanRows[i]!.map((r) => r.id));
    for (const id of [...keys()]) if (!found.has(id) && cmp(id, span.from) >= 0 && cmp(id, span.to) <= 0) remove(id);
    for (const row of spanRows[i]!) put(row);
  });
}

const fresh = (): Extent => ({ last: undefined, newest: undefined, stale: true });

type Row = { id: string; updatedAt?: number };
function noteRow(e: Extent, row: Row, old: Row | undefined): void {
  if (!old && (e.last === undefined || row.id > e.last)) e.last = row.id;
  if (old?.updatedAt !== undefined && old.updatedAt === e.newest && (row.updatedAt ?? -Infinity) < old.updatedAt) e.stale = true;
  if (row.updatedAt !== undefined && (e.newest === undefined || row.updatedAt > e.newest)) e.newest = row.updatedAt;
}
function noteGone(e: Extent, old: Row | undefined): void {
  if (old && (old.id === e.last || (old.updatedAt !== undefined && old.updatedAt === e.newest))) e.stale = true;
}

/** What the database's cheap check (view-cache tableFingerprint) should say if memory holds exactly the table. */
function expected(store: Store, table: TableName, withCount: boolean): string {
  const rows: Map<string, Row> = table === 'deals' ? store.index.deals : store.index.changes;
  const e = store.extent[table];
  if (e.stale) {
    e.last = undefined;
    e.newest = undefined;
    for (const r of rows.values()) noteRow(e, r, undefined);
    e.stale = false;
  }
  const tail = `${String(e.last)}/${table === 'deals' ? (e.newest ?? '') : ''}`;
  return withCount ? `${rows.size}/${tail}` : tail;
}

// Counting a table reads all of it (a quarter of a second for the history of 50,000 deals on a busy machine):
// the count is checked at most once a minute, the last key and newest updatedAt (index ends) every time.
const COUNT_EVERY_MS = 60_000;

/** Whether the database's tables look like memory (see the top of this file). */
async function matches(db: SidecarDb, store: Store): Promise<boolean> {
  const count = Date.now() - store.countedAt >= COUNT_EVERY_MS;
  const [dealsFp, changesFp] = await Promise.all(TABLES.map((t) => (count ? tableFingerprint(db, t) : tails(db, t))));
  const same = dealsFp === expected(store, 'deals', count) && changesFp === expected(store, 'stageChanges', count);
  if (same && count) store.countedAt = Date.now();
  return same;
}

async function tails(db: SidecarDb, table: TableName): Promise<string> {
  const t = db.table(table);
  const [lastKey, newest] = await Promise.all([t.toCollection().lastKey(), table === 'deals' ? t.orderBy('updatedAt').last() : undefined]);
  return `${String(lastKey)}/${table === 'deals' ? ((newest as Deal | undefined)?.updatedAt ?? '') : ''}`;
}

async function fullRead(db: SidecarDb, store: Store): Promise<void> {
  store.pending = { deals: [], stageChanges: [] };
  const [deals, changes] = await Promise.all([db.deals.toArray(), db.stageChanges.toArray()]);
  const index = store.index;
  index.clear();
  store.extent = { deals: fresh(), stageChanges: fresh() };
  for (const d of deals) index.putDeal(d);
  for (const c of changes) index.putChange(c);
  store.loaded = true;
  store.countedAt = Date.now();
  store.fullReads++;
}

/** Applies one table's written ranges to memory, keeping its extent (what the cheap check should find) in step. */
function applyTable(db: SidecarDb, store: Store, name: TableName, ranges: KeyRange[]): Promise<void> | undefined {
  if (ranges.length === 0) return undefined;
  const index = store.index;
  const extent = store.extent[name];
  if (name === 'deals') {
    return apply(db.deals, ranges, () => index.deals.keys(), (d) => (noteRow(extent, d, index.deals.get(d.id)), index.putDeal(d)), (id) => (noteGone(extent, index.deals.get(id)), index.deleteDeal(id)));
  }
  return apply(db.stageChanges, ranges, () => index.changes.keys(), (c) => (noteRow(extent, c, index.changes.get(c.id)), index.putChange(c)), (id) => (noteGone(extent, index.changes.get(id)), index.deleteChange(id)));
}

async function sync(db: SidecarDb, store: Store): Promise<void> {
  for (let round = 0; ; round++) {
    const { deals, stageChanges } = store.pending;
    if (!store.loaded || !deals || !stageChanges || round > 3) return fullRead(db, store);
    store.pending = { deals: [], stageChanges: [] };
    await Promise.all([applyTable(db, store, 'deals', deals), applyTable(db, store, 'stageChanges', stageChanges)]);
    if (await matches(db, store)) return;
    // A write we were not told about yet (its notice comes after the commit), or one beneath Dexie: apply
    // what has come meanwhile and check again; read everything when that does not settle it.
    const told = (store.pending.deals?.length ?? 1) + (store.pending.stageChanges?.length ?? 1);
    if (told === 0) return fullRead(db, store);
  }
}

/** The deals and stage history as they are in the database now, with their metric facts. */
export async function pipelineHistory(db: SidecarDb): Promise<MetricsIndex<Deal, StageChange>> {
  const store = storeOf(db);
  // One sync at a time: each caller's runs after the one before it (and finds little left to do).
  const previous = store.syncing ?? Promise.resolve();
  const running = previous.catch(() => undefined).then(() => sync(db, store));
  store.syncing = running;
  try {
    await running;
  } finally {
    if (store.syncing === running) store.syncing = null;
  }
  return store.index;
}

/** The same as arrays (made once per version), for the views that walk them whole. */
export async function historyArrays(db: SidecarDb): Promise<{ deals: Deal[]; changes: StageChange[] }> {
  const index = await pipelineHistory(db);
  const store = storeOf(db);
  if (store.arrays?.version !== index.version) store.arrays = { version: index.version, deals: [...index.deals.values()], changes: [...index.changes.values()] };
  return store.arrays;
}

/** How many times the whole history was read (cold start, or a write we could not follow). */
export function fullReads(db: SidecarDb): number {
  return storeOf(db).fullReads;
}
