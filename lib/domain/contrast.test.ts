import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGES } from './stages';
import { contrast, DARK_TEXT, LIGHT_TEXT, textOn } from './contrast';

describe('textOn', () => {
  it('matches WCAG figures: white on white is 1, black on white 21, slate-500 on white about 4.76', () => {
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1);
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrast('#62748e', '#ffffff')).toBeGreaterThan(4.5);
    expect(contrast('#90a1b9', '#ffffff')).toBeLessThan(3);
  });

  it('keeps white on dark colours and turns dark on light ones (amber, sky)', () => {
    expect(textOn('#15803d')).toBe(LIGHT_TEXT);
    expect(textOn('#f59e0b')).toBe(DARK_TEXT);
    expect(textOn('#0ea5e9')).toBe(DARK_TEXT);
  });

  it('reaches 4.5:1 on every default stage colour and on any colour a rep may choose', () => {
    for (const s of DEFAULT_STAGES) expect(contrast(s.color, textOn(s.color)), s.id).toBeGreaterThanOrEqual(4.5);
    // The worst colours, found by trying all 16.7 million: mid-luminance, where white and the dark text read alike.
    for (const hex of ['#9b6f11', '#ee068c', '#757575', '#767676']) expect(contrast(hex, textOn(hex)), hex).toBeGreaterThanOrEqual(4.5);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (n) => {
        const hex = `#${n.toString(16).padStart(6, '0')}`;
        return contrast(hex, textOn(hex)) >= 4.5;
      }),
    );
  });

  it('falls back to white for anything that is not #rrggbb', () => {
    expect(textOn('red')).toBe(LIGHT_TEXT);
  });
});
