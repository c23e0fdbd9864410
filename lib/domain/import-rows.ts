import { canonicalProfileUrl } from '../sites/linkedin/urls';
import type { CsvTable } from './csv-read';
import { nameFromEmail } from './email';
import type { ColumnMapping, ImportField } from './import-presets';
import { cellText, parseAmount, parseImportDate, readCurrency, splitEmails, type DateOrder } from './import-values';
import { ActivityKindSchema, type ActivityKind, type DealStatus } from './records';

// One CSV row → what it says about a person, a deal and their history, with
// the problems found on the way. Nothing is decided here about existing
// contacts (that is the plan's job, import-plan.ts).

export const ISSUE_CODES = [
  'no_identity',
  'missing_email',
  'bad_email',
  'bad_date',
  'ambiguous_date',
  'bad_amount',
  'bad_currency',
  'bad_linkedin',
  'bad_status',
  'bad_kind',
  'ragged',
  'duplicate_in_file',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface ImportIssue {
  level: 'error' | 'warning';
  code: IssueCode;
  field?: ImportField;
  /** The cell as written (cut to 80 characters), for the message. */
  value?: string;
}

export interface ImportedContact {
  name: string;
  emails: string[];
  title: string | null;
  headline: string | null;
  location: string | null;
  company: string | null;
  companyDomain: string | null;
  linkedinUrl: string | null;
  createdAt: number | null;
}

export interface ImportedDeal {
  title: string | null;
  /** The source's stage value as written; mapped to the rep's stages by the stage map. */
  stage: string | null;
  /** From a status column or won/lost times; null when only the stage can tell. */
  status: DealStatus | null;
  valueMinor: number | null;
  currency: string | null;
  createdAt: number | null;
  /** A "close date" that means closedAt for won/lost deals and expectedCloseAt for open ones (HubSpot). */
  closeDate: number | null;
  closedAt: number | null;
  expectedCloseAt: number | null;
  lostReason: string | null;
  owner: string | null;
}

export interface ImportedActivity {
  kind: ActivityKind;
  at: number;
  text: string | null;
}

export interface ImportRecord {
  /** Index of the row among the data rows. */
  index: number;
  /** Line in the file where the row starts. */
  line: number;
  contact: ImportedContact;
  deal: ImportedDeal | null;
  activities: ImportedActivity[];
  issues: ImportIssue[];
}

export interface RowOptions {
  dateOrder: DateOrder;
  /** The rep's currency: amounts with no currency of their own are in it. */
  currency: string;
  now: number;
}

const DEAL_FIELDS: ReadonlySet<ImportField> = new Set(['dealTitle', 'stage', 'status', 'amount', 'dealCreatedAt', 'closeDate', 'closedAt', 'wonAt', 'lostAt', 'expectedCloseAt', 'lostReason']);

const KIND_LABELS: Record<string, ActivityKind> = {
  'email in': 'email_in', 'email received': 'email_in', 'email out': 'email_out', 'email sent': 'email_out', email: 'email_out',
  'linkedin connect': 'linkedin_connect', 'connection request': 'linkedin_connect', 'linkedin message': 'linkedin_message',
  inmail: 'linkedin_inmail', 'linkedin inmail': 'linkedin_inmail', call: 'call', meeting: 'meeting', note: 'note', 'stage change': 'stage_change',
};

const cut = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);
const clip = (s: string | null, max: number) => (s ? s.slice(0, max) : null);

function linkedInUrl(raw: string): string | null {
  const v = /^(www\.)?linkedin\.com\//i.test(raw) ? `https://${raw}` : raw;
  return canonicalProfileUrl(v);
}

/**
 * "Dana Prospect (dana@x.io)" or "Dana Prospect <dana@x.io>": the name and the address apart. HubSpot lists a
 * deal's several contacts in one cell, "A (a@x.io);B (b@y.io)": the first is the deal's person (the others'
 * names and addresses would make one garbled contact of them all). Only a list whose first entry has its
 * address is one: a name with a semicolon in it (our own export writes it as it is) stays whole.
 */
