import { regexes } from 'zod/mini';

/**
 * Hand checks for what the page readers hand over, each the same rule as a zod schema of the
 * sites' types (gmail/types.ts, linkedin/types.ts; fits.test.ts holds them equal). The content
 * scripts check their own readings with these instead of the schemas because every byte of a
 * content script loads into Gmail's and LinkedIn's pages, and zod is most of those bytes. The
 * background, the trust boundary, still parses every message with the schemas themselves.
 * Lengths are in code points, as zod counts them (an emoji is one, not two UTF-16 units).
 */
export type Fit = (value: unknown) => boolean;

const codePoints = (s: string) => [...s].length;

export const text =
  (max: number, min = 0): Fit =>
  (v) =>
    typeof v === 'string' && (v.length <= max || codePoints(v) <= max) && (v.length >= 2 * min || codePoints(v) >= min);

/** z.email(): zod's own pattern. */
export const email =
  (max: number): Fit =>
  (v) =>
    text(max)(v) && regexes.email.test(v as string);

/** z.url(): anything the URL parser takes once trimmed. */
export const url =
  (max: number): Fit =>
  (v) =>
    text(max)(v) && URL.canParse((v as string).trim());

export const matching =
  (pattern: RegExp, max: number): Fit =>
  (v) =>
    text(max)(v) && pattern.test(v as string);

/** z.int(): a safe integer. */
export const int: Fit = (v) => Number.isSafeInteger(v);

export const nullable =
  (fit: Fit): Fit =>
  (v) =>
    v === null || fit(v);

export const list =
  (fit: Fit, max: number): Fit =>
  (v) =>
    Array.isArray(v) && v.length <= max && v.every(fit);

export const record =
  (fields: Record<string, Fit>): Fit =>
  (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(fields).every((k) => fields[k]!((v as Record<string, unknown>)[k]));

/** The value when it fits, else null. */
export function fitOrNull<T>(fit: Fit, value: T): T | null {
  return fit(value) ? value : null;
}
