// Bench of issue 12's budgets, end to end through the product's own path: the
// bench page plays the dashboard's part (it holds the file, parses, previews,
// sends batches over the data port) and the background does the writing into
// this bench profile's `sidecar` database (a throwaway profile, made for the
// bench run). Timings are performance.now() in the page.

import { backupWriter, BACKUP_FORMAT, BACKUP_TABLES, BACKUP_VERSION, readBackup, type BackupTable } from '@/lib/domain/backup-format';
import { decodeCsvBytes, readCsv } from '@/lib/domain/csv-read';
import { csvRow, CSV_BOM } from '@/lib/domain/csv-write';
import { newId } from '@/lib/domain/ids';
import { importOps, planImport, stageValues } from '@/lib/domain/import-plan';
import { recognise } from '@/lib/domain/import-presets';
import { readRows } from '@/lib/domain/import-rows';
import { suggestStageMap } from '@/lib/domain/import-stages';
import { ACTIVITY_DEFAULTS, type Activity, type ActivityKind, type Company, type Contact, type Deal, type StageChange } from '@/lib/domain/records';
import { defaultSettings } from '@/lib/domain/settings';
import { DEFAULT_STAGES } from '@/lib/domain/stages';
import { getDb } from '@/lib/db';
import { dataClient } from '@/lib/platform/data-client';
import { matchExisting, sendImport, sendRestore } from '@/components/dashboard/import-flow';
import { rng } from '@/test/bench/rng';

