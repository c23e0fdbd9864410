// @vitest-environment node
process.env.TZ = 'Europe/Berlin';

import fc from 'fast-check';
import {
  addLocalDays,
  addWorkingDays,
  addWorkingHours,
  isQuietTime,
  isWorkingDay,
  nextWorkingMoment,
  WorkScheduleSchema,
  type WorkSchedule,
} from './working-time';

// Time zones: Node honours a runtime change of process.env.TZ in a process's main
// thread (vitest's forked workers) but not inside worker threads, where process.env
// is a per-thread copy (vitest's default "threads" pool). When the zone cannot be
// switched here, one test re-runs this file in a forked vitest process instead.
function tzSwitchable(): boolean {
  const before = process.env.TZ;
  process.env.TZ = 'Asia/Jakarta';
  const a = new Date(2026, 0, 1).getTimezoneOffset();
  process.env.TZ = 'America/New_York';
  const b = new Date(2026, 0, 1).getTimezoneOffset();
  process.env.TZ = before;
  return a === -420 && b === 300;
}

function inZone(zone: string, body: () => void): void {
  describe(`TZ=${zone}`, () => {
    let prev: string | undefined;
    beforeAll(() => {
      prev = process.env.TZ;
      process.env.TZ = zone;
    });
    afterAll(() => {
      process.env.TZ = prev;
    });
    body();
  });
}

/** Local wall-clock time in the current zone (call inside a test, after the zone is set). */
const local = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();
const wall = (t: number) => {
  const d = new Date(t);
  return { y: d.getFullYear(), mo: d.getMonth() + 1, d: d.getDate(), h: d.getHours(), mi: d.getMinutes(), dow: d.getDay() };
};
const H = 3_600_000;
const DEFAULT: WorkSchedule = WorkScheduleSchema.parse({});
const EVERY_DAY: WorkSchedule = { ...DEFAULT, workingDays: [0, 1, 2, 3, 4, 5, 6] };

