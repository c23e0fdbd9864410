import type { SidecarDb } from '../db';
import { SYNC_TABLES } from '../domain/sync-tables';
import { readState, type UploadPosition } from './state';

export type SyncPhase = 'off' | 'syncing' | 'ok' | 'error';

/** What the options page shows: the `data-state` and `data-pending` of sidecar-sync-status, and the words around them. */
export interface SyncStatus {
  state: SyncPhase;
  /** Changes not yet acknowledged by the server (and, during the first upload, records not yet sent). */
  pending: number;
  url: string | null;
  lastSyncAt: number | null;
  error: { code: string; message: string } | null;
  skipped: number;
  /** Records received by the run in progress, or by the last run. */
  received: number;
}

// A run that has said nothing for this long was cut off (the worker stopped): not "syncing" any more.
const STALE_RUN_MS = 2 * 60_000;

async function notUploaded(db: SidecarDb, pos: UploadPosition): Promise<number> {
  let n = 0;
  for (let i = pos.table; i < SYNC_TABLES.length; i++) {
    const table = db.table(SYNC_TABLES[i]!);
    n += i === pos.table ? await table.where(':id').above(pos.after).count() : await table.count();
  }
  return n;
}

export async function syncStatus(db: SidecarDb, now: number): Promise<SyncStatus> {
  const st = await readState(db);
  if (!st) return { state: 'off', pending: 0, url: null, lastSyncAt: null, error: null, skipped: 0, received: 0 };
  const pending = (await db.outbox.count()) + (st.upload ? await notUploaded(db, st.upload) : 0);
  const running = st.running !== null && now - st.running < STALE_RUN_MS;
  const state: SyncPhase = running ? 'syncing' : st.lastError ? 'error' : st.lastSyncAt !== null ? 'ok' : 'syncing';
  return { state, pending, url: st.url, lastSyncAt: st.lastSyncAt, error: st.lastError ? { code: st.lastError.code, message: st.lastError.message } : null, skipped: st.skipped, received: st.received ?? 0 };
}