const DAY = 86_400_000;
const t = () => performance.now();
const heap = () => (performance as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;
const gc = () => (globalThis as { gc?: () => void }).gc?.();

const FIRST = ['Dana', 'Budi', 'Siti', 'Agus', 'Dewi', 'Zoë', 'Renée', 'Jürgen', 'Nguyễn', "D'Arcy", 'Maria', 'John', 'Priya', 'Wei'];
const LAST = ['Prospect', 'Santoso', 'Wijaya', 'Müller', "O'Brien", 'Hernández', 'Tanaka', 'Lim', 'Smith', 'Siregar', 'Kusuma'];
const KINDS: ActivityKind[] = ['email_in', 'email_out', 'email_out', 'linkedin_message', 'call', 'meeting', 'note'];

/** Peak of the page's JS heap while `f` runs (sampled every 10 ms), after a GC first. */
async function withHeap<T>(f: () => Promise<T>): Promise<{ value: T; ms: number; heapBefore: number | null; heapPeak: number | null }> {
  gc();
  const before = heap();
  let peak = before ?? 0;
  const sampler = setInterval(() => (peak = Math.max(peak, heap() ?? 0)), 10);
  const s = t();
  try {
    const value = await f();
    return { value, ms: t() - s, heapBefore: before, heapPeak: before === null ? null : Math.max(peak, heap() ?? 0) };
  } finally {
    clearInterval(sampler);
  }
}

/** A backup text of `contacts` contacts with one deal and `perContact` activities each, as the exporter writes it, and their addresses. */
function syntheticBackup(contacts: number, perContact: number, now: number): { text: string; emails: string[] } {
  const r = rng(12);
  const tables: Record<BackupTable, unknown[]> = { companies: [], contacts: [], deals: [], stageChanges: [], activities: [], suggestions: [], nudgeStates: [] };
  const companies: Company[] = [];
  for (let i = 0; i < contacts / 12; i++) {
    const at = now - 400 * DAY + i * 1000;
    companies.push({ id: newId(at), name: `PT Maju ${i}`, domain: `maju${i}.co.id`, industry: null, employees: null, createdAt: at, updatedAt: at, deletedAt: null });
  }
  tables.companies = companies;
  for (let i = 0; i < contacts; i++) {
    const created = now - Math.floor(r() * 365) * DAY - i;
    const co = r() < 0.85 ? companies[Math.floor(r() * companies.length)]! : null;
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
    const c: Contact = {
      id: newId(created), name, emails: [`p${i}@${co?.domain ?? 'gmail.com'}`], title: r() < 0.5 ? 'Head of Procurement' : null, headline: null,
      location: r() < 0.3 ? 'Jakarta' : null, companyId: co?.id ?? null, linkedinUrl: r() < 0.2 ? `https://www.linkedin.com/in/p-${i}/` : null, photoUrl: null,
      createdAt: created, updatedAt: created + DAY, deletedAt: null,
    };
    tables.contacts.push(c);
    const stage = DEFAULT_STAGES[Math.floor(r() * 5)]!.id;
    const d: Deal = {
      id: newId(created + 1), contactId: c.id, companyId: c.companyId, title: co?.name ?? name, stageId: stage, stageEnteredAt: created + DAY, status: 'open',
      valueMinor: Math.floor(r() * 1e9), currency: 'IDR', owner: null, expectedCloseAt: null, closedAt: null, lostReason: null, bant: null, leadSource: null,
      createdAt: created, updatedAt: created + DAY, deletedAt: null,
    };
    tables.deals.push(d);
    tables.stageChanges.push({ id: newId(created + 2), dealId: d.id, fromStageId: null, toStageId: 'contact', status: 'open', at: created, reason: null, createdAt: created } satisfies StageChange);
    if (stage !== 'contact') tables.stageChanges.push({ id: newId(created + DAY), dealId: d.id, fromStageId: 'contact', toStageId: stage, status: 'open', at: created + DAY, reason: null, createdAt: created + DAY } satisfies StageChange);
    for (let k = 0; k < perContact; k++) {
      const kind = KINDS[Math.floor(r() * KINDS.length)]!;
      const at = created + Math.floor(r() * 30 * DAY);
      tables.activities.push({ id: newId(at), kind, ...ACTIVITY_DEFAULTS[kind], at, sourceId: null, contactId: c.id, dealId: d.id, text: r() < 0.5 ? 'Re: penawaran harga' : null, createdAt: at, updatedAt: at, deletedAt: null } satisfies Activity);
    }
  }
  const settings = [{ key: 'app' as const, value: defaultSettings('id'), updatedAt: now }];
  let out = backupWriter.open({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now, app: 'bench' }, settings);
  const counts: Record<string, number> = {};
  BACKUP_TABLES.forEach((name, i) => {
    out += backupWriter.tableStart(name, i === 0);
    const parts: string[] = [];
    tables[name].forEach((rec, j) => parts.push(backupWriter.record(rec, j === 0)));
    out += parts.join('');
    counts[name] = tables[name].length;
  });
  return { text: out + backupWriter.close(true, counts), emails: (tables.contacts as Contact[]).map((c) => c.emails[0]!) };
}

/** A HubSpot contacts export of `rows` rows; every 10th row is someone already in the database (one of `known`). */
function hubspotCsv(rows: number, known: readonly string[], seed: number): string {
  const r = rng(seed);
  const lines = [CSV_BOM + csvRow(['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Create Date', 'Associated Company', 'Job Title', 'Lifecycle Stage'])];
  for (let i = 0; i < rows; i++) {
    const email = i % 10 === 0 ? known[Math.floor(r() * known.length)]! : `lead${seed}-${i}@example${i % 500}.com`;
    const d = new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 600) * DAY);
    lines.push(csvRow([String(100000 + i), FIRST[i % FIRST.length], LAST[(i * 3) % LAST.length], email, '+62 21 555 0199', `${d.toISOString().slice(0, 10)} 10:22`, `Company ${i % 2000}, Tbk`, 'Manager', 'Lead']));
  }
  return lines.join('');
}

