import { z } from 'zod';
import type { SidecarDb } from '../db';
import { BACKUP_RECORD_SCHEMAS, BACKUP_TABLES, BackupSettingRowSchema, type BackupSettingRow, type BackupTable } from '../domain/backup-format';
import type { Activity, Company, Contact, Deal, NudgeState, StageChange, Suggestion } from '../domain/records';
import { migrateSettings, type Settings } from '../domain/settings';
import { whereAnyOf } from './index-reads';
import { finishJob, jobChunks } from './import-journal';
import { forgetStageStays } from './nudges';
import { refreshSummaries, summariesOf } from './summaries';
import type { SummaryActivity } from '../domain/activity-summary';

// Restoring a backup. The page reads and checks the file, then sends it a
// table batch at a time into the import journal; here the whole of it is
// applied in one transaction:
// - replace: everything goes, the backup comes in (the page has saved a backup
//   of the current data first);
// - merge: records matched by id, then contacts by email and LinkedIn URL and
//   companies by domain; per record the newer `updatedAt` wins, but a contact
//   keeps the addresses of both; activities and stage history are insert-only
//   (what is not there is added, nothing is overwritten). References follow
//   the matches.
// Derived data (summaries, nudges, the nudge engine's packed facts and stage
// medians) is rebuilt from what was written; the change markers of every
// contact and deal write tell the nudge engine.

/**
 * Checks one received batch record by record, stopping at the first bad one:
 * a whole batch of bad records would otherwise pile up hundreds of thousands
 * of issues. Returns the batch or the reason it was refused.
 */
export function checkRestoreBatch(raw: unknown): { ok: true; batch: RestoreBatch } | { ok: false; reason: string } {
  const head = z.object({ table: z.enum(['settings', ...BACKUP_TABLES]), records: z.array(z.unknown()).max(20_000) }).safeParse(raw);
  if (!head.success) return { ok: false, reason: 'not a restore batch' };
  const { table, records } = head.data;
  const schema = (table === 'settings' ? BackupSettingRowSchema : BACKUP_RECORD_SCHEMAS[table]) as z.ZodType;
  const out: unknown[] = new Array(records.length);
  for (let i = 0; i < records.length; i++) {
    const p = schema.safeParse(records[i]);
    if (!p.success) return { ok: false, reason: `${table} record ${i}: ${p.error.issues.slice(0, 2).map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}` };
    out[i] = p.data;
  }
  return { ok: true, batch: { table, records: out } as RestoreBatch };
}

export type RestoreBatch =
  | { table: 'settings'; records: BackupSettingRow[] }
  | { table: BackupTable; records: unknown[] };

export type RestoreMode = 'replace' | 'merge';

export interface RestoreReport {
  /** Records added. */
  created: number;
  /** Existing records replaced by a newer one from the backup. */
  merged: number;
  /** Records of the backup left out: the database's own was as new or newer, or history already there. */
  skipped: number;
}

/** Every table the restore writes, derived ones included: one transaction over all of them. */
function scope(db: SidecarDb) {
  return [
    db.companies, db.contacts, db.deals, db.stageChanges, db.activities, db.suggestions, db.nudgeStates,
    db.settings, db.engineState, db.summaries, db.nudges, db.factBuckets, db.factsDirty, db.importJobs, db.importChunks, db.undo,
  ];
}

