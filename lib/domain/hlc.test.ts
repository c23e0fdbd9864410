import fc from 'fast-check';
import { decodeHlc, encodeHlc, isFarFuture, receiveHlc, tickHlc, ZERO_HLC, type Hlc } from './hlc';

const node = fc.stringMatching(/^[0-9A-Z]{1,26}$/);
const hlc = fc.record({ ms: fc.integer({ min: 0, max: 2 ** 47 }), counter: fc.integer({ min: 0, max: 99_999 }), node });

describe('hybrid logical clock', () => {
  it('encodes so that string order is clock order, and decodes back', () => {
    fc.assert(
      fc.property(hlc, hlc, (a, b) => {
        expect(decodeHlc(encodeHlc(a))).toEqual(a);
        const byClock = a.ms - b.ms || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        const byString = encodeHlc(a) < encodeHlc(b) ? -1 : encodeHlc(a) > encodeHlc(b) ? 1 : 0;
        expect(Math.sign(byString)).toBe(Math.sign(byClock));
      }),
    );
  });

  it('never goes backwards, whatever the wall clock does (jumps back, restarts from the stored stamp)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 2 ** 45 }), hlc), { maxLength: 60 }), (events) => {
        let last: Hlc = ZERO_HLC;
        for (const e of events) {
          // A restart: the worker reloads its clock from the stored encoding.
          const restored = decodeHlc(encodeHlc(last))!;
          const next = typeof e === 'number' ? tickHlc(restored, e, 'DEV') : receiveHlc(restored, e, 0, 'DEV');
          expect(encodeHlc(next) > encodeHlc(last)).toBe(true);
          if (typeof e !== 'number') expect(encodeHlc(next) > encodeHlc({ ...e, node: '' })).toBe(true);
          last = next;
        }
      }),
    );
  });

  it('follows the wall clock when it moves forward', () => {
    expect(tickHlc({ ms: 100, counter: 7, node: 'A' }, 200, 'A')).toEqual({ ms: 200, counter: 0, node: 'A' });
    expect(tickHlc({ ms: 300, counter: 7, node: 'A' }, 200, 'A')).toEqual({ ms: 300, counter: 8, node: 'A' });
    expect(tickHlc({ ms: 300, counter: 99_999, node: 'A' }, 200, 'A')).toEqual({ ms: 301, counter: 0, node: 'A' });
  });

  it('orders an edit made after seeing a remote stamp after it, even on a slow clock', () => {
    const remote = { ms: 1_000_000, counter: 3, node: 'B' };
    const slow = receiveHlc(ZERO_HLC, remote, 1_000_000 - 86_400_000, 'A');
    expect(encodeHlc(tickHlc(slow, 0, 'A')) > encodeHlc(remote)).toBe(true);
  });

  it('calls a stamp more than the allowed skew ahead far-future', () => {
    const now = 1_800_000_000_000;
    expect(isFarFuture(encodeHlc({ ms: now + 2 * 86_400_000, counter: 0, node: 'A' }), now, 300_000)).toBe(true);
    expect(isFarFuture(encodeHlc({ ms: now + 1000, counter: 0, node: 'A' }), now, 300_000)).toBe(false);
    expect(isFarFuture(encodeHlc({ ms: now - 86_400_000, counter: 0, node: 'A' }), now, 300_000)).toBe(false);
    expect(isFarFuture('garbage', now, 300_000)).toBe(true);
  });
});
