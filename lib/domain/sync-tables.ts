import { z } from 'zod';
import {
  ActivitySchema,
  CompanySchema,
  ContactSchema,
  DealSchema,
  NudgeStateSchema,
  StageChangeSchema,
  SuggestionSchema,
} from './records';
import { SettingsSchema } from './settings';

/**
 * What sync carries, shared by the extension and the server. Derived data
 * (activity summaries, nudges, packed facts, change markers) is never synced:
 * each device rebuilds it from these tables.
 *
 * The order is the upload order of a device's first sync: a company before
 * the contacts that name it, a contact before its deals and activities.
 */
export const SYNC_TABLES = ['settings', 'companies', 'contacts', 'deals', 'stageChanges', 'activities', 'suggestions', 'nudgeStates'] as const;
export type SyncTable = (typeof SYNC_TABLES)[number];
export const SyncTableSchema = z.enum(SYNC_TABLES);

/** The settings a team shares: the pipeline and how deals are scored and nudged. Language, side panel, the rep's own addresses and notifications stay on the device. */
export const SYNCED_SETTINGS = ['stages', 'currency', 'lostReasons', 'scoring', 'triggers', 'nudges'] as const;
/** The one settings record, under this id. */
export const SETTINGS_ID = 'app';

const SyncedSettingsSchema = SettingsSchema.pick({ stages: true, currency: true, lostReasons: true, scoring: true, triggers: true, nudges: true });

type Fields = Record<string, z.ZodType>;
const fieldsOf = (schema: z.ZodObject, omit: string): Fields => {
  const out: Fields = {};
  for (const [k, v] of Object.entries(schema.shape)) if (k !== omit) out[k] = v as z.ZodType;
  return out;
};

export interface TableSpec {
  /** Every field but the primary key (which travels as the change's id), each with its schema. */
  fields: Fields;
  /** Fields naming a record of another synced table: rewritten when that record is merged into another. */
  refs: Record<string, SyncTable>;
  /** Has `deletedAt`: deletion is a tombstone (a field like any other). */
  tombstone: boolean;
  /** Rows never change once written (the stage history): a later write to the same id is ignored. */
  insertOnly: boolean;
}

export const TABLES: Record<SyncTable, TableSpec> = {
  settings: { fields: fieldsOf(SyncedSettingsSchema, ''), refs: {}, tombstone: false, insertOnly: false },
  companies: { fields: fieldsOf(CompanySchema, 'id'), refs: {}, tombstone: true, insertOnly: false },
  contacts: { fields: fieldsOf(ContactSchema, 'id'), refs: { companyId: 'companies' }, tombstone: true, insertOnly: false },
  deals: { fields: fieldsOf(DealSchema, 'id'), refs: { contactId: 'contacts', companyId: 'companies' }, tombstone: true, insertOnly: false },
  stageChanges: { fields: fieldsOf(StageChangeSchema, 'id'), refs: { dealId: 'deals' }, tombstone: false, insertOnly: true },
  activities: { fields: fieldsOf(ActivitySchema, 'id'), refs: { contactId: 'contacts', dealId: 'deals' }, tombstone: true, insertOnly: false },
  suggestions: { fields: fieldsOf(SuggestionSchema, 'id'), refs: { contactId: 'contacts', dealId: 'deals' }, tombstone: true, insertOnly: false },
  nudgeStates: { fields: fieldsOf(NudgeStateSchema, 'id'), refs: {}, tombstone: false, insertOnly: false },
};

/** Which (table, field) pairs point at records of `table`. */
export function referencesTo(table: SyncTable): { table: SyncTable; field: string }[] {
  const out: { table: SyncTable; field: string }[] = [];
  for (const t of SYNC_TABLES) for (const [field, target] of Object.entries(TABLES[t].refs)) if (target === table) out.push({ table: t, field });
  return out;
}

/** A record's fields as synced: everything but its primary key. */
export type SyncData = Record<string, unknown>;

export type FieldIssue = { field: string; message: string };

/**
 * Checks synced fields against the table's schemas: unknown fields are
 * refused, and so are missing ones when `whole` (a record being created).
 * Returns the parsed values (defaults filled) or the issues.
 */
export function parseFields(table: SyncTable, fields: SyncData, whole: boolean): { ok: true; data: SyncData } | { ok: false; issues: FieldIssue[] } {
  const spec = TABLES[table].fields;
  const issues: FieldIssue[] = [];
  const data: SyncData = {};
  for (const [k, v] of Object.entries(fields)) {
    const schema = Object.hasOwn(spec, k) ? spec[k] : undefined;
    if (!schema) {
      issues.push({ field: k, message: 'unknown field' });
      continue;
    }
    const r = schema.safeParse(v);
    if (r.success) data[k] = r.data;
    else issues.push({ field: k, message: r.error.issues[0]?.message ?? 'invalid' });
  }
  if (whole) for (const k of Object.keys(spec)) if (!(k in data) && !issues.some((i) => i.field === k)) {
    const r = spec[k]!.safeParse(undefined);
    if (r.success) data[k] = r.data;
    else issues.push({ field: k, message: 'missing' });
  }
  return issues.length ? { ok: false, issues } : { ok: true, data };
}

const lower = (v: unknown) => (typeof v === 'string' && v ? v.trim().toLowerCase() : null);

/**
 * The natural keys of a record: two records of one table sharing any of them
 * are the same thing met on two devices, and are merged into one. A contact
 * by each lower-cased email, then its LinkedIn URL; an activity by the
 * message it was logged from and its contact; a company by its domain (also
 * when deleted: the extension keeps one company per domain, tombstone or not).
 */
export function naturalKeys(table: SyncTable, data: SyncData): string[] {
  if (table === 'companies') {
    const d = lower(data.domain);
    return d ? [`d:${d}`] : [];
  }
  if (data.deletedAt != null) return [];
  if (table === 'contacts') {
    const keys = Array.isArray(data.emails) ? data.emails.map(lower).filter((e): e is string => e !== null).map((e) => `e:${e}`) : [];
    const li = lower(data.linkedinUrl);
    if (li) keys.push(`l:${li.replace(/\/+$/, '')}`);
    return [...new Set(keys)];
  }
  if (table === 'activities') {
    const source = typeof data.sourceId === 'string' ? data.sourceId : null;
    const contact = typeof data.contactId === 'string' ? data.contactId : null;
    return source && contact ? [`s:${source}|${contact}`] : [];
  }
  return [];
}
