import { csvRow } from './csv-write';
import { currencyDigits } from './money';
import type { Activity, Company, Contact, Deal } from './records';

// The spreadsheet exports, one CSV per table. Headers use the names the
// importer's custom mapping recognises, so a file written here reads back
// (csv-roundtrip.test.ts). Times are ISO 8601 in UTC; amounts are decimals in
// the deal's currency, with a dot.

export const CSV_TABLES = ['contacts', 'deals', 'activities'] as const;
export type CsvTableName = (typeof CSV_TABLES)[number];

const iso = (t: number | null) => (t === null ? '' : new Date(t).toISOString());

/** Minor units as a plain decimal: 150050 USD → "1500.50", 1500000 IDR → "1500000". */
export function decimalAmount(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const s = String(minor).padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

export const CONTACT_CSV_HEADER = ['Id', 'Name', 'Emails', 'Title', 'Headline', 'Location', 'Company', 'Company domain', 'LinkedIn URL', 'Phones', 'Websites', 'Created', 'Updated'];

export function contactCsvRow(c: Contact, company: Company | null): string {
  return csvRow([c.id, c.name, c.emails.join('; '), c.title, c.headline, c.location, company?.name ?? null, company?.domain ?? null, c.linkedinUrl, (c.phones ?? []).join('; '), (c.websites ?? []).join('; '), iso(c.createdAt), iso(c.updatedAt)]);
}

export const DEAL_CSV_HEADER = ['Id', 'Deal', 'Contact', 'Email', 'Company', 'Stage', 'Status', 'Value', 'Currency', 'Created', 'Expected close', 'Closed', 'Lost reason', 'Owner'];

export function dealCsvRow(d: Deal, contact: Contact | null, company: Company | null, stageName: string): string {
  return csvRow([
    d.id,
    d.title,
    contact?.name ?? null,
    contact?.emails[0] ?? null,
    company?.name ?? null,
    stageName,
    d.status,
    decimalAmount(d.valueMinor, d.currency),
    d.currency,
    iso(d.createdAt),
    iso(d.expectedCloseAt),
    iso(d.closedAt),
    d.lostReason,
    d.owner,
  ]);
}

export const ACTIVITY_CSV_HEADER = ['Id', 'At', 'Kind', 'Direction', 'Channel', 'Contact', 'Email', 'Text'];

export function activityCsvRow(a: Activity, contact: Contact | null): string {
  return csvRow([a.id, iso(a.at), a.kind, a.direction, a.channel, contact?.name ?? null, contact?.emails[0] ?? null, a.text]);
}

export const CSV_HEADERS: Record<CsvTableName, string[]> = {
  contacts: CONTACT_CSV_HEADER,
  deals: DEAL_CSV_HEADER,
  activities: ACTIVITY_CSV_HEADER,
};
