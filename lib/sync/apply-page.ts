import type { Table } from 'dexie';
import type { SidecarDb } from '../db';
import { markQuiet } from '../db/sync-outbox';
import { decodeHlc, encodeHlc, receiveHlc, ZERO_HLC } from '../domain/hlc';
import type { Company } from '../domain/records';
import { fromSyncData, toSyncData } from '../domain/sync-local';
import { rebaseLocal } from '../domain/sync-merge';
import { referencesTo, SYNC_TABLES, type SyncTable } from '../domain/sync-tables';
import type { PullRow } from '../domain/sync-wire';
import { markAllDirtyIf } from '../services/lead-facts';
import { forgetStageStays } from '../services/nudges';
import { readClock, readState, writeClock, writeState } from './state';
import { ALL_STALE } from './summaries';

type Row = Record<string, unknown>;
const rowKey = (t: string, id: string) => `${t}|${id}`;
/** The synced tables whose writes leave a nudge-engine marker per contact (lib/db/facts-dirty.ts). */
const MARKED: ReadonlySet<string> = new Set(['contacts', 'deals', 'companies']);

/** Every table a page may write, plus sync's own. */
export function pageTables(db: SidecarDb): Table[] {
  return [...SYNC_TABLES.map((t) => db.table(t)), db.outbox, db.syncState, db.summariesStale, db.resyncSeen, db.summaries, db.engineState, db.factsDirty];
}

/**
 * Applies one pulled page and moves the cursor past it, in one transaction:
 * a page is stored whole with its cursor, or not at all, so the cursor is
 * never ahead of the data. The writes are sync's own (no outbox entries).
 * Fields this device changed and has not had acknowledged keep their local
 * value (rebaseLocal): the server decides once they arrive.
 *
 * Returns false when the state moved meanwhile (disconnected, or another
 * run applied this page): nothing is written then.
 */
export async function applyPage(db: SidecarDb, expectedCursor: string, page: { rows: PullRow[]; cursor: string }, now: number): Promise<boolean> {
  return db.transaction('rw', pageTables(db), async (tx) => {
    markQuiet(tx.idbtrans);
    const st = await readState(db);
    if (!st || st.cursor !== expectedCursor) return false;

    const pending = await pendingFields(db, page.rows);
    // A page naming about as many contacts as there are (a first sync's) marks them all at once for the nudge
    // engine, and so does every page after it while that rebuild is pending (the run holds the engine).
    await markAllDirtyIf(db, page.rows.filter((r) => MARKED.has(r.t)).length);
    const stale = new Set<string>();
    let history = false;

    // Merged-away records first: what named them now names the survivor, and they go.
    for (const r of page.rows) if (r.m) await mergeLocally(db, r.t, r.id, r.m, stale);

    const byTable = new Map<SyncTable, PullRow[]>();
    for (const r of page.rows) if (!r.m) (byTable.get(r.t) ?? byTable.set(r.t, []).get(r.t)!).push(r);
    for (const [t, rows] of byTable) {
      const table = db.table(t);
      const existing = await existingRows(table, rows.map((r) => r.id));
      const out: Row[] = rows.map((r, i) => {
        const local = existing[i];
        const data = rebaseLocal(r.d, local ? toSyncData(t, local) : undefined, pending.get(rowKey(t, r.id)) ?? new Set());
        return fromSyncData(t, r.id, data, local, now);
      });
      if (t === 'companies') await makeRoomForDomains(db, out as unknown as Company[], stale);
      if (t === 'activities') {
        for (const a of out) stale.add(String(a.contactId));
        for (const a of existing) if (a) stale.add(String(a.contactId));
      }
      if (t === 'contacts') for (const c of out) stale.add(String(c.id));
      if (t === 'stageChanges') history = true;
      await table.bulkPut(out);
    }

    if (stale.size > 0) await listStale(db, stale);
    // The nudge engine keeps stage stays from the history as deals move: new history, built again.
    if (history) await forgetStageStays(db);
    if (st.resync) await db.resyncSeen.bulkPut(page.rows.filter((r) => !r.m).map((r) => ({ key: rowKey(r.t, r.id) })));

    // The clock moves past everything seen, so an edit made next is ordered after it.
    const seen = page.rows.reduce((m, r) => (r.s > m ? r.s : m), '');
    const remote = decodeHlc(seen);
    if (remote) {
      const last = decodeHlc((await readClock(db)) ?? '') ?? ZERO_HLC;
      await writeClock(db, encodeHlc(receiveHlc(last, remote, now + st.clockOffset, st.deviceId)));
    }
    await writeState(db, { ...st, cursor: page.cursor, received: (st.received ?? 0) + page.rows.length });
    return true;
  });
}

/**
 * The stored rows with these ids (undefined where none). One read per id is
 * most of the cost of a page when the table holds few of them (a first sync):
 * when the ids' key range holds no more rows than ids, they are read in one
 * range read instead.
 */
async function existingRows(table: Table, ids: string[]): Promise<(Row | undefined)[]> {
  if (ids.length < 50) return (await table.bulkGet(ids)) as (Row | undefined)[];
  const sorted = [...ids].sort();
  const range = table.where(':id').between(sorted[0], sorted[sorted.length - 1], true, true);
  if ((await range.count()) > ids.length) return (await table.bulkGet(ids)) as (Row | undefined)[];
  const key = table.schema.primKey.keyPath as string;
  const byId = new Map(((await range.toArray()) as Row[]).map((r) => [String(r[key]), r]));
  return ids.map((id) => byId.get(id));
}

