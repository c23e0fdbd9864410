import { SETTINGS_ID, SYNCED_SETTINGS, type SyncData, type SyncTable } from './sync-tables';

/**
 * How the extension's stored rows map to synced records and back. Every
 * synced table keeps its rows as they are, keyed by `id`, except settings:
 * one row `{ key: 'app', value: Settings }`, of which only the team's part
 * (SYNCED_SETTINGS) travels; the rest stays on the device.
 */

type Row = Record<string, unknown>;

/** The synced record id of a stored row, or null for a row that is not synced (another settings key). */
export function syncId(table: SyncTable, row: Row): string | null {
  if (table === 'settings') return row.key === SETTINGS_ID ? SETTINGS_ID : null;
  return typeof row.id === 'string' ? row.id : null;
}

/** A stored row's synced fields (everything but its key). */
export function toSyncData(table: SyncTable, row: Row): SyncData {
  if (table === 'settings') {
    const value = (row.value ?? {}) as Row;
    const out: SyncData = {};
    for (const k of SYNCED_SETTINGS) if (k in value) out[k] = value[k];
    return out;
  }
  const { id: _id, ...rest } = row;
  return rest;
}

/** The stored row for a synced record: settings merge into the device's own, the rest is the record itself. */
export function fromSyncData(table: SyncTable, id: string, data: SyncData, existing: Row | undefined, now: number): Row {
  if (table === 'settings') return { key: id, value: { ...((existing?.value ?? {}) as Row), ...data }, updatedAt: now };
  return { ...data, id };
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** The fields of `next` that differ from `prev` (with their new values). */
export function diffSyncData(prev: SyncData, next: SyncData): SyncData {
  const out: SyncData = {};
  for (const [k, v] of Object.entries(next)) if (!(k in prev) || !same(prev[k], v)) out[k] = v;
  return out;
}