/** What the dashboard does with a chosen CSV, up to the report. */
async function importCsv(text: string): Promise<{ rows: number; created: number; merged: number; parseMs: number; previewMs: number; writeMs: number }> {
  const s0 = t();
  const decoded = decodeCsvBytes(new TextEncoder().encode(text));
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.error));
  const read = await readCsv(decoded.text);
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  const parseMs = t() - s0;
  const s1 = t();
  const rec = recognise(read.table.header);
  const records = readRows(read.table, rec.mapping, { dateOrder: rec.dateOrder ?? 'mdy', currency: 'IDR', now: Date.now() });
  const plan = planImport(records, await matchExisting(records), { duplicates: 'merge' });
  const map = suggestStageMap(stageValues(records), DEFAULT_STAGES, {});
  const ops = importOps(records, plan.rows, map, DEFAULT_STAGES, 'IDR');
  const previewMs = t() - s1;
  const s2 = t();
  const report = await sendImport(ops, () => {});
  return { rows: records.length, created: report.created, merged: report.merged, parseMs, previewMs, writeMs: t() - s2 };
}

/**
 * Until the background's nudge pass has taken every change marker (those of the restore before): an import is
 * timed in a settled profile, as a rep starts one, not while the engine rebuilds 10,000 leads beside it.
 */
async function settled(timeoutMs = 120_000): Promise<number> {
  const start = t();
  const end = start + timeoutMs;
  while ((await getDb().factsDirty.count()) > 0) {
    if (t() > end) throw new Error('the nudge engine did not take its change markers');
    await new Promise((r) => setTimeout(r, 100));
  }
  return t() - start;
}

async function restore(text: string): Promise<{ parseMs: number; writeMs: number; created: number }> {
  const s0 = t();
  const r = readBackup(JSON.parse(text));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const parseMs = t() - s0;
  const s1 = t();
  const report = await sendRestore(r.backup, 'replace', () => {});
  return { parseMs, writeMs: t() - s1, created: report.created };
}

export async function portability(opts: { contacts?: number; activitiesPerContact?: number; importRows?: number; backupRuns?: number; importRuns?: number } = {}) {
  const contacts = opts.contacts ?? 10_000;
  const now = Date.now();
  const counts0 = await dataClient().call({ op: 'counts' });
  if (counts0.contacts !== 0) throw new Error('the bench profile is not empty');
  const { text: backupText, emails } = syntheticBackup(contacts, opts.activitiesPerContact ?? 10, now);
  const restores: { ms: number; parseMs: number; writeMs: number; created: number; heapPeak: number | null; heapBefore: number | null; empty: boolean }[] = [];
  const doRestore = async (empty: boolean) => {
    const h = await withHeap(() => restore(backupText));
    restores.push({ ms: h.ms, ...h.value, heapPeak: h.heapPeak, heapBefore: h.heapBefore, empty });
  };
  await doRestore(true);

  const backups: { ms: number; chars: number; heapPeak: number | null; heapBefore: number | null }[] = [];
  for (let i = 0; i < (opts.backupRuns ?? 5); i++) {
    const h = await withHeap(() => dataClient().exportBlob({ kind: 'backup' }, 'application/json'));
    backups.push({ ms: h.ms, chars: h.value.size, heapPeak: h.heapPeak, heapBefore: h.heapBefore });
  }

  const imports: { ms: number; rows: number; created: number; merged: number; parseMs: number; previewMs: number; writeMs: number; heapPeak: number | null; heapBefore: number | null; bytes: number; settleMs: number }[] = [];
  for (let i = 0; i < (opts.importRuns ?? 3); i++) {
    const csv = hubspotCsv(opts.importRows ?? 50_000, emails, 7 + i);
    const settleMs = await settled();
    const h = await withHeap(() => importCsv(csv));
    imports.push({ ms: h.ms, ...h.value, heapPeak: h.heapPeak, heapBefore: h.heapBefore, bytes: new Blob([csv]).size, settleMs });
    // Back to the 10k-contact profile for the next run (and a restore over a full one, measured too).
    await doRestore(false);
  }
  return { contacts, activities: contacts * (opts.activitiesPerContact ?? 10), backupChars: backupText.length, restores, backups, imports };
}