/**
 * Lists contacts whose summaries are to be rebuilt, leaving out those listed already: a first sync's 100,000
 * activities name each of its 10,000 contacts on page after page, and writing each again (a put per contact per
 * page) cost as much as the activities' own puts. The list is read in one request (its keys only). A page naming
 * as many contacts as there are lists them all with one entry (ALL_STALE).
 */
async function listStale(db: SidecarDb, stale: Set<string>): Promise<void> {
  const listed = new Set((await db.summariesStale.toCollection().primaryKeys()) as string[]);
  // Every contact is listed already, but for those a rebuild in progress has passed.
  const after = listed.has(ALL_STALE) ? ((await db.summariesStale.get(ALL_STALE))?.after ?? '') : null;
  const fresh = [...stale].filter((id) => !listed.has(id) && (after === null || id <= after));
  if (fresh.length === 0) return;
  // As many as there are contacts (a first sync's page of contacts): one entry for all of them, in place of theirs.
  if (after === null && stale.size >= (await db.contacts.count())) {
    await db.summariesStale.clear();
    await db.summariesStale.put({ contactId: ALL_STALE, after: '' });
    return;
  }
  await db.summariesStale.bulkPut(fresh.map((contactId) => ({ contactId })));
}

/** Fields with changes in the outbox, per record of the page. */
async function pendingFields(db: SidecarDb, rows: PullRow[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (rows.length === 0 || (await db.outbox.count()) === 0) return out;
  const entries = await db.outbox
    .where('[t+id]')
    .anyOf(rows.map((r) => [r.t, r.id]))
    .toArray();
  for (const e of entries) {
    const set = out.get(rowKey(e.t, e.id)) ?? out.set(rowKey(e.t, e.id), new Set()).get(rowKey(e.t, e.id))!;
    for (const f of Object.keys(e.f)) set.add(f);
  }
  return out;
}

/** Everything naming `from` (of table `t`) names `to` from now on, and `from` goes. */
async function mergeLocally(db: SidecarDb, t: SyncTable, from: string, to: string, stale: Set<string>): Promise<void> {
  const gone = (await db.table(t).get(from)) as Row | undefined;
  for (const ref of referencesTo(t)) {
    const table = db.table(ref.table);
    const indexed = table.schema.indexes.some((i) => i.name === ref.field);
    const coll = indexed ? table.where(ref.field).equals(from) : table.filter((r: Row) => r[ref.field] === from);
    await coll.modify((r: Row) => {
      r[ref.field] = to;
      if (ref.table === 'activities') stale.add(String(r.contactId));
    });
  }
  if (t === 'contacts') {
    stale.add(to);
    stale.delete(from);
    await db.summaries.delete(from);
  }
  if (t === 'activities' && gone) stale.add(String(gone.contactId));
  if (gone) await db.table(t).delete(from);
}

/**
 * The extension keeps one company per domain (a unique index). A pulled
 * company may meet a local one with the same domain that the server has not
 * merged yet (made here, not pushed): the smaller id wins, as on the server,
 * so the local one is merged into the pulled one now, or the pulled one is
 * kept without its domain until the server's merge arrives.
 */
async function makeRoomForDomains(db: SidecarDb, pulled: Company[], stale: Set<string>): Promise<void> {
  const withDomain = pulled.filter((c) => c.domain);
  if (withDomain.length === 0) return;
  const local = await db.companies.where('domain').anyOf(withDomain.map((c) => c.domain!)).toArray();
  const byDomain = new Map(local.map((c) => [c.domain!, c]));
  for (const c of withDomain) {
    const other = byDomain.get(c.domain!);
    if (!other || other.id === c.id) continue;
    if (c.id < other.id) await mergeLocally(db, 'companies', other.id, c.id, stale);
    else c.domain = null;
  }
}

/** At the end of a full re-sync: records the server no longer has (and this device is not about to send) are dropped. */
export async function finishResync(db: SidecarDb): Promise<void> {
  await db.transaction('rw', pageTables(db), async (tx) => {
    markQuiet(tx.idbtrans);
    const st = await readState(db);
    if (!st?.resync) return;
    const seen = new Set((await db.resyncSeen.toCollection().primaryKeys()) as string[]);
    const pending = new Set((await db.outbox.toArray()).map((e) => rowKey(e.t, e.id)));
    for (const t of SYNC_TABLES) {
      if (t === 'settings') continue;
      const keys = (await db.table(t).toCollection().primaryKeys()) as string[];
      const drop = keys.filter((id) => !seen.has(rowKey(t, id)) && !pending.has(rowKey(t, id)));
      if (drop.length > 0) {
        if (t === 'activities') for (const a of await db.activities.bulkGet(drop)) if (a) await db.summariesStale.put({ contactId: a.contactId });
        if (t === 'contacts') await db.summaries.bulkDelete(drop);
        await db.table(t).bulkDelete(drop);
      }
    }
    await db.resyncSeen.clear();
    await writeState(db, { ...st, resync: false });
  });
}