/** Applies a received restore job; null when the job is unknown (dropped as interrupted). */
export async function applyRestore(db: SidecarDb, jobId: string, mode: RestoreMode, env: { now: number; locale: string }): Promise<RestoreReport | null> {
  return db.transaction('rw', scope(db), async () => {
    if (!(await db.importJobs.get(jobId))) return null;
    const report: RestoreReport = { created: 0, merged: 0, skipped: 0 };
    const touched = new Set<string>();
    if (mode === 'replace') {
      // Markers first: clearing the watched tables below leaves the "rebuild everything" marker.
      await db.factsDirty.clear();
      // Undo entries too: undoing a merge of records the restore replaced would put old rows back.
      await Promise.all([...BACKUP_TABLES, 'summaries', 'nudges', 'factBuckets', 'settings', 'engineState', 'undo'].map((t) => db.table(t).clear()));
      // Everything is written from the batches in hand, so the summaries are built from them too, without reading back.
      const contacts: { id: string; createdAt: number }[] = [];
      const activities: (SummaryActivity & { contactId: string })[] = [];
      for await (const rows of jobChunks(db, jobId)) {
        for (const batch of rows as RestoreBatch[]) {
          if (batch.table === 'settings') await db.settings.bulkPut(batch.records.map((r) => (r.key === 'app' ? { ...r, value: migrateSettings(r.value, env.locale) } : r)));
          else await db.table(batch.table).bulkPut(batch.records);
          if (batch.table === 'contacts') for (const c of batch.records as Contact[]) contacts.push({ id: c.id, createdAt: c.createdAt });
          if (batch.table === 'activities') for (const a of batch.records as Activity[]) activities.push({ contactId: a.contactId, kind: a.kind, direction: a.direction, channel: a.channel, at: a.at, deletedAt: a.deletedAt });
          report.created += batch.records.length;
        }
      }
      const { scoring } = migrateSettings((await db.settings.get('app'))?.value, env.locale);
      await db.summaries.bulkPut(summariesOf(contacts, activities, scoring.engagement.halfLifeDays, env.now));
    } else {
      const merger = new Merger(db, env.locale, report, touched);
      for await (const rows of jobChunks(db, jobId)) for (const batch of rows as RestoreBatch[]) await merger.apply(batch);
      // Stage medians are kept from history as deals move; new history means building them again.
      await forgetStageStays(db);
    }
    const { scoring } = migrateSettings((await db.settings.get('app'))?.value, env.locale);
    const ids = [...touched];
    for (let i = 0; i < ids.length; i += 1000) await refreshSummaries(db, ids.slice(i, i + 1000), scoring.engagement.halfLifeDays, env.now);
    await finishJob(db, jobId);
    return report;
  });
}

type Versioned = { id: string; updatedAt: number };

/** The merge of one backup into a non-empty database, table by table in backup order. */
class Merger {
  private companyIds = new Map<string, string>();
  private contactIds = new Map<string, string>();
  constructor(
    private db: SidecarDb,
    private locale: string,
    private report: RestoreReport,
    private touched: Set<string>,
  ) {}

  private company = (id: string | null) => (id === null ? null : (this.companyIds.get(id) ?? id));
  private contact = (id: string) => this.contactIds.get(id) ?? id;

