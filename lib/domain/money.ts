// Making an Intl.NumberFormat costs tens of microseconds: asked per deal (metrics over 50,000 deals, column
// totals, every card and row drawn), that was most of the time. Once per currency code instead.
const digitsOf = new Map<string, number>();

/** Decimal places of a currency's minor unit (IDR 0 in Intl's view, USD 2, JPY 0). */
export function currencyDigits(currency: string): number {
  let digits = digitsOf.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitsOf.set(currency, digits);
  }
  return digits;
}

let codes: ReadonlySet<string> | null = null;

/** True for a currency code the browser knows (ISO 4217, as Intl lists it): "NZD" is one, "NEW" is not. */
export function isCurrencyCode(code: string): boolean {
  codes ??= new Set(Intl.supportedValuesOf('currency'));
  return codes.has(code);
}

/** "1,500.50" / "1.500,50" / "1500" → minor units, or null when it is not a non-negative amount. */
export function parseMoney(text: string, currency: string): number | null {
  const raw = text.replace(/[\s\u00a0]/g, '');
  if (!/^\d[\d.,]*$/.test(raw)) return null;
  const digits = currencyDigits(currency);
  // The last separator followed by 1-2 digits is the decimal mark (a thousands mark groups three), also for a
  // currency without a minor unit ("Rp 1.500.000,00"): its decimals beyond the currency's are rounded off.
  const m = raw.match(/^(.*?)([.,])(\d{1,2})$/);
  const intPart = (m ? m[1]! : raw).replace(/[.,]/g, '');
  const decimals = m ? m[3]! : '';
  const frac = decimals.padEnd(digits, '0').slice(0, digits);
  const value = Number(intPart + frac) + (Number(decimals[digits] ?? 0) >= 5 ? 1 : 0);
  return Number.isSafeInteger(value) ? value : null;
}

export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: digits }).format(minor / 10 ** digits);
  } catch {
    return `${minor / 10 ** digits} ${currency}`;
  }
}
