import { Dexie, type EntityTable } from 'dexie';
import type { ContactSummary } from '../domain/activity-summary';
import type { EngagementWeights } from '../domain/engagement';
import type { Nudge } from '../domain/nudges';
import type { FactBucket } from '../domain/lead-facts';
import type { VelocityPoint } from '../domain/metrics';
import type { Activity, Company, Contact, Deal, NudgeState, StageChange, Suggestion } from '../domain/records';
import { factsDirtyMiddleware, type DirtyRow } from './facts-dirty';
import { syncOutboxMiddleware, type OutboxEntry } from './sync-outbox';

export interface StoredSummary extends ContactSummary {
  engagement: EngagementWeights;
}

/**
 * An import or restore under way: the page sends its rows in batches, which
 * wait here until the whole of it is applied in one transaction. A job still
 * here when the background starts was interrupted: it is dropped (nothing of
 * it was applied), see lib/services/import-journal.ts.
 */
export interface ImportJob {
  id: string;
  kind: 'csv' | 'restore';
  /** Batches received so far. */
  chunks: number;
  createdAt: number;
  updatedAt: number;
}

export interface ImportChunk {
  jobId: string;
  seq: number;
  /** Rows of one batch, already checked by their zod schema. */
  rows: unknown[];
}

/** A merge or delete as it can be undone: the rows it replaced, put back whole. */
export interface UndoEntry {
  id: string;
  kind: 'merge' | 'delete';
  at: number;
  contacts: Contact[];
  deals: Deal[];
  /** Rows whose contactId moved, with the id they had. */
  activities: { id: string; contactId: string }[];
  suggestions: { id: string; contactId: string }[];
  /** A company delete: the company as it was (its people and deals, unlinked from it, are in contacts and deals). */
  companies?: Company[];
}

export interface SettingRow {
  key: string;
  value: unknown;
  updatedAt: number;
}

/**
 * The nudge engine's own progress, apart from the rep's settings: writing it
 * (a page of a rebuild at a time) must not look like a settings change to the
 * live views, the chip cache or sync. Rebuilt from the data when missing.
 */
export const ENGINE_KEYS = {
  /** lib/services/lead-facts FactsMeta: what the packed facts were built under, and where a rebuild resumes. */
  leadFacts: 'leadFacts',
  /** lib/services/nudges: finished stays per stage, for the stage medians. */
  stageStays: 'stageStays',
  /** lib/services/summaries: the engagement half-life the stored summaries were built with. */
  engagementHalfLife: 'engagementHalfLife',
} as const;
export type EngineKey = (typeof ENGINE_KEYS)[keyof typeof ENGINE_KEYS];

export interface EngineStateRow {
  key: EngineKey;
  value: unknown;
  updatedAt: number;
}

/**
 * Opened only in the extension's origin (background and extension pages):
 * a content script would put CRM data into the site's own storage.
 */
export class SidecarDb extends Dexie {
  contacts!: EntityTable<Contact, 'id'>;
  companies!: EntityTable<Company, 'id'>;
  deals!: EntityTable<Deal, 'id'>;
  activities!: EntityTable<Activity, 'id'>;
  stageChanges!: EntityTable<StageChange, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  /** The nudge engine's bookkeeping (ENGINE_KEYS), never the rep's settings. */
  engineState!: EntityTable<EngineStateRow, 'key'>;
  suggestions!: EntityTable<Suggestion, 'id'>;
  nudgeStates!: EntityTable<NudgeState, 'id'>;
  /** Per-contact activity summary, kept in step with every activity write: nudges read these, never 1M activities. */
  summaries!: EntityTable<StoredSummary, 'contactId'>;
  /** The nudges computed last (due or not), replaced per contact as data changes; state lives in nudgeStates. */
  nudges!: EntityTable<Nudge, 'id'>;
  /** The nudge engine's packed per-contact inputs (lib/domain/lead-facts), by contact id range. */
  factBuckets!: EntityTable<FactBucket, 'id'>;
  /** Contacts (and companies) whose facts changed since the engine last looked: written by factsDirtyMiddleware. */
  factsDirty!: EntityTable<DirtyRow, 'key'>;
  /** Imports and restores being received (lib/services/import-journal.ts). */
  importJobs!: EntityTable<ImportJob, 'id'>;
  importChunks!: Dexie.Table<ImportChunk, [string, number]>;
  /** One pipeline-velocity figure per local day (lib/domain/metrics VelocityPoint), kept by the background. */
  velocity!: EntityTable<VelocityPoint, 'day'>;
  /** Sync: local changes not yet acknowledged by the server, in order (written by syncOutboxMiddleware). */
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  /** Sync: the connection and its progress ('state'), and the device's clock ('clock'). */
  syncState!: EntityTable<{ key: string } & Record<string, unknown>, 'key'>;
  /** Sync: contacts whose activity summaries must be rebuilt after pulled activities (done after the pull, in pages); '*' for all. */
  summariesStale!: EntityTable<{ contactId: string; after?: string }, 'contactId'>;
  /** Sync: records seen during a full re-sync, to drop the ones the server no longer has at its end. */
  resyncSeen!: EntityTable<{ key: string }, 'key'>;
  /** What a merge or delete replaced, to undo it in one step (lib/services/merge.ts); this device only, kept a week. */
  undo!: EntityTable<UndoEntry, 'id'>;

