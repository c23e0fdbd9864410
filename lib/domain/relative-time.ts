/**
 * A time as a person says it relative to now: the largest unit that reads naturally ("10 days ago", not "251
 * hours ago"; "2 months ago", not "57 days ago"). Whole units, rounded towards zero, so "10 days ago" never
 * means 9.6 days. Past is negative, future positive, as Intl.RelativeTimeFormat takes them.
 */
export type RelativeUnit = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Each unit is used below the first threshold of the next; a month and a year in average days. */
const STEPS: readonly [unit: RelativeUnit, ms: number, below: number][] = [
  ['second', SECOND, MINUTE],
  ['minute', MINUTE, HOUR],
  ['hour', HOUR, DAY],
  // Days up to four weeks: "10 days ago" is how people count a fortnight and a half; weeks would blur it.
  ['day', DAY, 28 * DAY],
  ['month', 30.436875 * DAY, 365.2425 * DAY],
  ['year', 365.2425 * DAY, Infinity],
];

export function relativeTime(at: number, now: number): { value: number; unit: RelativeUnit } {
  const delta = at - now;
  const size = Math.abs(delta);
  const [unit, ms] = STEPS.find(([, , below]) => size < below)!;
  const whole = Math.trunc(size / ms);
  // -0 would read "in 0 seconds" in some locales.
  return { value: whole === 0 ? 0 : Math.sign(delta) * whole, unit };
}
