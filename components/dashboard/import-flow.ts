import { readBackup, BACKUP_TABLES, type Backup, type BackupError } from '@/lib/domain/backup-format';
import { CSV_LIMITS, decodeCsvBytes, readCsv, type CsvFileError, type CsvTable } from '@/lib/domain/csv-read';
import { newId } from '@/lib/domain/ids';
import type { Existing, ImportOp } from '@/lib/domain/import-plan';
import { headerKey, recognise, type Recognised } from '@/lib/domain/import-presets';
import type { ImportRecord } from '@/lib/domain/import-rows';
import type { MessageKey } from '@/lib/i18n';
import type { DataReplies } from '@/lib/messaging/data-port';
import { dataClient } from '@/lib/platform/data-client';
import type { ImportReport } from '@/lib/services/csv-import';
import type { RestoreBatch, RestoreMode, RestoreReport } from '@/lib/services/restore';

// The page's half of an import: it holds the file, so it reads, checks and
// previews it; the background owns the database, so it writes, in one
// transaction, once every batch has arrived (lib/services/import-journal.ts).

/** A backup this size is still read whole (about 30 MB per 100,000 activities). */
export const BACKUP_MAX_BYTES = 300 * 1024 * 1024;
const OP_BATCH = 2000;
const RECORD_BATCH = 5000;
const MATCH_BATCH = 20_000;

