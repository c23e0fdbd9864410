import fc from 'fast-check';
import { newId } from './ids';

// The first ten characters are the time in Crockford base 32 (the product never reads it back).
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const idTime = (id: string) => [...id.slice(0, 10)].reduce((t, ch) => t * 32 + CROCKFORD.indexOf(ch), 0);

describe('newId', () => {
  it('is 26 characters and decodes back to its time', () => {
    const id = newId(1_790_000_000_123);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(idTime(id)).toBe(1_790_000_000_123);
  });

  it('sorts by creation time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 30 }), (a, d) => {
        expect(newId(a) < newId(a + d)).toBe(true);
      }),
    );
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newId(5)));
    expect(ids.size).toBe(1000);
  });
});
