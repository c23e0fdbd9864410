import { currencyDigits, parseMoney } from './money';

/**
 * Amounts as reps type them: `50jt`, `50 juta`, `1,5 M` (miliar) and `Rp 1.500.000` in Indonesian; `50k`,
 * `1.5M`, `$1,234.50` in English. The UI language settles the one ambiguity: "M" is miliar (10^9) to an
 * Indonesian rep and million (10^6) to an English one. Returns minor units of `currency`, or null.
 */
type Lang = 'en' | 'id';

/** Power of ten per suffix, beyond the ambiguous "m". */
const SCALE: Readonly<Record<string, number>> = {
  rb: 3, ribu: 3, k: 3, thousand: 3,
  jt: 6, juta: 6, mn: 6, mio: 6, mm: 6, million: 6, millions: 6,
  miliar: 9, milyar: 9, b: 9, bn: 9, billion: 9, billions: 9,
  t: 12, tn: 12, triliun: 12, trillion: 12,
};
const M_SCALE: Readonly<Record<Lang, number>> = { id: 9, en: 6 };
/** The decimal mark each language writes. */
const DECIMAL: Readonly<Record<Lang, string>> = { id: ',', en: '.' };

/** The currency's symbols as Intl writes them in either language (Rp, US$, $, €...), and its code. */
function currencyMarks(currency: string): string[] {
  const marks = new Set([currency.toLowerCase(), 'rp', '$', 'us$', '€', '£', '¥', 'jp¥', 's$', 'rm', 'a$']);
  for (const locale of ['en', 'id-ID']) {
    try {
      const part = new Intl.NumberFormat(locale, { style: 'currency', currency }).formatToParts(1).find((p) => p.type === 'currency');
      if (part) marks.add(part.value.toLowerCase());
    } catch {
      // An unknown currency code: only the generic marks.
    }
  }
  // Longest first, so "us$" goes before "$".
  return [...marks].sort((a, b) => b.length - a.length);
}

/** The digits of a number written with grouping and a decimal mark, as [integer digits, decimals]. */
function splitNumber(num: string, lang: Lang): [digits: string, decimals: number] | null {
  const dots = num.split('.').length - 1;
  const commas = num.split(',').length - 1;
  let mark: string | null = null;
  if (dots && commas) mark = num.lastIndexOf('.') > num.lastIndexOf(',') ? '.' : ',';
  else if (dots + commas === 1) {
    const sep = dots ? '.' : ',';
    // The language's own decimal mark is one; the other is one too unless it groups exactly three digits.
    const after = num.length - num.indexOf(sep) - 1;
    mark = sep === DECIMAL[lang] || after !== 3 ? sep : null;
  }
  const [int, frac = ''] = mark ? [num.slice(0, num.lastIndexOf(mark)), num.slice(num.lastIndexOf(mark) + 1)] : [num, ''];
  if (/[.,]/.test(frac)) return null;
  // Grouping, if any, is one mark (not the decimal one) between groups of three: "1.500.000", not "1,2.3".
  const groups = int.split(/[.,]/);
  const seps = new Set(int.replace(/\d/g, ''));
  if (groups.length > 1 && (seps.size > 1 || seps.has(mark ?? '') || !/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))) return null;
  const digits = (int.replace(/[.,]/g, '') + frac).replace(/^0+(?=\d)/, '');
  return /^\d+$/.test(digits) ? [digits, frac.length] : null;
}

export function parseAmount(text: string, currency: string, lang: Lang): number | null {
  let s = text.normalize('NFKC').toLowerCase().replace(/[\s\u00a0\u202f]/g, '');
  for (const mark of currencyMarks(currency)) {
    if (s.startsWith(mark)) s = s.slice(mark.length);
    if (s.endsWith(mark)) s = s.slice(0, -mark.length);
  }
  const m = /^(\d[\d.,]*)([a-z]*)\.?$/.exec(s);
  if (!m) return null;
  const [, num, suffix] = m as unknown as [string, string, string];
  if (!suffix) return parseMoney(num, currency);
  const scale = suffix === 'm' ? M_SCALE[lang] : SCALE[suffix];
  if (scale === undefined) return null;
  const split = splitNumber(num, lang);
  if (!split) return null;
  const [digits, decimals] = split;
  const exp = scale + currencyDigits(currency) - decimals;
  const value = exp >= 0 ? BigInt(digits) * 10n ** BigInt(exp) : (BigInt(digits) + 5n * 10n ** BigInt(-exp - 1)) / 10n ** BigInt(-exp);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null;
}

/** An amount for an input field: the currency's digits, grouped as the rep's language writes them, no symbol. */
export function formatAmountInput(minor: number, currency: string, lang: Lang): string {
  const digits = currencyDigits(currency);
  const whole = minor % 10 ** digits === 0;
  return new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en', { minimumFractionDigits: whole ? 0 : digits, maximumFractionDigits: digits }).format(minor / 10 ** digits);
}
