/**
 * Dates Gmail shows in `span.g3[title]` (English and Indonesian) and the send
 * time hidden in message ids. Local time, like the title. Never throws.
 */

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: string[][] = [
  ['jan', 'january', 'januari'],
  ['feb', 'february', 'februari'],
  ['mar', 'march', 'maret'],
  ['apr', 'april'],
  ['may', 'mei'],
  ['jun', 'june', 'juni'],
  ['jul', 'july', 'juli'],
  ['aug', 'august', 'agu', 'agt', 'agustus'],
  ['sep', 'sept', 'september'],
  ['oct', 'october', 'okt', 'oktober'],
  ['nov', 'november'],
  ['dec', 'december', 'des', 'desember'],
];
MONTH_NAMES.forEach((names, month) => names.forEach((n) => (MONTHS[n] = month)));

/** Bidi marks and zero-width characters Gmail puts around dates; odd spaces become plain ones. */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;

/** 15:04, 3:04 PM, 15.04, 15.04.09; not part of a longer number. */
const TIME = /(?<![\d.:])(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?![\d.:]*\d)\s*(a\.?m\.?|p\.?m\.?)?/i;

function readTime(text: string): { hour: number; minute: number; second: number; rest: string } | null {
  const m = TIME.exec(text);
  if (!m) return { hour: 0, minute: 0, second: 0, rest: text };
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3] ?? 0);
  const meridiem = m[4]?.replace(/\./g, '').toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { hour, minute, second, rest: text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length) };
}

/**
 * "Tue, Nov 24, 2026, 3:04 PM", "24 Nov 2026, 15:04", "Sel, 24 Nov 2026, 15.04",
 * "24 Agustus 2026 15.04" → epoch ms (local time); null when unparseable or impossible.
 */
export function parseGmailDate(text: string): number | null {
  try {
    if (typeof text !== 'string' || text.length > 200) return null;
    const normal = text.replace(INVISIBLE, '').replace(ODD_SPACE, ' ').toLowerCase();
    const time = readTime(normal);
    if (!time) return null;
    const months = [...time.rest.matchAll(/\p{L}+/gu)].map((w) => MONTHS[w[0]]).filter((m) => m !== undefined);
    const numbers = [...time.rest.matchAll(/\d+/g)].map((n) => n[0]);
    if (months.length !== 1 || numbers.length !== 2) return null;
    const year = numbers.find((n) => n.length === 4);
    const day = numbers.find((n) => n.length <= 2);
    if (!year || !day) return null;
    const [y, mo, d] = [Number(year), months[0] as number, Number(day)];
    if (y < 1970 || y > 2200) return null;
    const date = new Date(y, mo, d, time.hour, time.minute, time.second);
    // Rejects day 32, Feb 30 and the like: Date rolls them over into another month.
    if (date.getFullYear() !== y || date.getMonth() !== mo || date.getDate() !== d) return null;
    return date.getTime();
  } catch {
    return null;
  }
}

const GMAIL_EPOCH = Date.UTC(2004, 0, 1);
const DAY = 86_400_000;

/**
 * Send time (epoch ms) from a legacy hex message id ("14a5f1c6f7aeeebc") or a
 * "msg-f:<decimal>" id: the value's upper bits are milliseconds (value / 2^20).
 * Null unless it lands between 2004-01-01 and `now` + 1 day.
 */
export function timeFromMessageId(id: string, now: number = Date.now()): number | null {
  try {
    if (typeof id !== 'string') return null;
    const raw = id.trim().replace(/^#/, '');
    const decimal = /^(?:msg|thread)-f:(\d{1,20})$/.exec(raw);
    let value: bigint;
    if (decimal) value = BigInt(decimal[1] as string);
    else if (/^[0-9a-f]{11,16}$/i.test(raw)) value = BigInt(`0x${raw}`);
    else return null;
    const ms = Number(value >> 20n);
    return ms >= GMAIL_EPOCH && ms <= now + DAY ? ms : null;
  } catch {
    return null;
  }
}
