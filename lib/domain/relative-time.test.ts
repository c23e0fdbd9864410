import fc from 'fast-check';
import { relativeTime } from './relative-time';

const H = 3_600_000;
const D = 24 * H;
const now = Date.UTC(2026, 10, 28, 12);

describe('relativeTime', () => {
  it.each([
    [-251 * H, { value: -10, unit: 'day' }],
    [-23 * H, { value: -23, unit: 'hour' }],
    [-24 * H, { value: -1, unit: 'day' }],
    [-27 * D, { value: -27, unit: 'day' }],
    [-57 * D, { value: -1, unit: 'month' }],
    [-62 * D, { value: -2, unit: 'month' }],
    [-400 * D, { value: -1, unit: 'year' }],
    [-90_000, { value: -1, unit: 'minute' }],
    [-5_000, { value: -5, unit: 'second' }],
    [3 * D + H, { value: 3, unit: 'day' }],
    [0, { value: 0, unit: 'second' }],
  ] as const)('%d ms from now is %o', (delta, expected) => {
    expect(relativeTime(now + delta, now)).toEqual(expected);
  });

  it('never overstates: the value in its unit is at most the real distance, and a larger unit would read 0', () => {
    const ms = { second: 1000, minute: 60_000, hour: H, day: D, month: 30.436875 * D, year: 365.2425 * D };
    fc.assert(
      fc.property(fc.integer({ min: -50 * 365 * D, max: 50 * 365 * D }), (delta) => {
        const { value, unit } = relativeTime(now + delta, now);
        expect(Math.abs(value) * ms[unit]).toBeLessThanOrEqual(Math.abs(delta));
        expect(Math.sign(value) === Math.sign(delta) || value === 0).toBe(true);
        expect(Object.is(value, -0)).toBe(false);
      }),
    );
  });
});