function nameAndAddress(raw: string): { name: string; emails: string[] } {
  const [first, ...others] = raw.split(';').map((p) => p.trim()).filter(Boolean);
  const person = first && others.length > 0 ? onePerson(first) : null;
  return person && person.emails.length > 0 ? person : onePerson(raw);
}

function onePerson(raw: string): { name: string; emails: string[] } {
  const m = /^(.*?)[\s]*[(<]\s*([^()<>\s]+@[^()<>\s]+)\s*[)>]\s*$/.exec(raw);
  const inBrackets = m ? splitEmails(m[2]!) : null;
  if (m && inBrackets!.bad.length === 0 && inBrackets!.emails.length) return { name: m[1]!.trim(), emails: inBrackets!.emails };
  const whole = /^[^\s@]+@[^\s@]+$/.test(raw) ? splitEmails(raw) : null;
  if (whole && whole.bad.length === 0 && whole.emails.length) return { name: '', emails: whole.emails };
  return { name: raw, emails: [] };
}

function statusOf(raw: string): DealStatus | null | 'bad' {
  const v = raw.toLowerCase();
  if (!v) return null;
  if (['open', 'active', 'terbuka', 'aktif'].includes(v)) return 'open';
  if (['won', 'closed won', 'menang'].includes(v)) return 'won';
  if (['lost', 'closed lost', 'kalah', 'deleted'].includes(v)) return 'lost';
  return 'bad';
}

/** Rows of a parsed table, read through the mapping. */
export function readRows(table: CsvTable, mapping: ColumnMapping, opts: RowOptions): ImportRecord[] {
  const byField = new Map<ImportField, number[]>();
  mapping.forEach((f, i) => {
    if (f) byField.set(f, [...(byField.get(f) ?? []), i]);
  });
  const hasDeal = [...byField.keys()].some((f) => DEAL_FIELDS.has(f));
  return table.rows.map((row, index) => readRow(row, index, table.lines[index] ?? index + 2, byField, hasDeal, table.ragged.has(index), opts));
}

