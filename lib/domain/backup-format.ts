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
import { EmailSchema } from './email';
import { RememberedMappingsSchema } from './import-presets';
import { SettingsSchema } from './settings';

// The full backup: one JSON file, documented in docs/backup-format.md. It is
// written a record per line (still one JSON value), so the writer streams it
// table by table and never holds the whole file.

export const BACKUP_FORMAT = 'sidecar-crm-backup';
/** Bump on any change a reader of the previous version would get wrong, and add an upgrade below. */
export const BACKUP_VERSION = 1;

/** The tables of a backup, in the order they are written and restored (referenced records first). */
export const BACKUP_TABLES = ['companies', 'contacts', 'deals', 'stageChanges', 'activities', 'suggestions', 'nudgeStates'] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

/**
 * A backup may have been edited by hand (or written by a script): addresses
 * and domains are normalised as they come in, as everywhere else, so a merge
 * matches `Budi@Maju.co.id` to the contact stored as `budi@maju.co.id`.
 */
const lowerCase = z.string().trim().toLowerCase();
const BackupContactSchema = ContactSchema.extend({
  emails: z
    .array(lowerCase.pipe(EmailSchema))
    .max(50)
    .transform((emails) => [...new Set(emails)]),
});
const BackupCompanySchema = CompanySchema.extend({ domain: lowerCase.pipe(CompanySchema.shape.domain.unwrap()).nullable() });

export const BACKUP_RECORD_SCHEMAS = {
  companies: BackupCompanySchema,
  contacts: BackupContactSchema,
  deals: DealSchema,
  stageChanges: StageChangeSchema,
  activities: ActivitySchema,
  suggestions: SuggestionSchema,
  nudgeStates: NudgeStateSchema,
} as const satisfies Record<BackupTable, z.ZodType>;

/** Settings rows kept in a backup: the rep's settings and the remembered column mappings. Derived rows (caches) are rebuilt. */
export const BACKUP_SETTING_KEYS = ['app', 'importMappings'] as const;

export const BackupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().positive(),
  exportedAt: z.number().int().nonnegative(),
  /** The extension version that wrote it. */
  app: z.string().max(40),
});
/** Records per table, written at the end (the writer counts as it streams): a restore checks it read them all. */
const CountsSchema = z.record(z.string(), z.number().int().nonnegative());
export type BackupHeader = z.infer<typeof BackupHeaderSchema>;

/**
 * A settings row, its value checked by its key: settings of the wrong shape are
 * refused, not restored as the defaults (migrateSettings would quietly put
 * those in place of a bad field) nor stored as they are. The rep's settings
 * are checked field by field as far as they go: a field missing (settings of
 * an older version) is filled in by migrateSettings on restore.
 */
export const BackupSettingRowSchema = z.discriminatedUnion('key', [
  z.object({ key: z.literal('app'), value: SettingsSchema.omit({ version: true }).partial(), updatedAt: z.number().int().nonnegative() }),
  z.object({ key: z.literal('importMappings'), value: RememberedMappingsSchema, updatedAt: z.number().int().nonnegative() }),
]) satisfies z.ZodType<{ key: (typeof BACKUP_SETTING_KEYS)[number] }>;
export type BackupSettingRow = z.infer<typeof BackupSettingRowSchema>;

export interface Backup {
  header: BackupHeader;
  counts: Record<string, number>;
  settings: BackupSettingRow[];
  tables: { [T in BackupTable]: z.infer<(typeof BACKUP_RECORD_SCHEMAS)[T]>[] };
}

export type BackupError =
  | { code: 'not_json' }
  | { code: 'not_backup' }
  | { code: 'newer'; version: number; supported: number }
  | { code: 'invalid'; table: string; index: number; detail: string }
  | { code: 'count_mismatch'; table: string; expected: number; found: number };

/**
 * Upgrades from each older version to the next, by the version they read. The
 * record schemas themselves read older records (fields added later have
 * defaults: a company without industry, a deal without BANT), and settings of
 * any earlier version are migrated by migrateSettings on restore.
 */
const UPGRADES: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {};

/** A parsed JSON value → a checked backup of the current version, or why not. */
export function readBackup(raw: unknown): { ok: true; backup: Backup } | { ok: false; error: BackupError } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: { code: 'not_backup' } };
  let doc = raw as Record<string, unknown>;
  if (doc.format !== BACKUP_FORMAT || typeof doc.version !== 'number') return { ok: false, error: { code: 'not_backup' } };
  if (doc.version > BACKUP_VERSION) return { ok: false, error: { code: 'newer', version: doc.version, supported: BACKUP_VERSION } };
  for (let v = doc.version; v < BACKUP_VERSION; v++) {
    const up = UPGRADES[v];
    if (!up) return { ok: false, error: { code: 'not_backup' } };
    doc = { ...up(doc), version: v + 1 };
  }
  const header = BackupHeaderSchema.safeParse({ format: doc.format, version: doc.version, exportedAt: doc.exportedAt, app: doc.app });
  const counts = CountsSchema.safeParse(doc.counts);
  if (!header.success || !counts.success) return { ok: false, error: { code: 'not_backup' } };
  const settingsRaw = Array.isArray(doc.settings) ? doc.settings : [];
  const settings: BackupSettingRow[] = [];
  for (const [i, row] of settingsRaw.entries()) {
    const p = BackupSettingRowSchema.safeParse(row);
    if (!p.success) return { ok: false, error: { code: 'invalid', table: 'settings', index: i, detail: describe(p.error) } };
    settings.push(p.data);
  }
  const tablesRaw = (typeof doc.tables === 'object' && doc.tables !== null ? doc.tables : {}) as Record<string, unknown>;
  const tables = {} as Backup['tables'];
  for (const t of BACKUP_TABLES) {
    const list = tablesRaw[t] ?? [];
    if (!Array.isArray(list)) return { ok: false, error: { code: 'invalid', table: t, index: -1, detail: 'not a list' } };
    const schema = BACKUP_RECORD_SCHEMAS[t] as z.ZodType;
    const out: unknown[] = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
      const p = schema.safeParse(list[i]);
      if (!p.success) return { ok: false, error: { code: 'invalid', table: t, index: i, detail: describe(p.error) } };
      out[i] = p.data;
    }
    const expected = counts.data[t];
    if (expected !== undefined && expected !== out.length) return { ok: false, error: { code: 'count_mismatch', table: t, expected, found: out.length } };
    (tables as Record<string, unknown[]>)[t] = out;
  }
  return { ok: true, backup: { header: header.data, counts: counts.data, settings, tables } };
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 2)
    .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
    .join('; ');
}

/**
 * The writer's pieces, in order: `open(header, settings)`, then for each
 * table `tableStart(name, first)`, a `record(r, first)` per record, and
 * `close(counts)` at the end. Concatenated, they are one JSON object.
 */
export const backupWriter = {
  open(header: BackupHeader, settings: readonly BackupSettingRow[]): string {
    const head = JSON.stringify(header);
    return `${head.slice(0, -1)},\n"settings":${JSON.stringify(settings)},\n"tables":{`;
  },
  tableStart(name: BackupTable, first: boolean): string {
    return `${first ? '' : '\n],'}\n${JSON.stringify(name)}:[`;
  },
  record(r: unknown, first: boolean): string {
    return `\n${first ? '' : ','}${JSON.stringify(r)}`;
  },
  close(anyTable: boolean, counts: Record<string, number>): string {
    return `${anyTable ? '\n]' : ''}\n},\n"counts":${JSON.stringify(counts)}}\n`;
  },
};
