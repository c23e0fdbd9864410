import { currencyDigits } from '@/lib/domain/money';
import { isBuiltinLeadSource } from '@/lib/domain/lead-source';
import type { MessageKey, Translate } from '@/lib/i18n';
import { formatRelative } from '@/lib/i18n/relative';
import type { Language } from '@/lib/i18n/languages';
import { useI18n } from '../i18n';

/** Money, numbers, percentages and dates in the page's language (Intl), one set of formatters per language. */
export function useFormat() {
  const { lang } = useI18n();
  return formatsFor(lang);
}

// Shared by every component: making Intl formatters costs tens of microseconds each, and 500 board cards or the
// rows a keystroke brings into view each making their own set was most of the page's first render.
const formats = new Map<Language, ReturnType<typeof makeFormats>>();
function formatsFor(lang: Language) {
  let f = formats.get(lang);
  if (!f) formats.set(lang, (f = makeFormats(lang)));
  return f;
}

function makeFormats(lang: Language) {
  const locale = lang === 'id' ? 'id-ID' : 'en';
  const moneyFmt = new Map<string, Intl.NumberFormat>();
  const money = (major: number, currency: string, compact = false) => {
    const key = `${currency}:${compact}`;
    let f = moneyFmt.get(key);
    if (!f) {
      try {
        f = new Intl.NumberFormat(locale, compact ? { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 } : { style: 'currency', currency, maximumFractionDigits: currencyDigits(currency) });
      } catch {
        f = new Intl.NumberFormat(locale);
      }
      moneyFmt.set(key, f);
    }
    return f.format(major);
  };
  const num1 = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  const shortDate = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' });
  return {
    locale,
    money,
    moneyMinor: (minor: number, currency: string) => money(minor / 10 ** currencyDigits(currency), currency),
    num: (n: number) => num1.format(n),
    int: (n: number) => int.format(n),
    pct: (r: number) => pct.format(r),
    date: (t: number) => date.format(t),
    shortDate: (t: number) => shortDate.format(t),
    /** "in 3 days", "yesterday", "2 months ago": the largest unit that reads naturally. */
    relDays: (t: number, now: number) => formatRelative(lang, t, now),
  };
}

/** A lead source's name: built-in ones in the page's language, the rep's own as written. */
export function sourceName(source: string | null, t: Translate): string {
  if (source === null) return t('source.unknown');
  return isBuiltinLeadSource(source) ? t(`source.${source}` as MessageKey) : source;
}
