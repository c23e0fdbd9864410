import { Dexie, type EntityTable } from 'dexie';
import type { Activity, Company, Contact, Deal, StageChange } from '../domain/records';

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

  constructor(name = 'sidecar') {
    super(name);
    // Version 1. Later versions add stores/indexes with .upgrade() migrations;
    // never edit a shipped version's schema in place.
    this.version(1).stores({
      contacts: 'id, *emails, linkedinUrl, companyId, updatedAt',
      companies: 'id, &domain, updatedAt',
      deals: 'id, contactId, stageId, status, updatedAt',
      activities: 'id, contactId, dealId, sourceId, at, updatedAt',
      stageChanges: 'id, dealId, at',
      settings: 'key',
    });
  }
}
