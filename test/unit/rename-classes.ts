// Test support for lib/sites/class-renames.test.ts. Runs inside the browser page (plain DOM, no
// Node): Gmail renames its obfuscated class tokens every few months (and A/B-tests hashed ones),
// so a reader must give the same result when any one class token of a page is renamed.

/** Every class token of the document, with the elements that carry it, in document order. */
export function classTokens(doc: Document): Map<string, Element[]> {
  const tokens = new Map<string, Element[]>();
  for (const el of doc.querySelectorAll('[class]')) {
    for (const token of el.classList) {
      const holders = tokens.get(token);
      if (holders) holders.push(el);
      else tokens.set(token, [el]);
    }
  }
  return tokens;
}

/** A small seeded PRNG (mulberry32): the same fresh tokens on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEX = '0123456789abcdef';

/** Fresh tokens that look like Gmail's ("aXq", or hashed "Ht-7f3a9c"), never one the document uses. */
function freshTokens(taken: Set<string>, seed: number): () => string {
  const random = prng(seed);
  const pick = (chars: string) => chars[Math.floor(random() * chars.length)] as string;
  const word = (chars: string, length: number) => Array.from({ length }, () => pick(chars)).join('');
  return () => {
    for (;;) {
      const token = random() < 0.5 ? `Ht-${word(HEX, 6)}` : word(LETTERS, 3 + Math.floor(random() * 3));
      if (!taken.has(token)) {
        taken.add(token);
        return token;
      }
    }
  };
}

/** Deep equality of plain data (what the readers return, with elements turned into paths). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export interface RenameReport {
  /** What `read` gave on the unmodified document. */
  baseline: unknown;
  /** Every distinct class token of the document, each renamed once. */
  tokens: number;
  /** The tokens whose rename changed the result, sorted. */
  changed: string[];
}

/**
 * Renames each class token of `doc` in turn, on every element that carries it,
 * to a fresh random-looking token, reads with `read`, and puts the token back.
 * In place (no clone per token). `read` must return plain data (no elements).
 */
export function renameEachClass(doc: Document, read: (doc: Document) => unknown, seed = 1): RenameReport {
  const baseline = read(doc);
  const tokens = classTokens(doc);
  const fresh = freshTokens(new Set(tokens.keys()), seed);
  const changed: string[] = [];
  for (const [token, holders] of tokens) {
    const before = holders.map((el) => el.getAttribute('class') as string);
    const renamed = fresh();
    holders.forEach((el, i) => {
      el.setAttribute('class', (before[i] as string).split(/(\s+)/).map((part) => (part === token ? renamed : part)).join(''));
    });
    try {
      if (!deepEqual(read(doc), baseline)) changed.push(token);
    } finally {
      holders.forEach((el, i) => el.setAttribute('class', before[i] as string));
    }
  }
  return { baseline, tokens: tokens.size, changed: changed.sort() };
}

/**
 * Renames every class token of `doc` at once (what a hashed-class A/B test does to
 * a page) and tells whether `read` still gives what it gave before. In place.
 */
export function renameAllClasses(doc: Document, read: (doc: Document) => unknown, seed = 2): { baseline: unknown; renamed: unknown; same: boolean } {
  const baseline = read(doc);
  const tokens = classTokens(doc);
  const fresh = freshTokens(new Set(tokens.keys()), seed);
  const names = new Map([...tokens.keys()].map((token) => [token, fresh()]));
  for (const el of doc.querySelectorAll('[class]')) {
    el.setAttribute('class', [...el.classList].map((token) => names.get(token) ?? token).join(' '));
  }
  const renamed = read(doc);
  return { baseline, renamed, same: deepEqual(renamed, baseline) };
}

/** An element as data: its path of child indices from the document element (unchanged by renames). */
export function pathOf(el: Element | null | undefined): string | null {
  if (!el) return null;
  const steps: number[] = [];
  for (let node: Element = el; node.parentElement; node = node.parentElement) {
    steps.push(Array.prototype.indexOf.call(node.parentElement.children, node));
  }
  return steps.reverse().join('/');
}
