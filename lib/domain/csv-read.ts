import Papa from 'papaparse';

// Reading a CSV someone hands us: every file is hostile until parsed. Bytes are
// decoded strictly (a file that is not UTF-8 is refused, never shown as
// mojibake), binaries are told apart from text, and the parse runs in chunks
// that yield to the page, with a row limit checked as it goes, so a
// 1,000,000-row file stops early with a clear reason instead of eating memory.

export const CSV_LIMITS = {
  /** Larger files are refused before they are read. */
  maxBytes: 50 * 1024 * 1024,
  /** Data rows, header excluded. */
  maxRows: 100_000,
  /** Columns in a row: a "CSV" with more is not a table we can map. */
  maxColumns: 500,
  /** Characters in one cell: longer ones are cut (and the row warned about by the planner). */
  maxCell: 10_000,
} as const;

export type CsvFileError =
  | { code: 'empty' }
  | { code: 'header_only' }
  | { code: 'too_large'; bytes: number; limit: number }
  | { code: 'too_many_rows'; limit: number }
  | { code: 'too_many_columns'; columns: number; limit: number }
  | { code: 'binary'; kind: string }
  | { code: 'encoding'; detail: string }
  | { code: 'broken_quotes'; row: number }
  | { code: 'no_header' };

export type Decoded = { ok: true; text: string } | { ok: false; error: CsvFileError };

const MAGIC: [string, number[]][] = [
  ['zip (xlsx, docx)', [0x50, 0x4b, 0x03, 0x04]],
  ['old Excel (xls)', [0xd0, 0xcf, 0x11, 0xe0]],
  ['PDF', [0x25, 0x50, 0x44, 0x46]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['gzip', [0x1f, 0x8b]],
];

/**
 * UTF-16 written without its byte-order mark (Node's 'utf16le', some
 * exporters): nearly every character of a CSV's first few kilobytes has one
 * zero byte, always on the same side, none is NUL, and there is a line break.
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4 || bytes.length % 2 !== 0) return null;
  let le = 0;
  let be = 0;
  let newline = false;
  for (let i = 0; i < n; i += 2) {
    const [a, b] = [bytes[i]!, bytes[i + 1]!];
    if (a === 0 && b === 0) return null;
    if (b === 0) le++;
    if (a === 0) be++;
    if ((a === 0x0a && b === 0) || (a === 0 && b === 0x0a)) newline = true;
  }
  if (!newline) return null;
  if (le >= 0.9 * (n / 2)) return 'utf-16le';
  if (be >= 0.9 * (n / 2)) return 'utf-16be';
  return null;
}

/**
 * The file's bytes as text. UTF-8 (with or without a byte-order mark) and
 * UTF-16 (with its mark, or recognisably without) are read; anything else,
 * and anything with control bytes a text file never has, is refused with the
 * reason.
 */
export function decodeCsvBytes(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, error: { code: 'empty' } };
  for (const [kind, magic] of MAGIC) {
    if (magic.every((b, i) => bytes[i] === b)) return { ok: false, error: { code: 'binary', kind } };
  }
  let text: string;
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) ? (bytes[0] === 0xff ? 'utf-16le' : 'utf-16be') : bomlessUtf16(bytes);
  if (utf16) {
    text = new TextDecoder(utf16).decode(bytes);
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { ok: false, error: { code: 'encoding', detail: 'not UTF-8' } };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // NUL and the other C0 controls besides tab, LF, CR (and form feed, which some exporters leave) mean a binary file.
  for (let i = 0, n = Math.min(text.length, 65_536); i < n; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x08 || (c >= 0x0e && c <= 0x1f)) return { ok: false, error: { code: 'binary', kind: 'unknown' } };
  }
  if (text.trim() === '') return { ok: false, error: { code: 'empty' } };
  return { ok: true, text };
}

/**
 * LinkedIn's Connections.csv opens with a "Notes:" line and a quoted note
 * before the real header, usually separated by a blank line. Those lines are
 * dropped: the note is read as one CSV record (so a line break inside its
 * quotes, even a blank line, stays in it), then any blank lines after it.
 */
export function skipPreamble(text: string): { text: string; skippedLines: number } {
  const firstEnd = text.search(/\r?\n/);
  const first = firstEnd < 0 ? text : text.slice(0, firstEnd);
  if (firstEnd < 0 || !/^\s*"?notes:?"?\s*,*\s*$/i.test(first)) return { text, skippedLines: 0 };
  let end = text.indexOf('\n', firstEnd) + 1;
  let quoted = false;
  for (; end < text.length; end++) {
    const c = text[end];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) break;
  }
  if (end >= text.length) return { text, skippedLines: 0 };
  end += 1 + /^(?:[ \t,]*\r?\n)*/.exec(text.slice(end + 1))![0].length;
  const skippedLines = text.slice(0, end).split(/\r?\n/).length - 1;
  return { text: text.slice(end), skippedLines };
}

/**
 * Excel's `sep=;` first line names the file's delimiter (Excel honours it, and
 * exporters write it so European Excel opens their commas right). It is not
 * the header: the delimiter is taken from it and the line skipped (still
 * counted, so rows keep the line numbers the rep's editor shows).
 */
