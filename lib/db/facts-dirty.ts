import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';

/**
 * Marks contacts whose nudge inputs changed, in the same transaction as the
 * change. Every write to contacts, deals, summaries (so every activity write)
 * or companies, through any service present or future, leaves a row in
 * `factsDirty`: the nudge engine drains them to refresh its packed facts. In
 * the database rather than in memory, because the MV3 worker may stop between
 * a write and the engine's turn; keyed rather than timestamped, so a clock
 * that moves backwards loses nothing.
 * See docs/architecture.md, "The nudge facts and their change marker".
 */

export const DIRTY_TABLE = 'factsDirty';
/** Everything must be rebuilt: a change whose contact cannot be told from its key (a deal deleted outright, a range delete). */
export const DIRTY_ALL = '*';
export const dirtyContact = (id: string) => `c:${id}`;
export const dirtyCompany = (id: string) => `co:${id}`;

export interface DirtyRow {
  key: string;
  /** Unique per write: the engine deletes a marker only if no later write renewed it while it worked. */
  token: number;
}

const WATCHED: ReadonlySet<string> = new Set(['contacts', 'deals', 'summaries', 'companies']);

let seq = 0;
const token = () => Date.now() * 1024 + (seq++ % 1024);

/** The "rebuild everything" marker, for a service to put in its own transaction (over `factsDirty`). */
export const everythingDirty = (): DirtyRow => ({ key: DIRTY_ALL, token: token() });

type Row = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** The markers a mutation of `table` leaves. */
export function dirtyKeys(table: string, req: DBCoreMutateRequest): string[] {
  if (req.type === 'deleteRange') return [DIRTY_ALL];
  if (req.type === 'delete') {
    if (table === 'contacts' || table === 'summaries') return req.keys.map((k) => dirtyContact(String(k)));
    if (table === 'companies') return req.keys.map((k) => dirtyCompany(String(k)));
    return [DIRTY_ALL];
  }
  const pick = (field: string, mark: (id: string) => string) =>
    (req.values as Row[]).map((v) => str(v?.[field])).flatMap((id) => (id === null ? [] : [mark(id)]));
  if (table === 'contacts') return pick('id', dirtyContact);
  if (table === 'summaries') return pick('contactId', dirtyContact);
  if (table === 'deals') return pick('contactId', dirtyContact);
  if (table === 'companies') return pick('id', dirtyCompany);
  return [];
}

/**
 * The keys each writing transaction has marked already. A transaction commits
 * whole, so the engine can never see a marker it wrote before a later write
 * of the same transaction: one marker per key is enough, and none at all once
 * the transaction holds DIRTY_ALL (everything is rebuilt then). An import of
 * 50,000 people writes each one's contact and summary, a restore clears the
 * tables first: without this, tens of thousands of redundant marker writes.
 */
const markedIn = new WeakMap<object, Set<string>>();

function unmarked(trans: object, keys: string[]): string[] {
  let marked = markedIn.get(trans);
  if (!marked) markedIn.set(trans, (marked = new Set()));
  if (marked.has(DIRTY_ALL)) return [];
  const out: string[] = [];
  for (const k of keys) {
    if (marked.has(k)) continue;
    marked.add(k);
    out.push(k);
  }
  return out;
}

export const factsDirtyMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'factsDirty',
  create(down) {
    // While an older database is being upgraded the store may not exist yet: nothing is marked then.
    if (!down.schema.tables.some((t) => t.name === DIRTY_TABLE)) return down;
    return {
      ...down,
      transaction(stores, mode, options) {
        // A writing transaction over a watched table also covers the markers, so they commit (or abort) with it.
        const scope = mode === 'readwrite' && stores.some((s) => WATCHED.has(s)) && !stores.includes(DIRTY_TABLE) ? [...stores, DIRTY_TABLE] : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name === DIRTY_TABLE) {
          return {
            ...table,
            mutate(req) {
              // A service marking everything itself (a large import): nothing more needs a marker in this transaction.
              if (req.type === 'put' && (req.values as Partial<DirtyRow>[]).some((v) => v?.key === DIRTY_ALL)) markedIn.set(req.trans, new Set([DIRTY_ALL]));
              // Any other write or delete of markers (forget, the engine): what this transaction marked is no longer known.
              else markedIn.delete(req.trans);
              return table.mutate(req);
            },
          };
        }
        if (!WATCHED.has(name)) return table;
        const marks = down.table(DIRTY_TABLE);
        const wrapped: DBCoreTable = {
          ...table,
          mutate(req) {
            const keys = unmarked(req.trans, dirtyKeys(name, req));
            if (keys.length === 0) return table.mutate(req);
            const t = token();
            // Both requests are placed at once, in the caller's transaction.
            const marked = marks.mutate({ type: 'put', trans: req.trans, values: keys.map((key) => ({ key, token: t })) });
            return Promise.all([table.mutate(req), marked]).then(([res]) => res);
          },
        };
        return wrapped;
      },
    };
  },
};