  constructor(name = 'sidecar') {
    super(name);
    // Version 1. Later versions add stores/indexes with .upgrade() migrations;
    // never edit a shipped version's schema in place.
    this.version(1).stores({
      contacts: 'id, *emails, linkedinUrl, companyId, updatedAt',
      companies: 'id, &domain, updatedAt',
      deals: 'id, contactId, stageId, status, updatedAt',
      activities: 'id, contactId, dealId, sourceId, at, updatedAt',
      stageChanges: 'id, dealId, at, [dealId+at]',
      settings: 'key',
      suggestions: 'id, contactId, dealId, status',
      nudgeStates: 'id, state',
      summaries: 'contactId',
      nudges: 'id, contactId, dealId, dueAt',
    });
    // Version 2: the nudge engine's packed facts, and a list-order index on nudges. Built by the engine from the
    // tables above on its first pass (so no upgrade() is needed here).
    this.version(2).stores({
      // [priority+dueAt]: the popup lists the first due nudges in priority order without reading them all.
      nudges: 'id, contactId, dealId, dueAt, [priority+dueAt]',
      factBuckets: 'id',
      factsDirty: 'key',
    });
    // Version 3: the import journal, batches of an import or restore waiting to be applied in one transaction.
    this.version(3).stores({
      importJobs: 'id',
      importChunks: '[jobId+seq]',
    });
    // Version 4: a lead source on every deal (the dashboard's "by source" figures), the daily velocity
    // snapshots the background keeps, and activities by kind (the dashboard searches the rep's notes). Deals made before it get the source where the data tells it: a person
    // captured from LinkedIn without an address came from LinkedIn; the rest stay unknown (null).
    this.version(4)
      .stores({ velocity: 'day', activities: 'id, contactId, dealId, sourceId, at, updatedAt, kind' })
      .upgrade(async (tx) => {
        const linkedinOnly = new Set<string>();
        await tx.table('contacts').each((c: Contact) => {
          if (c.linkedinUrl && c.emails.length === 0) linkedinOnly.add(c.id);
        });
        await tx
          .table('deals')
          .toCollection()
          .modify((d: Deal) => {
            if (d.leadSource === undefined) d.leadSource = linkedinOnly.has(d.contactId) ? 'linkedin' : null;
          });
      });
    // Version 5: optional sync (lib/sync). Nothing to migrate: a first connect uploads what exists.
    this.version(5).stores({
      outbox: '++seq, [t+id]',
      syncState: 'key',
      summariesStale: 'contactId',
      resyncSeen: 'key',
    });
    // Version 6: the nudge engine's bookkeeping moves out of `settings` into its own store, so a rebuild's
    // progress is not a settings write (which re-ran every open live view and cleared the chip cache).
    // Summaries by `futureActivityAt` (only flagged ones are in the index: null is no key), so the
    // background finds the future-dated activities that have fallen due without reading every summary.
    this.version(6)
      .stores({ engineState: 'key', summaries: 'contactId, futureActivityAt' })
      .upgrade(async (tx) => {
        const keys = Object.values(ENGINE_KEYS);
        const rows = (await tx.table('settings').bulkGet(keys)) as (SettingRow | undefined)[];
        await tx.table('engineState').bulkPut(rows.filter((r) => r !== undefined));
        await tx.table('settings').bulkDelete(keys);
      });
    // Version 7: undo entries get a store of their own. In settings, each merge or delete re-ran every
    // live view that reads settings and emptied the inbox chips' cache; here nothing reads them but undo.
    this.version(7)
      .stores({ undo: 'id, at' })
      .upgrade(async (tx) => {
        const old = await tx.table('settings').where('key').startsWith('undo:').toArray();
        await tx.table('undo').bulkPut(old.map((r: SettingRow) => ({ ...(r.value as object), id: r.key })));
        await tx.table('settings').bulkDelete(old.map((r: SettingRow) => r.key));
      });
    // Version 8: activities lose their `at` index. Nothing reads activities by time through it (summaries read them
    // by contact, the dashboard by kind), and every index is one more write per row: a restore, an import or a first
    // sync writes 100,000 activities at once (BENCHMARKS.md, "IndexedDB floor").
    this.version(8).stores({ activities: 'id, contactId, dealId, sourceId, updatedAt, kind' });
    this.use(factsDirtyMiddleware);
    this.use(syncOutboxMiddleware);
  }
}