export interface Problem {
  key: MessageKey;
  params?: Record<string, string | number>;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export function csvProblem(e: CsvFileError): Problem {
  switch (e.code) {
    case 'too_large':
      return { key: 'data.error.too_large', params: { size: mb(e.bytes), limit: mb(e.limit) } };
    case 'too_many_rows':
      return { key: 'data.error.too_many_rows', params: { limit: e.limit.toLocaleString() } };
    case 'too_many_columns':
      return { key: 'data.error.too_many_columns', params: { columns: e.columns, limit: e.limit } };
    case 'binary':
      return { key: 'data.error.binary', params: { kind: e.kind } };
    case 'broken_quotes':
      return { key: 'data.error.broken_quotes', params: { row: e.row } };
    default:
      return { key: `data.error.${e.code}` };
  }
}

export function backupProblem(e: BackupError): Problem {
  switch (e.code) {
    case 'newer':
      return { key: 'data.error.newer', params: { version: e.version, supported: e.supported } };
    case 'invalid':
      return { key: 'data.error.invalid', params: { table: e.table, index: e.index + 1, detail: e.detail } };
    case 'count_mismatch':
      return { key: 'data.error.count_mismatch', params: { table: e.table, expected: e.expected, found: e.found } };
    default:
      return { key: `data.error.${e.code}` };
  }
}

export type Chosen =
  | { kind: 'backup'; backup: Backup }
  | { kind: 'csv'; table: CsvTable; recognised: Recognised; key: string }
  | { kind: 'refused'; problem: Problem };

/** Reads a chosen file: a Sidecar backup (JSON) or a CSV, checked through and through; refused with a reason otherwise. */
export async function readChosenFile(file: File, onProgress: (share: number) => void): Promise<Chosen> {
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  const firstChar = new TextDecoder().decode(head).replace(/^\uFEFF/, '').trimStart()[0];
  if (/\.json$/i.test(file.name) || firstChar === '{') {
    if (file.size > BACKUP_MAX_BYTES) return { kind: 'refused', problem: csvProblem({ code: 'too_large', bytes: file.size, limit: BACKUP_MAX_BYTES }) };
    let raw: unknown;
    try {
      raw = JSON.parse(await file.text());
    } catch {
      return { kind: 'refused', problem: { key: 'data.error.not_json' } };
    }
    const r = readBackup(raw);
    return r.ok ? { kind: 'backup', backup: r.backup } : { kind: 'refused', problem: backupProblem(r.error) };
  }
  if (file.size > CSV_LIMITS.maxBytes) return { kind: 'refused', problem: csvProblem({ code: 'too_large', bytes: file.size, limit: CSV_LIMITS.maxBytes }) };
  const decoded = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
  if (!decoded.ok) return { kind: 'refused', problem: csvProblem(decoded.error) };
  const read = await readCsv(decoded.text, { onProgress });
  if (!read.ok) return { kind: 'refused', problem: csvProblem(read.error) };
  const key = headerKey(read.table.header);
  const remembered = await dataClient().call({ op: 'mapping-get', key }).catch(() => null);
  return { kind: 'csv', table: read.table, recognised: recognise(read.table.header, remembered), key };
}

/** Which people of the file are contacts already, asked a few thousand at a time. */
export async function matchExisting(records: readonly ImportRecord[]): Promise<Existing> {
  const emails = [...new Set(records.flatMap((r) => r.contact.emails))];
  const urls = [...new Set(records.flatMap((r) => (r.contact.linkedinUrl ? [r.contact.linkedinUrl] : [])))];
  const byEmail = new Map<string, string>();
  const byLinkedIn = new Map<string, string>();
  // As many as a request may carry (lib/messaging/data-port.ts): past a few thousand the background reads every contact once per request.
  for (let i = 0; i < Math.max(emails.length, urls.length); i += MATCH_BATCH) {
    const r = await dataClient().call({
      op: 'match',
      emails: emails.slice(i, i + MATCH_BATCH),
      urls: urls.slice(i, i + MATCH_BATCH),
    });
    for (const [k, v] of Object.entries(r.byEmail)) byEmail.set(k, v);
    for (const [k, v] of Object.entries(r.byLinkedIn)) byLinkedIn.set(k, v);
  }
  return { byEmail, byLinkedIn };
}

/** Sends a job's batches, then has it applied; on any failure the job is dropped and the error thrown. */
async function runJob<T extends DataReplies['apply']>(kind: 'csv' | 'restore', batches: unknown[][], onProgress: (done: number, total: number) => void, mode?: RestoreMode): Promise<T> {
  const client = dataClient();
  const jobId = newId(Date.now());
  await client.call({ op: 'begin', jobId, kind });
  try {
    // Two batches in flight: the page serialises the next while the background checks and stores the last.
    const inFlight: Promise<unknown>[] = [];
    for (const [seq, rows] of batches.entries()) {
      onProgress(seq, batches.length);
      const sent = client.call({ op: 'stage', jobId, seq, rows });
      sent.catch(() => {}); // awaited below; this only keeps a failure from also being reported as unhandled
      inFlight.push(sent);
      if (inFlight.length >= 2) await inFlight.shift();
    }
    await Promise.all(inFlight);
    onProgress(batches.length, batches.length);
    // The job's kind (set at `begin`) decides which report `apply` answers: T is the one for `kind`.
    return (await client.call({ op: 'apply', jobId, mode })) as T;
  } catch (e) {
    await client.call({ op: 'abort', jobId }).catch(() => {});
    throw e;
  }
}

export function sendImport(ops: readonly ImportOp[], onProgress: (done: number, total: number) => void): Promise<ImportReport> {
  const batches: ImportOp[][] = [];
  for (let i = 0; i < ops.length; i += OP_BATCH) batches.push(ops.slice(i, i + OP_BATCH));
  return runJob('csv', batches, onProgress);
}

export function sendRestore(backup: Backup, mode: RestoreMode, onProgress: (done: number, total: number) => void): Promise<RestoreReport> {
  const batches: RestoreBatch[][] = [[{ table: 'settings', records: backup.settings }]];
  for (const t of BACKUP_TABLES) {
    const records = backup.tables[t] as unknown[];
    for (let i = 0; i < records.length; i += RECORD_BATCH) batches.push([{ table: t, records: records.slice(i, i + RECORD_BATCH) }]);
  }
  return runJob('restore', batches, onProgress, mode);
}

/** A file name with today's date: sidecar-backup-2026-11-27.json. */
export function datedName(stem: string, ext: string, now = new Date()): string {
  const d = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return `sidecar-${stem}-${d}.${ext}`;
}