  async apply(batch: RestoreBatch): Promise<void> {
    const db = this.db;
    switch (batch.table) {
      case 'settings': {
        const current = await db.settings.bulkGet(batch.records.map((r) => r.key));
        await this.putNewer(
          db.settings as unknown as { bulkPut(rows: Versioned[]): Promise<unknown> },
          batch.records.map((r) => ({ ...r, id: r.key, value: r.key === 'app' ? (migrateSettings(r.value, this.locale) satisfies Settings) : r.value })),
          current.map((c) => (c ? { id: c.key, updatedAt: c.updatedAt } : undefined)),
          ({ id: _id, ...row }) => row,
        );
        return;
      }
      case 'companies': {
        const rows = batch.records as Company[];
        const byId = await db.companies.bulkGet(rows.map((r) => r.id));
        const domains = rows.filter((r, i) => !byId[i] && r.domain).map((r) => r.domain!);
        const byDomain = new Map((await whereAnyOf(db.companies, 'domain', domains)).map((c) => [c.domain!, c]));
        const matches = rows.map((r, i) => byId[i] ?? (r.domain ? byDomain.get(r.domain) : undefined));
        rows.forEach((r, i) => matches[i] && matches[i]!.id !== r.id && this.companyIds.set(r.id, matches[i]!.id));
        await this.putNewer(db.companies, rows.map((r) => ({ ...r, id: this.company(r.id)! })), matches);
        return;
      }
      case 'contacts': {
        const rows = batch.records as Contact[];
        const byId = await db.contacts.bulkGet(rows.map((r) => r.id));
        const lookup = rows.filter((_, i) => !byId[i]);
        const [byEmail, byUrl] = await Promise.all([
          whereAnyOf(db.contacts, 'emails', lookup.flatMap((r) => r.emails), (c) => c.id),
          whereAnyOf(db.contacts, 'linkedinUrl', lookup.flatMap((r) => (r.linkedinUrl ? [r.linkedinUrl] : [])), (c) => c.id),
        ]);
        const emailMap = new Map(byEmail.flatMap((c) => c.emails.map((e) => [e, c] as const)));
        const urlMap = new Map(byUrl.map((c) => [c.linkedinUrl!, c]));
        const matches = rows.map(
          (r, i) => byId[i] ?? r.emails.map((e) => emailMap.get(e)).find((c) => c && c.deletedAt === null) ?? (r.linkedinUrl ? urlMap.get(r.linkedinUrl) : undefined),
        );
        const merged = rows.map((r, i) => {
          const m = matches[i];
          if (m && m.id !== r.id) this.contactIds.set(r.id, m.id);
          // Addresses are never lost in a merge: the winner's first, then the other's.
          const emails = m ? [...new Set([...(m.updatedAt < r.updatedAt ? [...r.emails, ...m.emails] : [...m.emails, ...r.emails])])].slice(0, 50) : r.emails;
          return { ...r, id: m?.id ?? r.id, emails, companyId: this.company(r.companyId) };
        });
        const written = await this.putNewer(db.contacts, merged, matches);
        for (const c of written) this.touched.add(c.id);
        // A contact as new or newer here keeps its fields, but gains the backup's other addresses (Gmail matches by them).
        const grown = merged.flatMap((r, i) => {
          const m = matches[i];
          return m && m.updatedAt >= r.updatedAt && r.emails.length > m.emails.length ? [{ ...m, emails: r.emails }] : [];
        });
        await db.contacts.bulkPut(grown);
        this.count(0, -grown.length, grown.length);
        return;
      }
      case 'deals': {
        const rows = (batch.records as Deal[]).map((d) => ({ ...d, contactId: this.contact(d.contactId), companyId: this.company(d.companyId) }));
        const written = await this.putNewer(db.deals, rows, await db.deals.bulkGet(rows.map((r) => r.id)));
        for (const d of written) this.touched.add(d.contactId);
        return;
      }
      case 'suggestions': {
        const rows = (batch.records as Suggestion[]).map((s) => ({ ...s, contactId: this.contact(s.contactId) }));
        await this.putNewer(db.suggestions, rows, await db.suggestions.bulkGet(rows.map((r) => r.id)));
        return;
      }
      case 'nudgeStates': {
        const rows = batch.records as NudgeState[];
        await this.putNewer(db.nudgeStates, rows, await db.nudgeStates.bulkGet(rows.map((r) => r.id)));
        return;
      }
      case 'stageChanges':
      case 'activities': {
        // History is insert-only: an id already there is kept as it is.
        const table = batch.table === 'activities' ? db.activities : db.stageChanges;
        const rows = batch.records as (Activity | StageChange)[];
        const there = await table.bulkGet(rows.map((r) => r.id));
        let fresh = rows
          .filter((_, i) => !there[i])
          .map((r) => ('contactId' in r ? { ...r, contactId: this.contact(r.contactId) } : r));
        if (batch.table === 'activities') {
          // A message logged in both browsers has an activity id in each: it is the same activity when the
          // source and the contact are (the key logging and CSV import use too), and is not added twice.
          const sourced = (fresh as Activity[]).filter((a) => a.sourceId !== null);
          const logged = await whereAnyOf(db.activities, 'sourceId', sourced.map((a) => a.sourceId!));
          const had = new Set(logged.map((a) => `${a.contactId}|${a.sourceId}`));
          fresh = (fresh as Activity[]).filter((a) => a.sourceId === null || !had.has(`${a.contactId}|${a.sourceId}`));
        }
        await (table as typeof db.activities).bulkAdd(fresh as Activity[]);
        for (const r of fresh) if ('contactId' in r) this.touched.add(r.contactId);
        this.count(fresh.length, rows.length - fresh.length, 0);
        return;
      }
    }
  }

  /** Writes each row unless its match is as new or newer; returns the rows written. */
  private async putNewer<T extends Versioned>(
    table: { bulkPut(rows: never[]): Promise<unknown> },
    rows: T[],
    matches: (Versioned | undefined)[],
    stored: (row: T) => unknown = (r) => r,
  ): Promise<T[]> {
    const write: T[] = [];
    let replaced = 0;
    rows.forEach((r, i) => {
      const m = matches[i];
      if (m && m.updatedAt >= r.updatedAt) return;
      write.push(r);
      if (m) replaced++;
    });
    await table.bulkPut(write.map(stored) as never[]);
    this.count(write.length - replaced, rows.length - write.length, replaced);
    return write;
  }

  private count(created: number, skipped: number, merged: number) {
    this.report.created += created;
    this.report.skipped += skipped;
    this.report.merged += merged;
  }
}
