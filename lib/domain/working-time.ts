import { z } from 'zod';

// Working-time arithmetic for nudges, in the machine's LOCAL time.
//
// Everything is calendar arithmetic on Date's local fields (new Date(y, m, d, h, …)),
// never "+ 86_400_000 ms", so a daylight-saving switch keeps wall-clock times:
// 10:00 plus one working day is 10:00 the next working day even when that day
// has 23 or 25 hours. Pure: the only input besides the arguments is the time
// zone of the running machine (process.env.TZ / the browser's zone).

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (00:00-23:59)');

export const DEFAULT_WORK_SCHEDULE = {
  /** 0 = Sunday … 6 = Saturday. */
  workingDays: [1, 2, 3, 4, 5],
  quietStart: '20:00',
  quietEnd: '08:00',
};

/** 0 = Sunday … 6 = Saturday, as Date#getDay() counts. */
export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WorkScheduleSchema = z.object({
  /** 0 = Sunday … 6 = Saturday; unique, 1 to 7 of them. */
  workingDays: z
    .array(z.number().int().min(0).max(6))
    .min(1)
    .max(7)
    .refine((d) => new Set(d).size === d.length, 'working days must be unique')
    .default(() => [...DEFAULT_WORK_SCHEDULE.workingDays]),
  /** Local time when quiet hours begin; the window may wrap midnight (20:00-08:00). Equal start and end: no quiet hours. */
  quietStart: HHMM.default(DEFAULT_WORK_SCHEDULE.quietStart),
  /** Local time when quiet hours end (exclusive: 08:00 is no longer quiet). */
  quietEnd: HHMM.default(DEFAULT_WORK_SCHEDULE.quietEnd),
});
export type WorkSchedule = z.infer<typeof WorkScheduleSchema>;

const HOUR_MS = 3_600_000;
const DAY_WALL_MS = 24 * HOUR_MS;

function minutesOf(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return 0;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** A bitmask of working weekdays; an empty list (schema forbids it) counts as every day, so nothing is lost. */
function dayMask(schedule: Pick<WorkSchedule, 'workingDays'>): number {
  let mask = 0;
  for (const d of schedule.workingDays) if (Number.isInteger(d) && d >= 0 && d <= 6) mask |= 1 << d;
  return mask === 0 ? 0x7f : mask;
}

function isWorkingDate(d: Date, mask: number): boolean {
  return (mask & (1 << d.getDay())) !== 0;
}

/** Wall-clock milliseconds since local midnight (what the clock on the wall shows). */
function wallMsOfDay(d: Date): number {
  return ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1000 + d.getMilliseconds();
}

function assertFiniteTime(t: number, what: string): void {
  if (!Number.isFinite(t)) throw new RangeError(`${what} must be a finite epoch ms, got ${t}`);
}

/**
 * True when `t` falls on a working day of `schedule` (local time). Not called by the product (it schedules
 * with the private helpers below): kept as the public statement of the rule, which the property tests of
 * working-time and nudges check every computed due time against.
 */
export function isWorkingDay(t: number, schedule: Pick<WorkSchedule, 'workingDays'>): boolean {
  return isWorkingDate(new Date(t), dayMask(schedule));
}

/** True when `t` lies inside the quiet-hours window (local wall clock; start inclusive, end exclusive). Kept for the same tests. */
export function isQuietTime(t: number, schedule: Pick<WorkSchedule, 'quietStart' | 'quietEnd'>): boolean {
  return inQuiet(wallMsOfDay(new Date(t)), minutesOf(schedule.quietStart) * 60_000, minutesOf(schedule.quietEnd) * 60_000);
}

function inQuiet(wall: number, start: number, end: number): boolean {
  if (start === end) return false;
  if (start < end) return wall >= start && wall < end;
  return wall >= start || wall < end; // wraps midnight
}

/** The same wall-clock time `days` calendar days later (negative goes back). DST-safe. */
export function addLocalDays(t: number, days: number): number {
  assertFiniteTime(t, 'time');
  const d = new Date(t);
  const whole = Math.trunc(days);
  const out = new Date(d.getFullYear(), d.getMonth(), d.getDate() + whole, d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds());
  const frac = days - whole;
  return frac === 0 ? out.getTime() : addLocalWallMs(out.getTime(), frac * DAY_WALL_MS);
}

/** Adds wall-clock milliseconds (within local-day arithmetic: 10:00 + 3h = 13:00 even across a DST switch). */
function addLocalWallMs(t: number, ms: number): number {
  const d = new Date(t);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), 0, 0, 0, wallMsOfDay(d) + ms).getTime();
}