// vitest.config.ts runs test files in forked workers, where a runtime TZ change takes effect.
if (!tzSwitchable()) throw new Error('the time zone cannot be switched: run vitest with pool "forks" (vitest.config.ts)');
{
  describe('WorkScheduleSchema', () => {
    it('defaults to Monday-Friday with quiet hours 20:00-08:00', () => {
      expect(WorkScheduleSchema.parse({})).toEqual({ workingDays: [1, 2, 3, 4, 5], quietStart: '20:00', quietEnd: '08:00' });
    });
    it('rejects duplicates, empty lists, out-of-range days and bad times', () => {
      expect(WorkScheduleSchema.safeParse({ workingDays: [1, 1] }).success).toBe(false);
      expect(WorkScheduleSchema.safeParse({ workingDays: [] }).success).toBe(false);
      expect(WorkScheduleSchema.safeParse({ workingDays: [7] }).success).toBe(false);
      expect(WorkScheduleSchema.safeParse({ workingDays: [1.5] }).success).toBe(false);
      expect(WorkScheduleSchema.safeParse({ quietStart: '24:00' }).success).toBe(false);
      expect(WorkScheduleSchema.safeParse({ quietEnd: '8:00' }).success).toBe(false);
      expect(WorkScheduleSchema.safeParse({ workingDays: [0, 1, 2, 3, 4, 5, 6], quietStart: '22:30', quietEnd: '06:15' }).success).toBe(true);
    });
  });

  inZone('Europe/Berlin', () => {
    it('is really in Berlin time (CET/CEST)', () => {
      expect(new Date(local(2026, 1, 15)).getTimezoneOffset()).toBe(-60);
      expect(new Date(local(2026, 7, 15)).getTimezoneOffset()).toBe(-120);
    });

    it('adds working days by the calendar across the spring switch (2026-03-29)', () => {
      const fri = local(2026, 3, 27, 10);
      const mon = addWorkingDays(fri, 1, DEFAULT);
      expect(wall(mon)).toMatchObject({ mo: 3, d: 30, h: 10, mi: 0, dow: 1 });
      expect(mon - fri).toBe(3 * 24 * H - H); // the weekend had a 23-hour day
      // Every day working: Saturday 10:00 + 1 = Sunday 10:00, 23 real hours later.
      const sat = local(2026, 3, 28, 10);
      expect(wall(addWorkingDays(sat, 1, EVERY_DAY))).toMatchObject({ d: 29, h: 10 });
      expect(addWorkingDays(sat, 1, EVERY_DAY) - sat).toBe(23 * H);
      expect(addWorkingDays(fri, 0, DEFAULT)).toBe(fri);
    });

    it('keeps a time inside the skipped hour from drifting on later days', () => {
      const sat = local(2026, 3, 28, 2, 30);
      expect(wall(addWorkingDays(sat, 1, EVERY_DAY))).toMatchObject({ d: 29, h: 3, mi: 30 }); // 02:30 does not exist
      expect(wall(addWorkingDays(sat, 2, EVERY_DAY))).toMatchObject({ d: 30, h: 2, mi: 30 });
    });

    it('adds working days across the autumn switch (2026-10-25)', () => {
      const fri = local(2026, 10, 23, 17, 45);
      const mon = addWorkingDays(fri, 1, DEFAULT);
      expect(wall(mon)).toMatchObject({ mo: 10, d: 26, h: 17, mi: 45, dow: 1 });
      expect(mon - fri).toBe(3 * 24 * H + H);
      expect(wall(addWorkingDays(fri, 5, DEFAULT))).toMatchObject({ d: 30, h: 17, mi: 45, dow: 5 });
    });

    it('counts 24 working hours from Friday 10:00 to Monday 10:00, and a DST week keeps the wall-clock hour', () => {
      expect(wall(addWorkingHours(local(2026, 3, 27, 10), 24, DEFAULT))).toMatchObject({ d: 30, h: 10, dow: 1 });
      expect(wall(addWorkingHours(local(2026, 10, 23, 10), 24, DEFAULT))).toMatchObject({ d: 26, h: 10, dow: 1 });
      // Each weekday of both DST weeks: +24 working hours lands at 15:00 on the next working day.
      for (const [mo, days] of [
        [3, [23, 24, 25, 26, 27, 30, 31]],
        [10, [19, 20, 21, 22, 23, 26, 27]],
      ] as const) {
        for (const d of days) {
          const r = wall(addWorkingHours(local(2026, mo, d, 15), 24, DEFAULT));
          expect(r.h).toBe(15);
          expect(r.mi).toBe(0);
          expect([1, 2, 3, 4, 5]).toContain(r.dow);
        }
      }
      // Every day working, straight across the switches: 23 and 25 real hours.
      expect(addWorkingHours(local(2026, 3, 28, 10), 24, EVERY_DAY) - local(2026, 3, 28, 10)).toBe(23 * H);
      expect(addWorkingHours(local(2026, 10, 24, 10), 24, EVERY_DAY) - local(2026, 10, 24, 10)).toBe(25 * H);
    });

    it('counts partial working hours and skips whole non-working days', () => {
      expect(wall(addWorkingHours(local(2026, 3, 27, 22), 3, DEFAULT))).toMatchObject({ d: 30, h: 1, dow: 1 });
      expect(wall(addWorkingHours(local(2026, 3, 28, 10), 1, DEFAULT))).toMatchObject({ d: 30, h: 1 }); // Saturday start
      expect(wall(addWorkingHours(local(2026, 3, 26, 9, 15), 1.5, DEFAULT))).toMatchObject({ d: 26, h: 10, mi: 45 });
      expect(wall(addWorkingHours(local(2026, 3, 27, 0), 24, DEFAULT))).toMatchObject({ d: 28, h: 0 });
      expect(addWorkingHours(local(2026, 3, 27, 10), 0, DEFAULT)).toBe(local(2026, 3, 27, 10));
      expect(() => addWorkingHours(0, -1, DEFAULT)).toThrow(RangeError);
      expect(() => addWorkingDays(0, Number.NaN, DEFAULT)).toThrow(RangeError);
    });

    it('moves moments out of quiet hours and non-working days', () => {
      expect(wall(nextWorkingMoment(local(2026, 3, 24, 3), DEFAULT))).toMatchObject({ d: 24, h: 8, mi: 0 });
      expect(wall(nextWorkingMoment(local(2026, 3, 24, 20), DEFAULT))).toMatchObject({ d: 25, h: 8 });
      expect(nextWorkingMoment(local(2026, 3, 24, 19, 59), DEFAULT)).toBe(local(2026, 3, 24, 19, 59));
      expect(nextWorkingMoment(local(2026, 3, 24, 8), DEFAULT)).toBe(local(2026, 3, 24, 8));
      expect(wall(nextWorkingMoment(local(2026, 3, 27, 21), DEFAULT))).toMatchObject({ d: 30, h: 8, dow: 1 });
      expect(wall(nextWorkingMoment(local(2026, 3, 28, 12), DEFAULT))).toMatchObject({ d: 30, h: 8, dow: 1 });
      expect(wall(nextWorkingMoment(local(2026, 3, 29, 1), DEFAULT))).toMatchObject({ d: 30, h: 8, dow: 1 }); // the DST Sunday
    });

    it('handles a quiet end inside the skipped hour, a daytime window and no window', () => {
      const q = { workingDays: [0, 1, 2, 3, 4, 5, 6], quietStart: '01:00', quietEnd: '02:30' };
      const r = nextWorkingMoment(local(2026, 3, 29, 1, 15), q);
      expect(wall(r)).toMatchObject({ d: 29, h: 3, mi: 30 });
      const lunch = { ...DEFAULT, quietStart: '12:00', quietEnd: '13:00' };
      expect(wall(nextWorkingMoment(local(2026, 3, 24, 12, 30), lunch))).toMatchObject({ d: 24, h: 13 });
      expect(nextWorkingMoment(local(2026, 3, 24, 23), lunch)).toBe(local(2026, 3, 24, 23));
      const none = { ...DEFAULT, quietStart: '00:00', quietEnd: '00:00' };
      expect(nextWorkingMoment(local(2026, 3, 24, 3), none)).toBe(local(2026, 3, 24, 3));
      expect(isQuietTime(local(2026, 3, 24, 3), DEFAULT)).toBe(true);
      expect(isWorkingDay(local(2026, 3, 29, 12), DEFAULT)).toBe(false);
    });

    it('property: nextWorkingMoment lands on an allowed moment, never earlier, and is idempotent', () => {
      const schedule = fc.record({
        workingDays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
        quietStart: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })),
        quietEnd: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })),
      }).map((s) => ({
        workingDays: s.workingDays,
        quietStart: `${String(s.quietStart[0]).padStart(2, '0')}:${String(s.quietStart[1]).padStart(2, '0')}`,
        quietEnd: `${String(s.quietEnd[0]).padStart(2, '0')}:${String(s.quietEnd[1]).padStart(2, '0')}`,
      }));
      const t = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) });
      fc.assert(
        fc.property(schedule, t, (s, at) => {
          const r = nextWorkingMoment(at, s);
          expect(r).toBeGreaterThanOrEqual(at);
          // Within a week and a day, unless the only open minutes fell into a daylight-saving gap
          // that week (e.g. Sundays 02:00–02:01 in Berlin on 29 March 2026): then the week after.
          expect(r - at).toBeLessThan(15 * 24 * H);
          expect(isWorkingDay(r, s)).toBe(true);
          expect(isQuietTime(r, s)).toBe(false);
          expect(nextWorkingMoment(r, s)).toBe(r);
        }),
        { numRuns: 500 },
      );
    });

    it('a window that falls into the spring-forward gap is found the week after', () => {
      // Sundays 02:00–02:01 only; Berlin skips 02:00–03:00 on Sunday 29 March 2026.
      const s = { workingDays: [0], quietStart: '02:01', quietEnd: '02:00' };
      const at = new Date(2026, 2, 22, 2, 1).getTime(); // Sunday 22 March, just after the window
      expect(nextWorkingMoment(at, s)).toBe(new Date(2026, 3, 5, 2, 0).getTime());
    });

    it('property: working hours and days are monotone and land on working days', () => {
      const t = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 0, 1) });
      fc.assert(
        fc.property(t, fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 500 }), (at, a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(addWorkingHours(at, lo, DEFAULT)).toBeLessThanOrEqual(addWorkingHours(at, hi, DEFAULT));
          const days = lo % 40;
          const r = addWorkingDays(at, days, DEFAULT);
          if (days > 0) expect(isWorkingDay(r, DEFAULT)).toBe(true);
          expect(r).toBeGreaterThanOrEqual(at);
        }),
        { numRuns: 300 },
      );
    });
  });

  inZone('America/New_York', () => {
    it('is really in New York time (EST/EDT)', () => {
      expect(new Date(local(2026, 1, 15)).getTimezoneOffset()).toBe(300);
      expect(new Date(local(2026, 7, 15)).getTimezoneOffset()).toBe(240);
    });

    it('keeps wall-clock times across 2026-03-08 (spring forward)', () => {
      const fri = local(2026, 3, 6, 9, 30);
      const mon = addWorkingHours(fri, 24, DEFAULT);
      expect(wall(mon)).toMatchObject({ mo: 3, d: 9, h: 9, mi: 30, dow: 1 });
      expect(mon - fri).toBe(3 * 24 * H - H);
      expect(wall(addWorkingDays(fri, 1, DEFAULT))).toMatchObject({ d: 9, h: 9, mi: 30 });
      const sat = local(2026, 3, 7, 2, 30);
      expect(wall(addWorkingDays(sat, 1, EVERY_DAY))).toMatchObject({ d: 8, h: 3, mi: 30 });
      expect(wall(addWorkingDays(sat, 2, EVERY_DAY))).toMatchObject({ d: 9, h: 2, mi: 30 });
      expect(wall(addLocalDays(local(2026, 3, 7, 12), 1))).toMatchObject({ d: 8, h: 12 });
    });

    it('keeps wall-clock times across 2026-11-01 (fall back)', () => {
      const fri = local(2026, 10, 30, 17);
      const mon = addWorkingDays(fri, 1, DEFAULT);
      expect(wall(mon)).toMatchObject({ mo: 11, d: 2, h: 17, dow: 1 });
      expect(mon - fri).toBe(3 * 24 * H + H);
      expect(wall(addWorkingHours(local(2026, 10, 31, 12), 24, EVERY_DAY))).toMatchObject({ mo: 11, d: 1, h: 12 });
      expect(wall(nextWorkingMoment(local(2026, 11, 1, 1, 30), DEFAULT))).toMatchObject({ mo: 11, d: 2, h: 8, dow: 1 });
    });
  });

  inZone('Asia/Jakarta', () => {
    it('is really in Jakarta time (UTC+7, no DST)', () => {
      expect(new Date(local(2026, 1, 15)).getTimezoneOffset()).toBe(-420);
      expect(new Date(local(2026, 7, 15)).getTimezoneOffset()).toBe(-420);
    });

    it('adds working time without any DST effects', () => {
      const fri = local(2026, 3, 27, 10);
      expect(addWorkingHours(fri, 24, DEFAULT) - fri).toBe(72 * H);
      expect(addWorkingDays(fri, 1, DEFAULT) - fri).toBe(72 * H);
      expect(wall(addWorkingDays(local(2026, 10, 23, 10), 1, DEFAULT))).toMatchObject({ d: 26, h: 10 });
    });

    it('honours a Sunday-Thursday week', () => {
      const sunThu = { ...DEFAULT, workingDays: [0, 1, 2, 3, 4] };
      expect(wall(nextWorkingMoment(local(2026, 3, 27, 10), sunThu))).toMatchObject({ d: 29, h: 8, dow: 0 });
      expect(wall(addWorkingHours(local(2026, 3, 26, 10), 24, sunThu))).toMatchObject({ d: 29, h: 10, dow: 0 });
    });
  });
}
