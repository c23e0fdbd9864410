import { TABLES, type SyncData, type SyncTable } from './sync-tables';

/**
 * Conflict rules, the same on the server and in the tests that check it: a
 * record is a set of fields, each with the stamp (lib/domain/hlc) of the
 * write that set it, and each field keeps the value of its latest write.
 * Deletion is the `deletedAt` field, so a delete and an edit to another field
 * both survive (the record stays deleted, with the edit in it).
 */
export interface StampedRow {
  data: SyncData;
  /** Field → stamp of the write that set it. */
  stamps: Record<string, string>;
}

/**
 * insert: the device created the record (`add`): where a record with that id
 *   exists already (an id both devices derive, like a suggestion's), it only
 *   fills fields nobody has written, so a late "creation" never undoes an edit.
 * put: a whole record, every field written now.
 * patch: only the fields that changed; dropped when the record is unknown
 *   (deleted and cleaned up, or never synced): it has nothing to apply to.
 */
export type ChangeOp = 'insert' | 'put' | 'patch';

/** Deterministic order of two writes: the later stamp; for equal stamps (two first uploads stamped by the same ms) the larger value. */
export function wins(stamp: string, value: unknown, currentStamp: string | undefined, currentValue: unknown): boolean {
  if (currentStamp === undefined || stamp > currentStamp) return true;
  if (stamp < currentStamp) return false;
  return JSON.stringify(value ?? null) > JSON.stringify(currentValue ?? null);
}

export interface Applied {
  row: StampedRow;
  /** Whether any field took the change's value. */
  changed: boolean;
}

/** One change applied to the stored row (null: unknown). Returns null when the change is dropped. */
export function applyChange(table: SyncTable, row: StampedRow | null, op: ChangeOp, fields: SyncData, stamp: string): Applied | null {
  if (!row) {
    if (op === 'patch') return null;
    const stamps: Record<string, string> = {};
    for (const k of Object.keys(fields)) stamps[k] = stamp;
    return { row: { data: { ...fields }, stamps }, changed: true };
  }
  if (TABLES[table].insertOnly) return { row, changed: false };
  const data = { ...row.data };
  const stamps = { ...row.stamps };
  let changed = false;
  for (const [k, v] of Object.entries(fields)) {
    const take = op === 'insert' ? stamps[k] === undefined : wins(stamp, v, stamps[k], data[k]);
    if (!take) continue;
    if (stamps[k] !== stamp || JSON.stringify(data[k]) !== JSON.stringify(v)) changed = true;
    data[k] = v;
    stamps[k] = stamp;
  }
  return { row: { data, stamps }, changed };
}

/**
 * Two records found to be one (same natural key): field by field the later
 * write wins, as if both devices had edited one record; a contact keeps every
 * address of both, the surviving record's first. The caller keeps the
 * smaller id, so every order of discovery ends with the same id.
 */
export function mergeRows(table: SyncTable, survivor: StampedRow, other: StampedRow): StampedRow {
  const data = { ...survivor.data };
  const stamps = { ...survivor.stamps };
  for (const [k, v] of Object.entries(other.data)) {
    const s = other.stamps[k];
    if (s === undefined) continue;
    if (wins(s, v, stamps[k], data[k])) {
      data[k] = v;
      stamps[k] = s;
    }
  }
  if (table === 'contacts') {
    const a = Array.isArray(survivor.data.emails) ? (survivor.data.emails as string[]) : [];
    const b = Array.isArray(other.data.emails) ? (other.data.emails as string[]) : [];
    data.emails = [...new Set([...a, ...b])].slice(0, 50);
    const sa = survivor.stamps.emails;
    const sb = other.stamps.emails;
    if (sa !== undefined || sb !== undefined) stamps.emails = (sa ?? '') > (sb ?? '') ? sa! : sb!;
    // A person's profile link is worth keeping from whichever side knew it.
    if (data.linkedinUrl == null && other.data.linkedinUrl != null) data.linkedinUrl = other.data.linkedinUrl;
    if (data.linkedinUrl == null && survivor.data.linkedinUrl != null) data.linkedinUrl = survivor.data.linkedinUrl;
  }
  return { data, stamps };
}

/** The latest stamp in a row: what a device's clock moves past after pulling it. */
export function rowStamp(row: StampedRow): string {
  let max = '';
  for (const s of Object.values(row.stamps)) if (s > max) max = s;
  return max;
}

/**
 * What a device keeps when a pulled record arrives: the server's record, but
 * the fields it changed itself and has not had acknowledged yet keep the
 * local value (they are on their way; the server decides and sends the
 * winner back after the push).
 */
export function rebaseLocal(server: SyncData, local: SyncData | undefined, pendingFields: ReadonlySet<string>): SyncData {
  if (!local || pendingFields.size === 0) return server;
  const out = { ...server };
  for (const f of pendingFields) if (f in local) out[f] = local[f];
  return out;
}
