/**
 * Bidi embeddings/overrides/isolates, marks, zero-width space, BOM, C0/C1 controls: invisible in page text,
 * and able to reorder what the rep sees ("U+202E" shows a name reversed). Removed from every name and line
 * the readers of both sites take from a page. ZWJ stays (emoji sequences need it).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}