/**
 * `days` working days after `start`, at the same wall-clock time: each step moves
 * one calendar day and counts it only if it is a working day. Friday 15:00 + 1 →
 * Monday 15:00; Saturday 10:00 + 1 → Monday 10:00. 0 returns `start` unchanged.
 * A fractional part is added as working hours (×24) after the whole days.
 */
export function addWorkingDays(start: number, days: number, schedule: Pick<WorkSchedule, 'workingDays'>): number {
  assertFiniteTime(start, 'start');
  if (!Number.isFinite(days) || days < 0) throw new RangeError(`days must be a finite number ≥ 0, got ${days}`);
  const mask = dayMask(schedule);
  const whole = Math.floor(days);
  const s = new Date(start);
  const [y, mo, da, h, mi, se, ms] = [s.getFullYear(), s.getMonth(), s.getDate(), s.getHours(), s.getMinutes(), s.getSeconds(), s.getMilliseconds()];
  let result = start;
  let counted = 0;
  for (let i = 1; counted < whole; i++) {
    // Rebuilt from the original fields every step, so a DST gap on one day never drifts the time of later days.
    const d = new Date(y, mo, da + i, h, mi, se, ms);
    if (isWorkingDate(d, mask)) {
      counted++;
      result = d.getTime();
    }
  }
  const frac = days - whole;
  return frac === 0 ? result : addWorkingHours(result, frac * 24, schedule);
}

/**
 * `hours` of wall-clock time counted only on working days (quiet hours count;
 * non-working days do not). Friday 10:00 + 24 → Monday 10:00 with the default
 * schedule. Measured on the wall clock, so a DST switch does not shift the result's
 * hour. A start on a non-working day begins counting at the next working day's 00:00.
 */
export function addWorkingHours(start: number, hours: number, schedule: Pick<WorkSchedule, 'workingDays'>): number {
  assertFiniteTime(start, 'start');
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a finite number ≥ 0, got ${hours}`);
  if (hours === 0) return start;
  const mask = dayMask(schedule);
  const s = new Date(start);
  const [y, mo, da] = [s.getFullYear(), s.getMonth(), s.getDate()];
  let remaining = hours * HOUR_MS;
  let tod = wallMsOfDay(s);
  for (let i = 0; ; i++) {
    const day = new Date(y, mo, da + i, 12); // noon: safely inside the day whatever DST does
    if (isWorkingDate(day, mask)) {
      const available = DAY_WALL_MS - tod;
      if (remaining <= available) return new Date(y, mo, da + i, 0, 0, 0, tod + remaining).getTime();
      remaining -= available;
    }
    tod = 0;
  }
}

/**
 * `t` itself when it is on a working day outside quiet hours; otherwise the first
 * later local moment that is (e.g. Saturday 10:00 → Monday 08:00, Tuesday 23:00 →
 * Wednesday 08:00, Tuesday 03:00 → Tuesday 08:00). So nothing is ever due at 3 a.m.
 * or on a Sunday.
 */
export function nextWorkingMoment(t: number, schedule: WorkSchedule): number {
  assertFiniteTime(t, 'time');
  const mask = dayMask(schedule);
  const qs = minutesOf(schedule.quietStart) * 60_000;
  const qe = minutesOf(schedule.quietEnd) * 60_000;
  let cur = new Date(t);
  // At most 7 day skips plus one quiet-hours hop per day; 32 is a generous bound.
  for (let guard = 0; guard < 32; guard++) {
    const y = cur.getFullYear();
    const mo = cur.getMonth();
    const da = cur.getDate();
    if (!isWorkingDate(cur, mask)) {
      cur = new Date(y, mo, da + 1, 0, 0, 0, 0);
      continue;
    }
    const wall = wallMsOfDay(cur);
    if (!inQuiet(wall, qs, qe)) return cur.getTime();
    // In quiet hours: jump to the end of the window (today if it ends later today, else tomorrow).
    const endToday = new Date(y, mo, da, 0, 0, 0, qe);
    const candidate = wall < qe ? endToday : new Date(y, mo, da + 1, 0, 0, 0, qe);
    // A quiet end inside a DST gap lands after it, still later than `cur`; guard against no progress anyway.
    cur = candidate.getTime() > cur.getTime() ? candidate : new Date(cur.getTime() + 60_000);
  }
  return cur.getTime();
}