export function skipSepLine(text: string): { text: string; delimiter: string | null; skippedLines: number } {
  const m = /^"?sep=([^\r\n"])"?[ \t]*(?:\r?\n|$)/i.exec(text);
  return m ? { text: text.slice(m[0].length), delimiter: m[1]!, skippedLines: 1 } : { text, delimiter: null, skippedLines: 0 };
}

export interface CsvTable {
  header: string[];
  /** Data rows, each as long as the header (short rows padded, long ones cut: see `ragged`). */
  rows: string[][];
  /** 1-based line numbers in the file of each data row's start. */
  lines: number[];
  /** Indexes (into rows) of rows whose field count differed from the header's. */
  ragged: Set<number>;
  delimiter: string;
}

export type CsvRead = { ok: true; table: CsvTable } | { ok: false; error: CsvFileError };

export interface ReadOptions {
  maxRows?: number;
  /** Told the share of the text parsed so far (0..1). */
  onProgress?: (share: number) => void;
  /** Awaited between chunks: lets the page paint and stay responsive. Default: a macrotask. */
  pause?: () => Promise<void>;
  chunkSize?: number;
}

// papaparse streams strings in chunks too (its StringStreamer), though its types list chunk() for files only.
const parseString = Papa.parse as unknown as (input: string, config: Papa.ParseLocalConfig<string[], Papa.LocalFile>) => void;

const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));

const DELIMITERS = [',', ';', '\t', '|'];

/** The delimiter papaparse guesses from the first rows (blank lines aside), as it would for the whole file. */
function guessDelimiter(text: string): string {
  return Papa.parse<string[]>(text.slice(0, 64 * 1024), { preview: 10, skipEmptyLines: 'greedy', delimitersToGuess: DELIMITERS }).meta.delimiter || ',';
}

/**
 * Parses CSV text with papaparse (delimiter from Excel's `sep=` line, else
 * detected: comma, semicolon as European Excel writes, tab, pipe), a chunk at
 * a time. The first non-empty row is the header. Quoting that never closes is
 * a broken file (refused), not a row to guess at.
 */
export async function readCsv(input: string, opts: ReadOptions = {}): Promise<CsvRead> {
  const maxRows = opts.maxRows ?? CSV_LIMITS.maxRows;
  const pause = opts.pause ?? macrotask;
  const sep = skipSepLine(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
  const { text, skippedLines } = skipPreamble(sep.text);
  const delimiter = sep.delimiter ?? guessDelimiter(text);
  const all: string[][] = [];
  /** 1-based line in the file where each row of `all` starts. */
  const starts: number[] = [];
  let line = sep.skippedLines + skippedLines + 1;
  let error: CsvFileError | null = null;
  let consumed = 0;
  await new Promise<void>((resolve) => {
    parseString(text, {
      header: false,
      delimiter,
      // Blank lines are dropped below, not by papaparse, which would drop them uncounted: every line after one
      // would be shown a line too early ("Line N", "same person as line N").
      skipEmptyLines: false,
      chunkSize: opts.chunkSize ?? 256 * 1024,
      chunk(results, parser) {
        const quote = results.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
        const rows = quote ? results.data.slice(0, quote.row ?? 0) : results.data;
        for (const row of rows) {
          const start = line;
          // Counted from the row's own newlines: a quoted cell may hold several.
          for (const cell of row) for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) line++;
          line++;
          if (row.every((c) => c.trim() === '')) continue;
          all.push(row);
          starts.push(start);
          if (all.length > maxRows + 1) {
            error = { code: 'too_many_rows', limit: maxRows };
            parser.abort();
            return;
          }
        }
        if (quote) {
          error = { code: 'broken_quotes', row: line };
          parser.abort();
          return;
        }
        consumed = results.meta.cursor;
        opts.onProgress?.(text.length ? Math.min(1, consumed / text.length) : 1);
        parser.pause();
        void pause().then(() => parser.resume());
      },
      complete: () => resolve(),
      error: () => resolve(),
    });
  });
  if (error) return { ok: false, error };
  if (all.length === 0) return { ok: false, error: { code: 'empty' } };
  const header = all[0]!.map((h) => h.trim());
  if (header.length > CSV_LIMITS.maxColumns) return { ok: false, error: { code: 'too_many_columns', columns: header.length, limit: CSV_LIMITS.maxColumns } };
  if (header.every((h) => h === '')) return { ok: false, error: { code: 'no_header' } };
  if (all.length === 1) return { ok: false, error: { code: 'header_only' } };
  const rows: string[][] = [];
  const ragged = new Set<number>();
  for (let i = 1; i < all.length; i++) {
    const raw = all[i]!;
    if (raw.length !== header.length) ragged.add(i - 1);
    const row = raw.length === header.length ? raw : raw.slice(0, header.length);
    while (row.length < header.length) row.push('');
    rows.push(row.map((c) => (c.length > CSV_LIMITS.maxCell ? c.slice(0, CSV_LIMITS.maxCell) : c)));
  }
  return { ok: true, table: { header, rows, lines: starts.slice(1), ragged, delimiter } };
}