function readRow(
  row: readonly string[],
  index: number,
  line: number,
  byField: ReadonlyMap<ImportField, number[]>,
  hasDeal: boolean,
  ragged: boolean,
  opts: RowOptions,
): ImportRecord {
  const issues: ImportIssue[] = [];
  const get = (f: ImportField) => {
    for (const i of byField.get(f) ?? []) {
      const v = cellText(row[i]);
      if (v) return v;
    }
    return '';
  };
  const date = (f: ImportField): number | null => {
    const raw = get(f);
    if (!raw) return null;
    const d = parseImportDate(raw, opts.dateOrder);
    if (!d.ok) {
      issues.push({ level: 'warning', code: 'bad_date', field: f, value: cut(raw) });
      return null;
    }
    if ('ambiguous' in d) issues.push({ level: 'warning', code: 'ambiguous_date', field: f, value: cut(raw) });
    return d.at;
  };
  if (ragged) issues.push({ level: 'warning', code: 'ragged' });

  // Person.
  const emails: string[] = [];
  for (const i of byField.get('email') ?? []) {
    const raw = cellText(row[i]);
    if (!raw) continue;
    const { emails: good, bad } = splitEmails(raw);
    for (const e of good) if (!emails.includes(e)) emails.push(e);
    if (bad.length) issues.push({ level: 'warning', code: 'bad_email', field: 'email', value: cut(bad.join(' ')) });
  }
  const full = nameAndAddress(get('fullName'));
  for (const e of full.emails) if (!emails.includes(e)) emails.push(e);
  const rawUrl = get('linkedinUrl');
  const linkedinUrl = rawUrl ? linkedInUrl(rawUrl) : null;
  if (rawUrl && !linkedinUrl) issues.push({ level: 'warning', code: 'bad_linkedin', field: 'linkedinUrl', value: cut(rawUrl) });
  const parts = [get('firstName'), get('lastName')].filter(Boolean).join(' ');
  const name = (full.name || parts || (emails[0] ? nameFromEmail(emails[0]) : '')).slice(0, 300);
  const connectedAt = date('connectedAt');
  const contactCreated = date('contactCreatedAt');
  const companyDomain = get('companyDomain').toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/.*$/, '') || null;

  // Deal.
  let deal: ImportedDeal | null = null;
  if (hasDeal) {
    const currencyCell = get('currency');
    // Pipedrive writes "Indonesian Rupiah (IDR)" in some exports: the code in brackets, never a made-up one.
    const currencyCode = currencyCell ? readCurrency(currencyCell) : null;
    // Unread, the amount is taken in the rep's currency: the row says so rather than passing it off as theirs.
    if (currencyCell && !currencyCode) issues.push({ level: 'warning', code: 'bad_currency', field: 'currency', value: cut(currencyCell) });
    const rawAmount = get('amount');
    let valueMinor: number | null = null;
    let currency = currencyCode;
    if (rawAmount) {
      const a = parseAmount(rawAmount, currencyCode ?? opts.currency);
      if (a) {
        valueMinor = a.minor;
        currency = a.currency ?? currencyCode;
      } else issues.push({ level: 'warning', code: 'bad_amount', field: 'amount', value: cut(rawAmount) });
    }
    const wonAt = date('wonAt');
    const lostAt = date('lostAt');
    const rawStatus = get('status');
    let status = statusOf(rawStatus);
    if (status === 'bad') {
      issues.push({ level: 'warning', code: 'bad_status', field: 'status', value: cut(rawStatus) });
      status = null;
    }
    if (status === null && wonAt !== null) status = 'won';
    if (status === null && lostAt !== null) status = 'lost';
    deal = {
      title: clip(get('dealTitle'), 300),
      stage: get('stage') || null,
      status,
      valueMinor,
      currency,
      createdAt: date('dealCreatedAt') ?? contactCreated,
      closeDate: date('closeDate'),
      closedAt: date('closedAt') ?? (status === 'won' ? wonAt : status === 'lost' ? lostAt : null) ?? wonAt ?? lostAt,
      expectedCloseAt: date('expectedCloseAt'),
      lostReason: clip(get('lostReason'), 300),
      owner: splitEmails(get('owner')).emails[0] ?? null,
    };
  }

  // History.
  const activities: ImportedActivity[] = [];
  const rawKind = get('activityKind');
  if (rawKind) {
    const kind = ActivityKindSchema.safeParse(rawKind).success ? (rawKind as ActivityKind) : KIND_LABELS[rawKind.toLowerCase()];
    const at = date('activityAt');
    if (!kind) issues.push({ level: 'warning', code: 'bad_kind', field: 'activityKind', value: cut(rawKind) });
    else if (at !== null) activities.push({ kind, at, text: clip(get('activityText'), 1000) });
  }
  const note = get('note');
  if (note) activities.push({ kind: 'note', at: deal?.createdAt ?? contactCreated ?? connectedAt ?? opts.now, text: note.slice(0, 1000) });

  const contact: ImportedContact = {
    name: name || (deal?.title ?? ''),
    emails: emails.slice(0, 50),
    title: clip(get('title'), 300),
    headline: clip(get('headline'), 500),
    location: clip(get('location'), 300),
    company: clip(get('company'), 300),
    companyDomain: companyDomain && /^[a-z0-9.-]+\.[a-z]{2,}$/.test(companyDomain) ? companyDomain.slice(0, 253) : null,
    linkedinUrl,
    createdAt: connectedAt ?? contactCreated ?? deal?.createdAt ?? null,
  };
  if (!contact.name && emails.length === 0 && !linkedinUrl) issues.push({ level: 'error', code: 'no_identity' });
  else if (emails.length === 0) issues.push({ level: 'warning', code: 'missing_email' });
  return { index, line, contact, deal, activities, issues };
}
