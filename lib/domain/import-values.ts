import { unneutralizeCell } from './csv-write';
import { normalizeEmail } from './email';
import { isCurrencyCode, parseMoney } from './money';

// Values as other tools write them in their CSV exports. Pure; dates without a
// zone are read in the local zone (what the rep saw in the tool).

/** A cell as text: trimmed, and a formula-neutralising apostrophe (ours or another tool's) taken off. */
export function cellText(raw: string | undefined): string {
  return unneutralizeCell((raw ?? '').trim());
}

export type DateOrder = 'mdy' | 'dmy';

export type DateRead =
  | { ok: true; at: number }
  /** Both readings are valid dates (03/04/2024): the file's date order decides, and the rep is shown which. */
  | { ok: true; at: number; ambiguous: { mdy: number; dmy: number } }
  | { ok: false };

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  // Indonesian short names where they differ (Mei, Agu/Agt, Okt, Des).
  mei: 5, agu: 8, agt: 8, agus: 8, okt: 10, des: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
};

function local(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number | null {
  if (y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const t = new Date(y, mo - 1, d, h, mi, s, ms);
  // 31/02 rolls over into March: not a date.
  if (t.getFullYear() !== y || t.getMonth() !== mo - 1 || t.getDate() !== d) return null;
  // Records keep epoch milliseconds from 1970 on (the background refuses a row before that, and the whole import with it).
  return t.getTime() < 0 ? null : t.getTime();
}

function timeOf(rest: string | undefined): [number, number, number, number] | null {
  if (!rest || !rest.trim()) return [0, 0, 0, 0];
  const m = /^\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*([ap]\.?m\.?)?\s*$/i.exec(rest);
  if (!m) return null;
  let h = Number(m[1]);
  const ampm = m[5]?.toLowerCase().replace(/\./g, '');
  if (ampm) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (ampm === 'pm' ? 12 : 0);
  }
  return [h, Number(m[2]), Number(m[3] ?? 0), Number((m[4] ?? '0').padEnd(3, '0'))];
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * ISO 8601 (with or without time and zone), `MM/DD/YYYY` and `DD/MM/YYYY`
 * (with `/`, `-`; dotted `DD.MM.YYYY` is always day first), `15 Mar 2024`,
 * `Mar 15, 2024`, an optional time after any of them, and Excel serial day
 * numbers. A slashed date that reads both ways is returned with both readings.
 */
export function parseImportDate(raw: string, order: DateOrder = 'mdy'): DateRead {
  const text = raw.trim();
  if (!text) return { ok: false };
  // ISO: 2024-03-15, 2024-03-15T10:22:33Z, 2024-03-15 10:22
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text);
  if (iso) {
    const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(iso[i] ?? 0)) as [number, number, number, number, number, number];
    const ms = Number((iso[7] ?? '0').padEnd(3, '0'));
    const zone = iso[8];
    const at = local(y, mo, d, h, mi, s, ms);
    if (at === null) return { ok: false };
    if (!zone) return { ok: true, at };
    const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
    const z = /([+-])(\d{2}):?(\d{2})/.exec(zone);
    const offset = z ? (Number(z[2]) * 60 + Number(z[3])) * 60_000 * (z[1] === '-' ? -1 : 1) : 0;
    return utc - offset < 0 ? { ok: false } : { ok: true, at: utc - offset };
  }
  // Excel serial day number (1 = 1900-01-01, with Excel's 1900 leap-year bug folded into the epoch).
  if (/^\d{4,5}(\.\d+)?$/.test(text)) {
    const serial = Number(text);
    if (serial < 1 || serial > 109_575) return { ok: false };
    const utc = EXCEL_EPOCH + Math.round(serial * DAY_MS);
    const d = new Date(utc);
    const at = local(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
    return at === null ? { ok: false } : { ok: true, at };
  }
  // Dotted: day first everywhere it is written.
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T,]+(.*))?$/.exec(text);
  if (dotted) {
    const t = timeOf(dotted[4]);
    const at = t && local(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]), ...t);
    return at ? { ok: true, at } : { ok: false };
  }
  const slashed = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})(?:[ T,]+(.*))?$/.exec(text);
  if (slashed) {
    const t = timeOf(slashed[4]);
    if (!t) return { ok: false };
    let y = Number(slashed[3]);
    if (slashed[3]!.length === 2) y += y < 70 ? 2000 : 1900;
    const a = Number(slashed[1]);
    const b = Number(slashed[2]);
    const mdy = local(y, a, b, ...t);
    const dmy = local(y, b, a, ...t);
    if (mdy !== null && dmy !== null && mdy !== dmy) return { ok: true, at: order === 'mdy' ? mdy : dmy, ambiguous: { mdy, dmy } };
    const at = mdy ?? dmy;
    return at === null ? { ok: false } : { ok: true, at };
  }
  // 15 Mar 2024, 15-Mar-2024, 15-Mar-24 (Excel's display), 15 March 2024, Mar 15, 2024, March 15 2024
  const dayFirst = /^(\d{1,2})[ -]([a-z]{3,9})\.?[ ,-]*(\d{4}|\d{2})(?:[ T,]+(.*))?$/i.exec(text);
  const monthFirst = /^([a-z]{3,9})\.? (\d{1,2}),? (\d{4})(?:[ T,]+(.*))?$/i.exec(text);
  const named = dayFirst
    ? { d: dayFirst[1]!, mo: dayFirst[2]!, y: dayFirst[3]!, rest: dayFirst[4] }
    : monthFirst
      ? { d: monthFirst[2]!, mo: monthFirst[1]!, y: monthFirst[3]!, rest: monthFirst[4] }
      : null;
  if (named) {
    const mo = MONTHS[named.mo.toLowerCase()];
    const t = timeOf(named.rest);
    const y = Number(named.y) + (named.y.length === 2 ? (Number(named.y) < 70 ? 2000 : 1900) : 0);
    const at = mo && t ? local(y, mo, Number(named.d), ...t) : null;
    return at === null ? { ok: false } : { ok: true, at };
  }
  return { ok: false };
}

