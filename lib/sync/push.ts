import type { SidecarDb } from '../db';
import { markQuiet, type OutboxEntry } from '../db/sync-outbox';
import { decodeHlc, encodeHlc, tickHlc, ZERO_HLC } from '../domain/hlc';
import { syncId, toSyncData } from '../domain/sync-local';
import { parseFields, SYNC_TABLES, type SyncData, type SyncTable } from '../domain/sync-tables';
import { MAX_CHANGES_PER_PUSH } from '../domain/sync-wire';
import { readState, writeClock, writeState, type Inflight, type SyncState, type UploadPosition } from './state';

export interface BatchLimits {
  changes: number;
  bytes: number;
}

export const DEFAULT_LIMITS: BatchLimits = { changes: 1000, bytes: 1_000_000 };

interface WireChange {
  t: SyncTable;
  id: string;
  op: OutboxEntry['op'];
  f: SyncData;
  s: string;
}

/**
 * A change as the server will check it: fields the records' schemas do not
 * know (left by an older version) are left out; a record that is invalid
 * even so cannot be sent and is skipped (counted in the state).
 */
function clean(c: WireChange): WireChange | null {
  const known: SyncData = {};
  const r0 = parseFields(c.t, c.f, false);
  if (r0.ok) return c;
  for (const [k, v] of Object.entries(c.f)) if (!r0.issues.some((i) => i.field === k && i.message === 'unknown field')) known[k] = v;
  const r = parseFields(c.t, known, c.op !== 'patch');
  return r.ok ? { ...c, f: r.data } : null;
}

/** The stamp of a record in the first upload: its own last change, never ahead of now, so any later edit elsewhere wins over it. */
function uploadStamp(row: Record<string, unknown>, deviceId: string, now: number): string {
  const t = typeof row.updatedAt === 'number' ? row.updatedAt : typeof row.createdAt === 'number' ? row.createdAt : 0;
  return encodeHlc({ ms: Math.max(0, Math.min(t, now)), counter: 0, node: deviceId });
}

/** The next upload batch: existing records, a table at a time, in id order. */
async function uploadBatch(db: SidecarDb, st: SyncState, pos: UploadPosition, limits: BatchLimits, now: number): Promise<{ changes: WireChange[]; next: UploadPosition | null; skipped: number }> {
  const changes: WireChange[] = [];
  let skipped = 0;
  let bytes = 0;
  let p: UploadPosition | null = { ...pos };
  while (p && changes.length < limits.changes && bytes < limits.bytes) {
    const t: SyncTable = SYNC_TABLES[p.table]!;
    const want = limits.changes - changes.length;
    const rows = (await db.table(t).where(':id').above(p.after).limit(want).toArray()) as Record<string, unknown>[];
    let full = false;
    for (const row of rows) {
      p.after = String(t === 'settings' ? row.key : row.id);
      const id = syncId(t, row);
      if (id === null) continue;
      const c = clean({ t, id, op: 'put', f: toSyncData(t, row), s: uploadStamp(row, st.deviceId, now) });
      if (!c) {
        skipped++;
        continue;
      }
      changes.push(c);
      bytes += JSON.stringify(c).length;
      if (bytes >= limits.bytes) {
        full = true;
        break;
      }
    }
    // Fewer rows than asked for: this table is done, on to the next.
    if (!full && rows.length < want) p = p.table + 1 < SYNC_TABLES.length ? { table: p.table + 1, after: '' } : null;
  }
  return { changes, next: p, skipped };
}

/** The outbox's next batch, oldest first. */
async function outboxBatch(db: SidecarDb, limits: BatchLimits): Promise<{ changes: WireChange[]; upTo: number; skipped: number }> {
  const entries = await db.outbox.orderBy(':id').limit(Math.min(limits.changes, MAX_CHANGES_PER_PUSH)).toArray();
  const changes: WireChange[] = [];
  let upTo = 0;
  let skipped = 0;
  let bytes = 0;
  for (const e of entries) {
    upTo = e.seq!;
    const c = clean({ t: e.t, id: e.id, op: e.op, f: e.f, s: e.s });
    if (!c) {
      skipped++;
      continue;
    }
    changes.push(c);
    bytes += JSON.stringify(c).length;
    if (bytes >= limits.bytes) break;
  }
  return { changes, upTo, skipped };
}

