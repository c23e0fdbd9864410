// What IndexedDB itself costs in this browser, below Dexie and below every
// service: the floor under the import, restore and first-sync rows (issues 12
// and 13 write one record per contact, deal, stage change and activity). Raw
// IndexedDB, one readwrite transaction per run, requests issued back to back,
// in a database of its own that is deleted before and after.
//
// Three shapes of the same activity rows:
// - into a store with the product's own activities indexes (read from the
//   schema, so the figure follows it), one put per row: what a restore pays;
// - into a store without indexes: what is left is the cost of one request;
// - packed, 1,000 rows per record: the same bytes in a fiftieth of the requests.

import { SidecarDb } from '@/lib/db';
import { ACTIVITY_DEFAULTS, type Activity } from '@/lib/domain/records';

const NAME = 'sidecar-bench-idb-floor';
const PACK = 1000;

const req = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

function deleteDb(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(NAME);
    r.onsuccess = resolve;
    r.onerror = () => reject(r.error);
    r.onblocked = resolve;
  });
}

function activityRows(n: number, salt: string): Activity[] {
  const at = Date.UTC(2026, 0, 1);
  return Array.from({ length: n }, (_, i) => ({
    id: `${salt}${String(i).padStart(9, '0')}`,
    kind: 'email_in',
    ...ACTIVITY_DEFAULTS.email_in,
    at: at + i * 60_000,
    sourceId: `msg-f:${1_800_000_000_000_000_000n + BigInt(i)}`,
    contactId: `c${i % 10_000}`,
    dealId: `d${i % 10_000}`,
    text: i % 2 ? 'Re: penawaran harga' : null,
    createdAt: at + i,
    updatedAt: at + i,
    deletedAt: null,
  }));
}

/** ms to write `records` into `store` in one transaction. */
async function write(db: IDBDatabase, store: string, records: readonly object[]): Promise<number> {
  const s = performance.now();
  const tx = db.transaction(store, 'readwrite');
  const os = tx.objectStore(store);
  for (const r of records) os.put(r);
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  return performance.now() - s;
}

export async function idbFloor(opts: { rows?: number; runs?: number } = {}) {
  const rows = opts.rows ?? 20_000;
  const runs = opts.runs ?? 3;
  // The product's activities indexes, as its schema declares them today.
  const schema = new SidecarDb('sidecar-bench-schema-only');
  const indexes = schema.activities.schema.indexes.map((i) => i.keyPath as string | string[]);
  await deleteDb();
  const open = indexedDB.open(NAME, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    const indexed = db.createObjectStore('indexed', { keyPath: 'id' });
    for (const k of indexes) indexed.createIndex(Array.isArray(k) ? k.join('+') : k, k);
    db.createObjectStore('plain', { keyPath: 'id' });
    db.createObjectStore('packed', { keyPath: 'id' });
  };
  const db = await req(open);
  const out = { rows, indexes: indexes.length, indexedMs: [] as number[], plainMs: [] as number[], packedMs: [] as number[] };
  try {
    for (let run = 0; run < runs; run++) {
      const list = activityRows(rows, `r${run}-`);
      out.indexedMs.push(await write(db, 'indexed', list));
      out.plainMs.push(await write(db, 'plain', list));
      const packs = [];
      for (let i = 0; i < list.length; i += PACK) packs.push({ id: `r${run}-${i}`, rows: list.slice(i, i + PACK) });
      out.packedMs.push(await write(db, 'packed', packs));
    }
  } finally {
    db.close();
    await deleteDb();
  }
  return out;
}
