// CSV for spreadsheets (RFC 4180): comma-separated, CRLF line ends, a field
// quoted when it holds a comma, a quote, CR or LF, quotes doubled inside. The
// file starts with a UTF-8 byte-order mark so Excel reads "Pelanggan Ñoño"
// as UTF-8 instead of the system code page.

export const CSV_BOM = '\uFEFF';
export const CSV_EOL = '\r\n';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab or
 * CR that some programs skip) gets an apostrophe in front, so it shows as text.
 * A value that already starts with apostrophes before such a character gets one
 * more, so `unneutralizeCell` in the importer gives back exactly what was
 * written (the round trip is tested in csv-roundtrip.test.ts).
 */
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The inverse of neutralizeFormula, for reading our own files (and other tools' neutralised cells) back. */
export function unneutralizeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutralizeFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly (string | number | boolean | null | undefined)[]): string {
  return values.map(csvCell).join(',') + CSV_EOL;
}
