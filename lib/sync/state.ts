import type { SidecarDb } from '../db';
import { CLOCK_KEY, STATE_KEY, type ConnectedState } from '../db/sync-outbox';

/** Where the first upload of a device's existing records has got to: a table (index in SYNC_TABLES) and the last id sent. */
export interface UploadPosition {
  table: number;
  after: string;
}

/** A batch sent and not yet acknowledged: sent again, byte for byte, until it is. */
export interface Inflight {
  seq: number;
  body: string;
  /** The outbox entries it carries: those up to this key. 0 for an upload batch. */
  upTo: number;
  /** For an upload batch: where the upload stands once it is acknowledged (null: done). */
  uploadNext: UploadPosition | null;
  upload: boolean;
}

export interface SyncError {
  code: string;
  message: string;
  at: number;
}

/** The one row that says sync is on, with its progress: `syncState['state']`. */
export interface SyncState extends ConnectedState {
  key: typeof STATE_KEY;
  url: string;
  teamId: string;
  token: string;
  /** The pull position (opaque, from the server). */
  cursor: string;
  nextSeq: number;
  inflight: Inflight | null;
  upload: UploadPosition | null;
  /** A full pull after the server cleaned up tombstones this device had not seen: records not seen again are dropped at its end. */
  resync: boolean;
  lastSyncAt: number | null;
  lastError: SyncError | null;
  failures: number;
  /** No automatic run before this (backoff after failures). */
  retryAt: number;
  /** When the run in progress started; null when idle. */
  running: number | null;
  /** Records the server could not take (invalid here too): skipped, counted. */
  skipped: number;
  /**
   * Records pulled by the run in progress, or by the last one: a first sync of a large pipeline takes a while, and
   * the options page says how far it has got. Written with each page's cursor. Absent in states from before it.
   */
  received?: number;
}

export async function readState(db: SidecarDb): Promise<SyncState | null> {
  const row = await db.syncState.get(STATE_KEY);
  return row && typeof row.deviceId === 'string' ? (row as unknown as SyncState) : null;
}

export function writeState(db: SidecarDb, state: SyncState): Promise<unknown> {
  return db.syncState.put(state as unknown as { key: string });
}

export async function readClock(db: SidecarDb): Promise<string | null> {
  const row = await db.syncState.get(CLOCK_KEY);
  return typeof row?.hlc === 'string' ? row.hlc : null;
}

export const writeClock = (db: SidecarDb, hlc: string) => db.syncState.put({ key: CLOCK_KEY, hlc });
