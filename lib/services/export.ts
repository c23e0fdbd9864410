import type { Table } from 'dexie';
import type { SidecarDb } from '../db';
import { BACKUP_FORMAT, BACKUP_SETTING_KEYS, BACKUP_TABLES, BACKUP_VERSION, backupWriter, type BackupSettingRow } from '../domain/backup-format';
import { activityCsvRow, contactCsvRow, CSV_HEADERS, dealCsvRow, type CsvTableName } from '../domain/csv-tables';
import { CSV_BOM, csvRow } from '../domain/csv-write';
import type { Activity, Company, Contact, Deal } from '../domain/records';

// Exports stream: records are read a page at a time by primary key and turned
// into text pieces of about `chunkChars`, which the caller writes out (as Blob
// parts) while the next page is read. Neither the records nor the file are
// ever held whole, whatever the size of the pipeline.

// Pages of 10,000 records (a few MB): reading 110,000 records in pages of 2,000 took 2.5 s, whole tables 1.8 s.
const PAGE = 10_000;
const CHUNK_CHARS = 1 << 20;

async function* pages<T>(table: Table<T, string, unknown>): AsyncGenerator<T[]> {
  const key = table.schema.primKey.keyPath as string;
  const read = (after: string | null): Promise<T[]> => (after === null ? table.orderBy(':id') : table.where(':id').above(after)).limit(PAGE).toArray();
  let next: Promise<T[]> | null = read(null);
  while (next) {
    const page: T[] = await next;
    if (page.length === 0) return;
    // The next page is asked for before this one is handed on: IndexedDB reads it while the caller writes this one out.
    next = page.length < PAGE ? null : read((page[page.length - 1] as Record<string, string>)[key]!);
    // A caller that stops early leaves it unread: its failure is nobody's to report.
    next?.catch(() => {});
    yield page;
  }
}

/** Text pieces joined into pieces of about `size` characters. */
async function* joined(parts: AsyncIterable<string>, size: number): AsyncGenerator<string> {
  let buf: string[] = [];
  let len = 0;
  for await (const p of parts) {
    buf.push(p);
    len += p.length;
    if (len >= size) {
      yield buf.join('');
      buf = [];
      len = 0;
    }
  }
  if (len > 0) yield buf.join('');
}

/** What can be exported: the full backup, or one table as CSV. */
export type ExportWhat = { kind: 'backup' } | { kind: 'csv'; table: CsvTableName };

export interface BackupOptions {
  now: number;
  /** The extension version, written into the header. */
  app: string;
  chunkChars?: number;
}

/** The full backup (docs/backup-format.md) as text pieces, in order. */
export function backupChunks(db: SidecarDb, opts: BackupOptions): AsyncGenerator<string> {
  async function* parts(): AsyncGenerator<string> {
    const settings = (await db.settings.bulkGet([...BACKUP_SETTING_KEYS])).filter((r) => r !== undefined) as BackupSettingRow[];
    yield backupWriter.open({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: opts.now, app: opts.app }, settings);
    const counts: Record<string, number> = {};
    for (const [t, name] of BACKUP_TABLES.entries()) {
      yield backupWriter.tableStart(name, t === 0);
      let n = 0;
      for await (const page of pages(db.table(name) as Table<unknown, string>)) {
        const out: string[] = [];
        for (const r of page) out.push(backupWriter.record(r, n++ === 0));
        yield out.join('');
      }
      counts[name] = n;
    }
    yield backupWriter.close(true, counts);
  }
  return joined(parts(), opts.chunkChars ?? CHUNK_CHARS);
}

/** A table as CSV for spreadsheets: BOM, header, a row per live record (deleted ones are left out). */
export function csvChunks(db: SidecarDb, table: CsvTableName, opts: { stageName: (id: string) => string; chunkChars?: number }): AsyncGenerator<string> {
  async function* parts(): AsyncGenerator<string> {
    yield CSV_BOM + csvRow(CSV_HEADERS[table]);
    // Companies are few; contacts are looked up per page of rows that refer to them.
    const companies = new Map<string, Company>();
    for await (const page of pages<Company>(db.companies)) for (const c of page) companies.set(c.id, c);
    const company = (id: string | null) => (id ? (companies.get(id) ?? null) : null);
    if (table === 'contacts') {
      for await (const page of pages<Contact>(db.contacts)) yield page.filter((c) => c.deletedAt === null).map((c) => contactCsvRow(c, company(c.companyId))).join('');
      return;
    }
    const contactsOf = async (ids: string[]) => {
      const rows = await db.contacts.bulkGet([...new Set(ids)]);
      return new Map(rows.filter((c): c is Contact => !!c).map((c) => [c.id, c]));
    };
    if (table === 'deals') {
      for await (const page of pages<Deal>(db.deals)) {
        const live = page.filter((d) => d.deletedAt === null);
        const contacts = await contactsOf(live.map((d) => d.contactId));
        yield live.map((d) => dealCsvRow(d, contacts.get(d.contactId) ?? null, company(d.companyId), opts.stageName(d.stageId))).join('');
      }
      return;
    }
    for await (const page of pages<Activity>(db.activities)) {
      const live = page.filter((a) => a.deletedAt === null);
      const contacts = await contactsOf(live.map((a) => a.contactId));
      yield live.map((a) => activityCsvRow(a, contacts.get(a.contactId) ?? null)).join('');
    }
  }
  return joined(parts(), opts.chunkChars ?? CHUNK_CHARS);
}
