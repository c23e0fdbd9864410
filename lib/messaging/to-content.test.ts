import { parseRow } from './table';
import { BG_TO_CS, readBackgroundMessage } from './to-content';

describe('readBackgroundMessage', () => {
  it('holds only while every row is field-free', () => {
    for (const [type, row] of Object.entries(BG_TO_CS)) expect(Object.keys(row.shape), type).toEqual([]);
  });

  it('agrees with parsing by the row', () => {
    const inputs = [
      ...Object.keys(BG_TO_CS).map((type) => ({ type })),
      { type: 'bg/resend', extra: '<img onerror>' },
      { type: 'bg/unknown' },
      { type: 'toString' },
      { type: '__proto__' },
      { type: 42 },
      {},
      'bg/resend',
      null,
      42,
    ];
    for (const raw of inputs) expect(readBackgroundMessage(raw), JSON.stringify(raw)).toEqual(parseRow(BG_TO_CS, raw));
  });
});
