import { Dexie, type EntityTable } from 'dexie';
import type { ContactSummary } from '../domain/activity-summary';
import type { EngagementWeights } from '../domain/engagement';
import type { Nudge } from '../domain/nudges';
import type { FactBucket } from '../domain/lead-facts';
import type { Activity, Company, Contact, Deal, NudgeState, StageChange, Suggestion } from '../domain/records';
import { factsDirtyMiddleware, type DirtyRow } from './facts-dirty';

export interface StoredSummary extends ContactSummary {
  engagement: EngagementWeights;
}

export interface SettingRow {
  key: string;
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
    this.use(factsDirtyMiddleware);
  }
}
