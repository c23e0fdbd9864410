// Test support for lib/services/nudges.test.ts and nudge-pass.test.ts: one scenario, one clock, one database per test.
// Working-day maths is in local time: fixed to a zone without DST (pool 'forks' lets a file set TZ),
// before any date below is made.
process.env.TZ = 'Asia/Jakarta';

import { useTestDb } from './test-db'; // first: it installs fake-indexeddb before Dexie loads
import type { SidecarDb } from '@/lib/db';
import type { Nudge } from '@/lib/domain/nudges';
import type { MailMessage } from '@/lib/domain/thread';
import { logThreadMessages } from '@/lib/services/activities';
import { createPerson } from '@/lib/services/contacts';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
// All local Asia/Jakarta (UTC+7), August 2026: Mon 10, Mon 17, Tue 18, Thu 20, Fri 21, Mon 24.
export const local = (d: number, h: number, m = 0) => new Date(2026, 7, d, h, m).getTime();
export const CREATED = local(10, 10); // Monday 10:00
export const EMAIL_IN = local(17, 10); // Monday 10:00, three days before NOW
export const NOW = local(20, 10); // Thursday 10:00
export const locale = 'en-US';

export const rep = { name: 'Rep', email: 'rep@acme.com' };
export const dana = { name: 'Dana', email: 'dana@bigcorp.io' };
export const sam = { name: 'Sam', email: 'sam@bigcorp.io' };
export const mine = new Set([rep.email]);

/** A fresh database per test (a live binding: importers see each test's). */
export let db: SidecarDb;
beforeAll(() => {
  expect(new Date(2026, 0, 1).getTimezoneOffset()).toBe(-420);
  expect(new Date(NOW).getDay()).toBe(4);
});
useTestDb((fresh) => (db = fresh));

export const person = (p: { name: string; email: string }, at = CREATED) => createPerson(db, p, { now: at, locale });
export const danaWrites = (at = EMAIL_IN): MailMessage[] => [{ id: 'm-in-1', from: dana, recipients: [rep], date: at }];
const byId = (a: Nudge, b: Nudge) => (a.id < b.id ? -1 : 1);
/** Every stored nudge, in id order. */
export const table = async () => (await db.nudges.toArray()).sort(byId);
export const idsOf = (list: Nudge[]) => list.map((n) => n.id).sort();

/** Dana wrote three days ago and is waiting; Sam was added and never contacted. */
export async function scenario() {
  const d = await person(dana);
  const s = await person(sam);
  expect(await logThreadMessages(db, danaWrites(), mine, EMAIL_IN, 'Pricing?')).toBe(1);
  return { d, s };
}
