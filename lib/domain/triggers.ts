/**
 * Triggers (docs/sales-method.md): words in an incoming message that show a
 * lead is ready for the next stage ("can we schedule a demo", "minta
 * penawaran harga"). Pure: the product suggests the stage move, the rep
 * confirms. Of a body only the matched snippet (≤ 120 chars) ever leaves here.
 */
import { z } from 'zod';

export const TriggerKindSchema = z.enum([
  'demo_request',
  'quote_request',
  'trial_started',
  'trial_finished',
  'sample_order',
  'contract',
  'mailing_signup',
  'unsubscribe',
  'not_interested',
]);
export type TriggerKind = z.infer<typeof TriggerKindSchema>;

/** Longest snippet kept from a body. */
export const MAX_SNIPPET = 120;

// ------------------------------------------------------------- folding ---

const WORD = /[\p{L}\p{N}]/u;
const SPACE = 0x20;
/** Stands for quoted or skipped text in the folded form: no phrase can cross it. */
const BARRIER = 0x7c; // '|'

interface Folded {
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
function foldOwnText(s: string): Folded {
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

// --------------------------------------------------------------- rules ---

const hasWord = (s: string) => WORD.test(s);

export const TriggerRuleSchema = z.object({
  id: z.string().min(1, 'a rule needs an id').max(64, 'a rule id is at most 64 characters'),
  kind: TriggerKindSchema,
  phrases: z
    .array(
      z
        .string()
        .trim()
        .min(2, 'a phrase needs at least 2 characters')
        .max(80, 'a phrase is at most 80 characters')
        .refine(hasWord, 'a phrase needs a letter or a digit'),
    )
    .min(1, 'a rule needs at least one phrase')
    .max(50, 'a rule has at most 50 phrases')
    .superRefine((phrases, ctx) => {
      // Duplicates as the matcher sees them: case, accents and punctuation aside.
      const seen = new Map<string, number>();
      phrases.forEach((p, i) => {
        const key = normalizePhrase(p);
        const first = seen.get(key);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i], message: `"${p}" repeats phrase ${first + 1}` });
        else seen.set(key, i);
      });
    }),
  /** The stage to suggest, or 'lost' to suggest closing the deal as lost. */
  stageId: z.string().trim().min(1, 'a rule needs a stage').max(64),
  enabled: z.boolean(),
});
export type TriggerRule = z.infer<typeof TriggerRuleSchema>;

export const TriggerRulesSchema = z
  .array(TriggerRuleSchema)
  .max(50, 'at most 50 trigger rules')
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `rule id "${r.id}" is used twice` });
      seen.add(r.id);
    });
  });

export const DEFAULT_TRIGGERS: TriggerRule[] = [
  {
    id: 'demo_request',
    kind: 'demo_request',
    stageId: 'meeting',
    enabled: true,
    phrases: [
      'schedule a demo', 'book a demo', 'see a demo', 'demo next week', 'product demo', 'request a demo', 'arrange a demo',
      'bisakah kita jadwalkan demo', 'jadwalkan demo', 'minta demo', 'boleh demo',
    ],
  },
  {
    id: 'quote_request',
    kind: 'quote_request',
    stageId: 'proposal',
    enabled: true,
    phrases: [
      'send a quote', 'send pricing', 'price list', 'quotation', 'request a quote', 'send me a quote',
      'minta penawaran harga', 'penawaran harga', 'daftar harga', 'berapa harganya',
    ],
  },
  {
    id: 'trial_started',
    kind: 'trial_started',
    stageId: 'meeting',
    enabled: true,
    phrases: [
      'started the trial', 'started our trial', 'started a trial', 'signed up for the trial', 'signed up for a trial',
      'mulai trial', 'mulai uji coba', 'sudah daftar trial',
    ],
  },
  {
    id: 'trial_finished',
    kind: 'trial_finished',
    stageId: 'proposal',
    enabled: true,
    phrases: [
      'trial has ended', 'trial ended', 'trial is over', 'finished the trial', 'finished our trial', 'trial expired',
      'trial sudah selesai', 'uji coba selesai', 'selesai trial',
    ],
  },
  {
    id: 'sample_order',
    kind: 'sample_order',
    stageId: 'proposal',
    enabled: true,
    phrases: ['order a sample', 'request a sample', 'send a sample', 'send us a sample', 'pesan sampel', 'minta sampel', 'kirim sampel'],
  },
  {
    id: 'contract',
    kind: 'contract',
    stageId: 'closing',
    enabled: true,
    phrases: [
      'send the contract', 'ready to sign', 'signed the contract', 'send over the contract',
      'kirim kontrak', 'siap tanda tangan', 'sudah tanda tangan',
    ],
  },
  {
    id: 'mailing_signup',
    kind: 'mailing_signup',
    stageId: 'qualification',
    enabled: true,
    phrases: [
      'subscribe to your newsletter', 'signed up for your newsletter', 'join your mailing list', 'add me to your mailing list',
      'berlangganan newsletter', 'daftar newsletter',
    ],
  },
  {
    id: 'unsubscribe',
    kind: 'unsubscribe',
    stageId: 'lost',
    enabled: true,
    phrases: ['unsubscribe', 'remove me from', 'stop emailing me', 'berhenti berlangganan', 'hapus saya dari'],
  },
  {
    id: 'not_interested',
    kind: 'not_interested',
    stageId: 'lost',
    enabled: true,
    phrases: ['not interested', 'no longer interested', 'tidak tertarik', 'belum tertarik', 'tidak berminat'],
  },
];

