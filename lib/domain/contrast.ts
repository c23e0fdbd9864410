// Text on a colour the rep chooses (a stage's colour, on its badge and inbox chip) must stay readable:
// WCAG 2.1 contrast, 4.5:1 for normal text. White on amber or sky blue is only about 2:1.

const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** The WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export const LIGHT_TEXT = '#ffffff';
/**
 * Black, not the design's slate-950: only black and white together reach 4.5:1 on every colour (the worst
 * background, at a luminance of about 0.18, gets 4.58:1 from either). With slate-950 an ochre like #9b6f11
 * got 4.49:1 from both.
 */
export const DARK_TEXT = '#000000';

/** White or near-black, whichever reads better on `background` (#rrggbb): at least 4.5:1 for any colour. */
export function textOn(background: string): string {
  if (!/^#[0-9a-f]{6}$/i.test(background)) return LIGHT_TEXT;
  return contrast(background, LIGHT_TEXT) >= contrast(background, DARK_TEXT) ? LIGHT_TEXT : DARK_TEXT;
}
