import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import { decodeHlc, encodeHlc, tickHlc, ZERO_HLC } from '../domain/hlc';
import { diffSyncData, syncId, toSyncData } from '../domain/sync-local';
import type { ChangeOp } from '../domain/sync-merge';
import { SYNC_TABLES, type SyncData, type SyncTable } from '../domain/sync-tables';

/**
 * Sync's outbox, written in the same transaction as every local write to a
 * synced table, by whatever service makes it: a Dexie middleware, like the
 * nudge engine's change markers (facts-dirty.ts). Only while sync is
 * connected (a device id in `syncState`); otherwise nothing is recorded and
 * a later connect uploads everything. Writes that sync itself makes when it
 * applies pulled records are marked quiet and never echo back here.
 *
 * Each entry is one change as it will be pushed: an `insert` for an `add`, a
 * `put` of the whole record for a `put` of a new one, and a `patch` of the
 * fields that differ for a `put` over an existing row (an `update()` is one).
 * Hard deletes are local clean-up (expired snoozes) and are not synced:
 * deletion is a tombstone, a field like any other.
 */

export const OUTBOX_TABLE = 'outbox';
export const SYNC_STATE_TABLE = 'syncState';
export const STATE_KEY = 'state';
export const CLOCK_KEY = 'clock';

export interface OutboxEntry {
  seq?: number;
  t: SyncTable;
  id: string;
  op: ChangeOp;
  f: SyncData;
  /** Hybrid-logical-clock stamp of the write. */
  s: string;
}

/** What the middleware needs of the sync state: set while connected. */
export interface ConnectedState {
  deviceId: string;
  /** Server time minus local time, once the server found this clock far off. */
  clockOffset: number;
}

export interface ClockRow {
  key: typeof CLOCK_KEY;
  hlc: string;
}

const SYNCED: ReadonlySet<string> = new Set(SYNC_TABLES);
const quiet = new WeakSet<object>();

/** Marks a transaction as sync's own: its writes record nothing in the outbox. */
export function markQuiet(idbTransaction: object): void {
  quiet.add(idbTransaction);
}

interface TransState {
  state: ConnectedState | null;
  hlc: string;
}

export const syncOutboxMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'syncOutbox',
  create(down) {
    // While an older database is being upgraded the stores may not exist yet: nothing is recorded then.
    if (!down.schema.tables.some((t) => t.name === OUTBOX_TABLE)) return down;
    const outbox = down.table(OUTBOX_TABLE);
    const meta = down.table(SYNC_STATE_TABLE);
    const perTrans = new WeakMap<DBCoreTransaction, Promise<TransState>>();

    const load = (trans: DBCoreTransaction): Promise<TransState> => {
      let p = perTrans.get(trans);
      if (!p) {
        p = meta.getMany({ trans, keys: [STATE_KEY, CLOCK_KEY] }).then(([state, clock]) => ({
          state: state && typeof state.deviceId === 'string' ? (state as ConnectedState) : null,
          hlc: (clock as ClockRow | undefined)?.hlc ?? encodeHlc(ZERO_HLC),
        }));
        perTrans.set(trans, p);
      }
      return p;
    };

    return {
      ...down,
      transaction(stores, mode, options) {
        // A writing transaction over a synced table also covers the outbox and the clock, so they commit (or abort) with it.
        const scope =
          mode === 'readwrite' && stores.some((s) => SYNCED.has(s))
            ? [...stores, ...[OUTBOX_TABLE, SYNC_STATE_TABLE].filter((s) => !stores.includes(s))]
            : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!SYNCED.has(name)) return table;
        const syncTable = name as SyncTable;
        const extractKey = table.schema.primaryKey.extractKey;
        const wrapped: DBCoreTable = {
          ...table,
          // Plain promise chains, no async functions: an async function's native promise would leave Dexie's
          // transaction zone, and a caller's later awaits inside its transaction would find it committed.
          mutate(req) {
            // Schema upgrades rewrite rows on every device alike: migrations, not edits to sync.
            const upgrading = (req.trans as unknown as { mode?: string }).mode === 'versionchange';
            if (upgrading || quiet.has(req.trans) || (req.type !== 'add' && req.type !== 'put')) return table.mutate(req);
            return load(req.trans).then((ts) => {
              if (!ts.state) return table.mutate(req);
              const state = ts.state;
              return plan(table, syncTable, req, extractKey).then((planned) =>
                table.mutate(req).then((res) => {
                  const done = planned.filter((p): p is Planned => !!p && !(p.index in res.failures));
                  if (done.length === 0) return res;
                  const h = tickHlc(decodeHlc(ts.hlc) ?? ZERO_HLC, Date.now() + state.clockOffset, state.deviceId);
                  const s = encodeHlc(h);
                  ts.hlc = s;
                  return Promise.all([
                    outbox.mutate({ type: 'add', trans: req.trans, values: done.map(({ change }) => ({ ...change, s })) }),
                    meta.mutate({ type: 'put', trans: req.trans, values: [{ key: CLOCK_KEY, hlc: s } satisfies ClockRow] }),
                  ]).then(() => res);
                }),
              );
            });
          },
        };
        return wrapped;
      },
    };
  },
};

interface Planned {
  index: number;
  change: Omit<OutboxEntry, 's'>;
}

/** The outbox entries a write will need, from the rows as they are before it. */
function plan(
  table: DBCoreTable,
  syncTable: SyncTable,
  req: Extract<DBCoreMutateRequest, { type: 'add' | 'put' }>,
  extractKey: ((v: unknown) => unknown) | null,
): Promise<(Planned | null)[]> {
  const values = req.values as Record<string, unknown>[];
  if (req.type === 'add') {
    return Promise.resolve(
      values.map((v, index) => {
        const id = syncId(syncTable, v);
        return id === null ? null : { index, change: { t: syncTable, id, op: 'insert' as const, f: toSyncData(syncTable, v) } };
      }),
    );
  }
  const keys = req.keys ?? values.map((v) => extractKey?.(v));
  return table.getMany({ trans: req.trans, keys }).then((before: (Record<string, unknown> | undefined)[]) =>
    values.map((v, index) => {
      const id = syncId(syncTable, v);
      if (id === null) return null;
      const old = before[index];
      if (!old) return { index, change: { t: syncTable, id, op: 'put' as const, f: toSyncData(syncTable, v) } };
      const f = diffSyncData(toSyncData(syncTable, old), toSyncData(syncTable, v));
      return Object.keys(f).length === 0 ? null : { index, change: { t: syncTable, id, op: 'patch' as const, f } };
    }),
  );
}
