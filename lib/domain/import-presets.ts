import { z } from 'zod';

// The exports reps actually have, recognised by their header rows, and a
// column → field mapping for each. Header sets are from each tool's public
// documentation of its export (see test/fixtures/import/SOURCES.md); any other
// CSV gets a mapping suggested from its column names, which the rep confirms
// and which is remembered per header row.

export const IMPORT_FIELDS = [
  'fullName', 'firstName', 'lastName', 'email', 'title', 'headline', 'location', 'company', 'companyDomain', 'linkedinUrl',
  'contactCreatedAt', 'connectedAt', 'note',
  'dealTitle', 'stage', 'status', 'amount', 'currency', 'dealCreatedAt', 'closeDate', 'closedAt', 'wonAt', 'lostAt',
  'expectedCloseAt', 'lostReason', 'owner',
  'activityKind', 'activityAt', 'activityText',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const PRESET_IDS = ['hubspot-contacts', 'hubspot-deals', 'pipedrive', 'streak', 'linkedin-connections', 'custom'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/** Per column (by index): the field it fills, or null when ignored. */
export type ColumnMapping = (ImportField | null)[];

export const ColumnMappingSchema = z.array(z.enum(IMPORT_FIELDS).nullable()).max(500);
/** The mappings a rep chose, remembered per header row (the `importMappings` settings row, kept in a backup too). */
export const RememberedMappingsSchema = z.record(z.string(), z.object({ mapping: ColumnMappingSchema, at: z.number() }));

/** Lower-cased, spaces collapsed, so "Email  Address" and "email address" are one header. */
export const normHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, ' ');

/** Key of a header row, under which a custom mapping is remembered. */
export const headerKey = (header: readonly string[]) => header.map(normHeader).join('\u001f');

interface Preset {
  id: Exclude<PresetId, 'custom'>;
  /** True when the header row is this tool's export. */
  detect: (h: ReadonlySet<string>) => boolean;
  /** Header (normalised) → field. */
  columns: Record<string, ImportField>;
  /** How the tool writes slashed dates when a file cannot tell (US tools: month first). */
  dateOrder: 'mdy' | 'dmy';
}

const has = (h: ReadonlySet<string>, ...names: string[]) => names.every((n) => h.has(n));
const any = (h: ReadonlySet<string>, ...names: string[]) => names.some((n) => h.has(n));

const PRESETS: Preset[] = [
  {
    // LinkedIn "Get a copy of your data" → Connections.csv (after its "Notes:" preamble).
    id: 'linkedin-connections',
    // "Connected On" is LinkedIn's own; older exports have no URL column.
    detect: (h) => has(h, 'first name', 'last name', 'connected on'),
    columns: {
      'first name': 'firstName',
      'last name': 'lastName',
      url: 'linkedinUrl',
      'email address': 'email',
      company: 'company',
      position: 'title',
      'connected on': 'connectedAt',
    },
    dateOrder: 'dmy',
  },
  {
    // HubSpot deals export (Deals → Export): "Deal Name", "Deal Stage", "Amount", "Close Date", "Create Date"…
    id: 'hubspot-deals',
    detect: (h) => has(h, 'deal name', 'deal stage'),
    columns: {
      'deal name': 'dealTitle',
      'deal stage': 'stage',
      amount: 'amount',
      'amount in company currency': 'amount',
      currency: 'currency',
      'deal currency code': 'currency',
      'close date': 'closeDate',
      'create date': 'dealCreatedAt',
      'closed lost reason': 'lostReason',
      'associated contact': 'fullName',
      'associated contact email': 'email',
      'associated company': 'company',
    },
    dateOrder: 'mdy',
  },
  {
    // HubSpot contacts export (Contacts → Export): "Record ID", "First Name", "Last Name", "Email", …
    id: 'hubspot-contacts',
    // The id column, or (when the rep left it out of the export) a property only HubSpot has.
    detect: (h) =>
      any(h, 'record id', 'contact id', 'lifecycle stage', 'contact owner', 'hubspot score', 'original source') && any(h, 'email', 'first name') && !h.has('deal name'),
    columns: {
      'first name': 'firstName',
      'last name': 'lastName',
      email: 'email',
      'additional email addresses': 'email',
      'job title': 'title',
      'company name': 'company',
      'associated company': 'company',
      'website url': 'companyDomain',
      city: 'location',
      'create date': 'contactCreatedAt',
      'linkedin url': 'linkedinUrl',
    },
    dateOrder: 'mdy',
  },
  {
    // Pipedrive export (deals or people, with related fields): "Deal - Title", "Person - Name", "Organization - Name"…
    id: 'pipedrive',
    detect: (h) => [...h].some((x) => x.startsWith('deal - ') || x.startsWith('person - ')),
    columns: {
      'deal - title': 'dealTitle',
      'deal - value': 'amount',
      'deal - currency': 'currency',
      'deal - currency of value': 'currency',
      'deal - stage': 'stage',
      'deal - status': 'status',
      'deal - deal created': 'dealCreatedAt',
      'deal - won time': 'wonAt',
      'deal - lost time': 'lostAt',
      'deal - deal closed on': 'closedAt',
      'deal - close date': 'closedAt',
      'deal - expected close date': 'expectedCloseAt',
      'deal - lost reason': 'lostReason',
      'person - name': 'fullName',
      'person - first name': 'firstName',
      'person - last name': 'lastName',
      'person - email': 'email',
      'person - email - work': 'email',
      'person - email - home': 'email',
      'person - email - other': 'email',
      'person - job title': 'title',
      'person - organization': 'company',
      'organization - name': 'company',
      'person - person created': 'contactCreatedAt',
      'deal - contact person': 'fullName',
      'deal - organization': 'company',
    },
    dateOrder: 'mdy',
  },
  {
    // Streak pipeline export: foundational "Name", "Stage", "Notes" plus "Assigned To", "Date Created", "Contacts"…
    id: 'streak',
    detect: (h) => has(h, 'name', 'stage', 'notes') && any(h, 'assigned to', 'date created', 'contacts', 'date of last email', 'last updated'),
    columns: {
      name: 'dealTitle',
      stage: 'stage',
      notes: 'note',
      'date created': 'dealCreatedAt',
      contacts: 'email',
      organizations: 'company',
    },
    dateOrder: 'mdy',
  },
];

/** Column names other files use for each field, English and Indonesian. */
const SYNONYMS: Record<string, ImportField> = {};
const syn = (field: ImportField, ...names: string[]) => names.forEach((n) => (SYNONYMS[n] = field));
syn('fullName', 'name', 'full name', 'contact', 'contact name', 'person', 'nama', 'nama lengkap', 'kontak');
syn('firstName', 'first name', 'firstname', 'given name', 'nama depan');
syn('lastName', 'last name', 'lastname', 'surname', 'family name', 'nama belakang');
syn('email', 'email', 'emails', 'e-mail', 'email address', 'email addresses', 'e-mail address', 'alamat email', 'surel');
syn('title', 'title', 'job title', 'position', 'role', 'jabatan', 'posisi');
syn('headline', 'headline');
syn('location', 'location', 'city', 'kota', 'lokasi');
syn('company', 'company', 'company name', 'organization', 'organisation', 'account', 'perusahaan');
syn('companyDomain', 'company domain', 'domain', 'website', 'situs web');
syn('linkedinUrl', 'linkedin', 'linkedin url', 'linkedin profile', 'profile url', 'url');
syn('contactCreatedAt', 'created', 'created at', 'create date', 'date created', 'dibuat');
syn('connectedAt', 'connected on');
syn('note', 'note', 'notes', 'catatan');
syn('dealTitle', 'deal', 'deal title', 'deal name', 'opportunity', 'kesepakatan');
syn('stage', 'stage', 'deal stage', 'pipeline stage', 'tahap');
syn('status', 'status', 'deal status');
syn('amount', 'amount', 'value', 'deal value', 'nilai', 'jumlah');
syn('currency', 'currency', 'mata uang');
syn('closedAt', 'closed', 'closed at', 'close date', 'ditutup');
syn('expectedCloseAt', 'expected close', 'expected close date', 'perkiraan tutup');
syn('lostReason', 'lost reason', 'alasan kalah');
syn('owner', 'owner', 'deal owner', 'pemilik');
syn('activityKind', 'kind', 'activity', 'activity type', 'jenis');
syn('activityAt', 'at', 'activity date', 'when', 'waktu');
syn('activityText', 'text', 'subject', 'description', 'teks');

export interface Recognised {
  preset: PresetId;
  mapping: ColumnMapping;
  dateOrder: 'mdy' | 'dmy' | null;
}

/**
 * The preset whose header set this is, with its mapping; else 'custom' with a
 * mapping suggested from the column names (a remembered one wins). A field is
 * filled by the first column that maps to it, except emails, which collect.
 */
export function recognise(header: readonly string[], remembered?: ColumnMapping | null): Recognised {
  const names = header.map(normHeader);
  const set = new Set(names);
  const preset = PRESETS.find((p) => p.detect(set));
  if (preset) return { preset: preset.id, mapping: names.map((n) => preset.columns[n] ?? null), dateOrder: preset.dateOrder };
  if (remembered && remembered.length === header.length) return { preset: 'custom', mapping: [...remembered], dateOrder: null };
  const seen = new Set<ImportField>();
  const mapping = names.map((n) => {
    const f = SYNONYMS[n] ?? null;
    if (!f || (seen.has(f) && f !== 'email')) return null;
    seen.add(f);
    return f;
  });
  return { preset: 'custom', mapping, dateOrder: null };
}