/**
 * The date order a column's values settle: a first part over 12 proves day
 * first, a second part over 12 month first. null when every value reads both
 * ways (or none is slashed); 'conflict' when the values disagree.
 */
export function detectDateOrder(values: Iterable<string>): DateOrder | null | 'conflict' {
  let mdy = false;
  let dmy = false;
  for (const v of values) {
    const m = /^\s*(\d{1,2})[/-](\d{1,2})[/-]\d{2,4}/.exec(v);
    if (!m) continue;
    if (Number(m[1]) > 12 && Number(m[2]) <= 12) dmy = true;
    if (Number(m[2]) > 12 && Number(m[1]) <= 12) mdy = true;
  }
  if (mdy && dmy) return 'conflict';
  return mdy ? 'mdy' : dmy ? 'dmy' : null;
}

// Currency marks as the exports write them, longest first so "US$" wins over "$".
const CURRENCY_MARKS: [string, string][] = [
  ['rp\\.?|idr', 'IDR'],
  ['us\\$|usd', 'USD'],
  ['s\\$|sgd', 'SGD'],
  ['a\\$|aud', 'AUD'],
  ['rm|myr', 'MYR'],
  ['€|eur', 'EUR'],
  ['£|gbp', 'GBP'],
  ['¥|jpy', 'JPY'],
  ['₱|php', 'PHP'],
  ['฿|thb', 'THB'],
  ['₹|inr', 'INR'],
  ['\\$', 'USD'],
];
const MARKS = CURRENCY_MARKS.map(([re, code]) => ({
  start: new RegExp(`^(?:${re})\\s*`, 'i'),
  end: new RegExp(`\\s*(?:${re})$`, 'i'),
  whole: new RegExp(`^(?:${re})$`, 'i'),
  code,
}));
const ANY_CODE = { start: /^([A-Z]{3})\s+/, end: /\s+([A-Z]{3})$/ };

export interface Amount {
  minor: number;
  /** From a mark in the cell itself; null when the cell had only digits. */
  currency: string | null;
}

/**
 * `1,234.50`, `1.234,50`, `1500`, `Rp 1.500.000`, `$1,234.50`, `1.234,50 €`,
 * `IDR 1.500.000`, `1500 SGD`: the minor units of the currency written in the
 * cell, else of `fallback` (a currency column, or the rep's own currency).
 * null when it is not a non-negative amount.
 */
export function parseAmount(raw: string, fallback: string): Amount | null {
  let text = raw.trim().replace(/[\s\u00a0\u202f]+/g, ' ');
  if (!text) return null;
  let currency: string | null = null;
  for (const mark of MARKS) {
    const m = mark.start.exec(text) ?? mark.end.exec(text);
    if (!m) continue;
    currency = mark.code;
    text = text.replace(m[0], '').trim();
    break;
  }
  if (!currency) {
    const m = ANY_CODE.start.exec(text) ?? ANY_CODE.end.exec(text);
    // Only a real code: "1500 ABC" is not an amount in a currency called ABC.
    if (m && isCurrencyCode(m[1]!)) {
      currency = m[1]!;
      text = text.replace(m[0], '').trim();
    }
  }
  const minor = parseMoney(text, currency ?? fallback);
  return minor === null ? null : { minor, currency };
}

/**
 * The currency a currency column names: the ISO code in brackets ("New
 * Zealand Dollar (NZD)", as Pipedrive writes it), the code alone in any case,
 * a code in capitals among other words ("SGD - Singapore Dollar"), or a mark
 * alone ("Rp", "€"). null when none is a currency Intl knows: a first word
 * of three letters ("New") is not a currency.
 */
export function readCurrency(raw: string): string | null {
  const text = raw.trim();
  const bracketed = /\(\s*([a-z]{3})\s*\)/i.exec(text)?.[1]?.toUpperCase();
  if (bracketed && isCurrencyCode(bracketed)) return bracketed;
  if (/^[a-z]{3}$/i.test(text) && isCurrencyCode(text.toUpperCase())) return text.toUpperCase();
  const word = text.match(/\b[A-Z]{3}\b/g)?.find(isCurrencyCode);
  if (word) return word;
  return MARKS.find((m) => m.whole.test(text))?.code ?? null;
}

/** Every address in a cell ("a@x.io; b@y.id", "a@x.io, b@y.id"), normalised; the ones that are not addresses in `bad`. */
export function splitEmails(raw: string): { emails: string[]; bad: string[] } {
  const emails: string[] = [];
  const bad: string[] = [];
  for (const part of raw.split(/[;,\s]+/)) {
    if (!part) continue;
    const e = normalizeEmail(part.replace(/^mailto:/i, '').replace(/^<|>$/g, ''));
    if (e) {
      if (!emails.includes(e)) emails.push(e);
    } else bad.push(part);
  }
  return { emails, bad };
}
