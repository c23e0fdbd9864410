/**
 * Message text folded for phrase matching: lower case, no accents, one space
 * for any run of whitespace or punctuation, and the quoted part of a reply
 * (quoted lines, everything after a reply header, in English and Indonesian)
 * replaced by barriers no phrase can cross. Each folded unit remembers the span
 * of the original it came from, so a match is shown as it was written.
 */

/** A letter or a digit: what words are made of. */
export const WORD = /[\p{L}\p{N}]/u;
const SPACE = 0x20;
/** Stands for quoted or skipped text in the folded form: no phrase can cross it. */
const BARRIER = 0x7c; // '|'

export interface Folded {
  /** Letters and digits, lower case, without accents; one space between words. */
  text: string;
  /** For each UTF-16 unit of `text`, the span of the original it came from. */
  start: Int32Array;
  end: Int32Array;
}

/**
 * The folded text under construction, in typed arrays: a 50 KB body is
 * folded in well under a millisecond.
 */
class FoldBuffer {
  codes: Uint16Array;
  start: Int32Array;
  end: Int32Array;
  length = 0;

  constructor(capacity: number) {
    const n = Math.max(16, capacity);
    this.codes = new Uint16Array(n);
    this.start = new Int32Array(n);
    this.end = new Int32Array(n);
  }

  /** Room for `extra` more units. */
  reserve(extra: number): void {
    if (this.length + extra > this.codes.length) this.grow(this.length + extra);
  }

  private grow(atLeast = 0): void {
    const n = Math.max(this.codes.length * 2, atLeast);
    const codes = new Uint16Array(n);
    const start = new Int32Array(n);
    const end = new Int32Array(n);
    codes.set(this.codes);
    start.set(this.start);
    end.set(this.end);
    Object.assign(this, { codes, start, end });
  }

  get last(): number {
    return this.length > 0 ? this.codes[this.length - 1]! : BARRIER;
  }

  push(code: number, from: number, to: number): void {
    if (this.length === this.codes.length) this.grow();
    this.codes[this.length] = code;
    this.start[this.length] = from;
    this.end[this.length] = to;
    this.length++;
  }

  /** One space between words: never doubled, never after a barrier or at the start. */
  space(at: number, width: number): void {
    const last = this.last;
    if (last !== SPACE && last !== BARRIER) this.push(SPACE, at, at + width);
  }

  barrier(at: number): void {
    const last = this.last;
    if (last === BARRIER && this.length > 0) return;
    if (last === SPACE) this.codes[this.length - 1] = BARRIER;
    else this.push(BARRIER, at, at);
  }

  toFolded(): Folded {
    const chunks: string[] = [];
    // apply() on small chunks: far faster than spreading, and within any engine's argument limit.
    for (let i = 0; i < this.length; i += 1024) {
      const chunk = this.codes.subarray(i, Math.min(this.length, i + 1024));
      chunks.push(String.fromCharCode.apply(null, chunk as unknown as number[]));
    }
    return { text: chunks.join(''), start: this.start, end: this.end };
  }
}

function foldChar(ch: string): string {
  // Decompose, lower-case, decompose again ("İ" → "i̇" → "i"), drop marks.
  return ch.normalize('NFKD').toLowerCase().normalize('NFKD').replace(/\p{M}+/gu, '');
}

/**
 * Folds `s[from, to)` onto `out`, remembering where each folded unit came
 * from; whitespace and punctuation collapse to one space.
 */
function foldInto(out: FoldBuffer, s: string, from: number, to: number): void {
  let i = from;
  while (i < to) {
    // Fast path for runs of ASCII (most mail): at most one unit per character.
    if (s.charCodeAt(i) < 0x80) {
      out.reserve(to - i);
      const { codes, start, end } = out;
      let n = out.length;
      for (; i < to; i++) {
        let c = s.charCodeAt(i);
        if (c >= 0x80) break;
        if (c >= 0x41 && c <= 0x5a) c += 32;
        else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a))) {
          const last = n > 0 ? codes[n - 1] : BARRIER;
          if (last === SPACE || last === BARRIER) continue;
          c = SPACE;
        }
        codes[n] = c;
        start[n] = i;
        end[n] = i + 1;
        n++;
      }
      out.length = n;
      continue;
    }
    const cp = s.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const folded = foldChar(s.slice(i, i + width));
    if (folded === '') {
      // A lone combining mark belongs to the letter before it.
      const last = out.last;
      if (last !== SPACE && last !== BARRIER) out.end[out.length - 1] = i + width;
    }
    for (const unit of folded) {
      if (WORD.test(unit)) for (let k = 0; k < unit.length; k++) out.push(unit.charCodeAt(k), i, i + width);
      else out.space(i, width);
    }
    i += width;
  }
}

/** The folded form of a phrase: what it must look like in folded text. */
export function normalizePhrase(phrase: string): string {
  const out = new FoldBuffer(phrase.length);
  foldInto(out, phrase, 0, phrase.length);
  return out.toFolded().text.trim();
}

// ------------------------------------------------------- quoted replies ---

const REPLY_HEADER_ONE_LINE = [
  /^\s*On\s.{0,400}\swrote:\s*$/i, // Gmail, Apple Mail
  /^\s*Pada\s.{0,400}\smenulis:\s*$/i, // Gmail in Indonesian
  /^\s*-{2,}\s*(?:Original Message|Pesan Asli)\s*-{2,}\s*$/i, // Outlook
];
/** A header Gmail wrapped over two or three lines: "On …" then "… wrote:". */
const REPLY_HEADER_START = /^\s*(?:On|Pada)\s/i;
const REPLY_HEADER_END = /(?:wrote|menulis):\s*$/i;
/** Outlook's "From: … / Sent: …" block. */
const FROM_LINE = /^\s*\*?(?:From|Dari)\s*:\*?\s/i;
const SENT_LINE = /^\s*\*?(?:Sent|Date|Dikirim|Tanggal)\s*:\*?\s/i;

interface Line {
  start: number;
  end: number;
  text: string;
}

function splitLines(s: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = s.indexOf('\n', start);
    const end = nl === -1 ? s.length : nl;
    lines.push({ start, end, text: s.slice(start, end) });
    if (nl === -1) return lines;
    start = nl + 1;
  }
}

function isReplyHeader(lines: readonly Line[], i: number): boolean {
  const line = lines[i]!.text;
  if (line.length > 500) return false;
  if (REPLY_HEADER_ONE_LINE.some((re) => re.test(line))) return true;
  if (REPLY_HEADER_START.test(line)) {
    for (let k = i + 1; k <= i + 2 && k < lines.length; k++) {
      const next = lines[k]!.text;
      if (next.length > 500) break;
      if (REPLY_HEADER_END.test(next)) return true;
    }
  }
  if (FROM_LINE.test(line)) {
    for (let k = i + 1; k <= i + 4 && k < lines.length; k++) if (SENT_LINE.test(lines[k]!.text)) return true;
  }
  return false;
}

/** The message's own text, folded: quoted lines and everything after a reply header become barriers. */
export function foldOwnText(s: string): Folded {
  const out = new FoldBuffer(s.length + 16);
  const lines = splitLines(s);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*>/.test(line.text)) {
      out.barrier(line.start);
      continue;
    }
    if (isReplyHeader(lines, i)) break;
    foldInto(out, s, line.start, line.end);
    // The newline itself: a word break, not a barrier.
    out.space(line.end, 1);
  }
  return out.toFolded();
}