// ------------------------------------------------------------ matching ---

export interface TriggerHit {
  ruleId: string;
  kind: TriggerKind;
  stageId: string;
  /** The matched snippet, as written in the message (≤ MAX_SNIPPET chars). */
  phrase: string;
}

declare const matcherBrand: unique symbol;
/** Compiled rules; build once with `compileTriggers`, reuse for every message. */
export interface TriggerMatcher {
  readonly [matcherBrand]: true;
}

interface CompiledRule {
  rule: TriggerRule;
  /** Sticky: tried only where `any` found some phrase. */
  at: RegExp;
}
interface Compiled {
  /** Every phrase of every enabled rule, in one regex: one pass finds where phrases start. */
  any: RegExp | null;
  rules: CompiledRule[];
}

/** Words end at anything but a letter or a digit (folded text has only those, spaces and barriers). */
const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function alternation(phrases: readonly string[]): string {
  // Longest first, so the snippet is the fullest phrase found at a position.
  return [...new Set(phrases)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escape).join('|');
}

export function compileTriggers(rules: readonly TriggerRule[]): TriggerMatcher {
  const compiled: CompiledRule[] = [];
  const all: string[] = [];
  const list: readonly TriggerRule[] = Array.isArray(rules) ? rules : [];
  for (const rule of list) {
    if (!rule?.enabled || !Array.isArray(rule.phrases)) continue;
    const phrases = rule.phrases.filter((p): p is string => typeof p === 'string').map(normalizePhrase).filter(Boolean);
    if (phrases.length === 0) continue;
    all.push(...phrases);
    compiled.push({ rule, at: new RegExp(`(?:${alternation(phrases)})${AFTER}`, 'uy') });
  }
  const any = all.length > 0 ? new RegExp(`${BEFORE}(?:${alternation(all)})${AFTER}`, 'gu') : null;
  return { any, rules: compiled } satisfies Compiled as unknown as TriggerMatcher;
}

/**
 * The triggers in a message's own text (quoted lines and quoted replies
 * skipped): at most one hit per rule, in rule order.
 */
export function scanText(matcher: TriggerMatcher, text: string): TriggerHit[] {
  const { any, rules } = matcher as unknown as Compiled;
  if (!any || typeof text !== 'string' || text === '') return [];
  const folded = foldOwnText(text);
  const found = new Map<CompiledRule, TriggerHit>();
  any.lastIndex = 0;
  // Each place where some phrase starts is tried against every rule still
  // unmatched there, so phrases of different rules may overlap.
  let previous = -1;
  for (let m = any.exec(folded.text); m && found.size < rules.length; m = any.exec(folded.text)) {
    const pos = m.index;
    if (pos <= previous) break; // never loop on one place
    previous = pos;
    for (const r of rules) {
      if (found.has(r)) continue;
      r.at.lastIndex = pos;
      const hit = r.at.exec(folded.text);
      if (!hit) continue;
      const from = folded.start[pos]!;
      const to = Math.min(folded.end[pos + hit[0].length - 1]!, from + MAX_SNIPPET);
      found.set(r, { ruleId: r.rule.id, kind: r.rule.kind, stageId: r.rule.stageId, phrase: text.slice(from, to) });
    }
    any.lastIndex = pos + (folded.text.codePointAt(pos)! > 0xffff ? 2 : 1);
  }
  return rules.flatMap((r) => found.get(r) ?? []);
}

/** A stable id for the suggestion a hit makes, so one message never suggests the same move twice. */
export function suggestionKey(hit: Pick<TriggerHit, 'ruleId'>, messageId: string): string {
  return `trigger:${encodeURIComponent(messageId)}:${encodeURIComponent(hit.ruleId)}`;
}

/** Signals of interest (demo, quote, trial, sample): once the rep accepts one, it adds engagement points. */
export const ENGAGING_TRIGGERS: ReadonlySet<string> = new Set<TriggerKind>(['demo_request', 'quote_request', 'trial_started', 'trial_finished', 'sample_order']);