/** The next batch to send (and makes it the one in flight), or null when nothing is left to push. */
export async function nextBatch(db: SidecarDb, limits: BatchLimits, now: number): Promise<Inflight | null> {
  return db.transaction('rw', [db.syncState, db.outbox, ...SYNC_TABLES.map((t) => db.table(t))], async (tx) => {
    markQuiet(tx.idbtrans);
    let st = await readState(db);
    if (!st) return null;
    if (st.inflight) return st.inflight;
    let inflight: Inflight | null = null;
    let skipped = 0;
    // Every table's rows skipped (none valid) moves the upload on without a batch.
    while (!inflight && st.upload) {
      const b = await uploadBatch(db, st, st.upload, limits, now + st.clockOffset);
      skipped = b.skipped;
      if (b.changes.length > 0) inflight = { seq: st.nextSeq, body: '', upTo: 0, uploadNext: b.next, upload: true, changes: b.changes } as Inflight & { changes: WireChange[] };
      else st = { ...st, upload: b.next };
    }
    if (!inflight && !st.upload) {
      const b = await outboxBatch(db, limits);
      skipped += b.skipped;
      if (b.upTo > 0) inflight = { seq: st.nextSeq, body: '', upTo: b.upTo, uploadNext: null, upload: false, changes: b.changes } as Inflight & { changes: WireChange[] };
    }
    if (inflight) {
      const { changes, ...rest } = inflight as Inflight & { changes: WireChange[] };
      inflight = { ...rest, body: JSON.stringify({ deviceId: st.deviceId, seq: st.nextSeq, changes }) };
    }
    await writeState(db, { ...st, inflight, skipped: st.skipped + skipped });
    return inflight;
  });
}

/** The server has the batch: its outbox entries go, and the next batch number is due. */
export async function acknowledge(db: SidecarDb, inflight: Inflight): Promise<void> {
  await db.transaction('rw', [db.syncState, db.outbox], async (tx) => {
    markQuiet(tx.idbtrans);
    const st = await readState(db);
    // Disconnected, or reset, while the batch was on its way: nothing of it applies here any more.
    if (!st || st.inflight?.seq !== inflight.seq) return;
    if (inflight.upTo > 0) await db.outbox.where(':id').belowOrEqual(inflight.upTo).delete();
    await writeState(db, { ...st, inflight: null, nextSeq: inflight.seq + 1, upload: inflight.upload ? inflight.uploadNext : st.upload });
  });
}

/** The batch could not be sent as it is (too large, or its stamps refused): it is dropped and made again, under the same number. */
export async function dropInflight(db: SidecarDb): Promise<void> {
  await db.transaction('rw', [db.syncState], async () => {
    const st = await readState(db);
    if (st?.inflight) await writeState(db, { ...st, inflight: null });
  });
}

/**
 * The server's clock is far from this one (its stamps were refused): from
 * now on this device stamps with the server's time, and the changes not yet
 * sent get new stamps, in their order. Those refused stamps never reached
 * any other device, so nothing that was seen moves backwards.
 */
export async function adoptServerClock(db: SidecarDb, serverNow: number, localNow: number): Promise<void> {
  await db.transaction('rw', [db.syncState, db.outbox], async (tx) => {
    markQuiet(tx.idbtrans);
    const st = await readState(db);
    if (!st) return;
    const clockOffset = serverNow - localNow;
    let h = { ...ZERO_HLC, ms: serverNow };
    const entries = await db.outbox.orderBy(':id').toArray();
    for (const e of entries) {
      h = tickHlc(h, serverNow, st.deviceId);
      e.s = encodeHlc(h);
    }
    await db.outbox.bulkPut(entries);
    await writeClock(db, encodeHlc(tickHlc(h, serverNow, st.deviceId)));
    await writeState(db, { ...st, clockOffset, inflight: null });
  });
}

/**
 * The server has no record of this device's earlier batches (it was restored
 * from a backup, or is a new server at the same address): everything is sent
 * again from the first upload on, numbered from what it expects, and
 * everything pulled again. Unsent changes stay in the outbox.
 */
export async function restartFromScratch(db: SidecarDb, expected: number): Promise<void> {
  await db.transaction('rw', [db.syncState, db.resyncSeen], async () => {
    const st = await readState(db);
    if (!st) return;
    await db.resyncSeen.clear();
    await writeState(db, { ...st, inflight: null, nextSeq: expected, upload: { table: 0, after: '' }, cursor: '', resync: true });
  });
}

export { decodeHlc };
