import { useTestDb } from '@/test/unit/test-db';
import type { SidecarDb } from '@/lib/db';
import { logThreadMessages } from '@/lib/services/activities';
import { createPerson } from '@/lib/services/contacts';
import { ALL_STALE, rebuildStaleSummaries } from './summaries';

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const NOW = Date.UTC(2026, 10, 20, 9);
const me = { name: 'Me', email: 'me@sidecar.test' };

/** Three people, each of whom wrote once; their summaries then dropped, as if their activities had just been pulled. */
async function threePeople(): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, name] of ['Ana', 'Budi', 'Citra'].entries()) {
    const email = `${name.toLowerCase()}@prospect.io`;
    const { contact } = await createPerson(db, { name, email }, { now: NOW - 3 * 86_400_000, locale: 'en-US' });
    await logThreadMessages(db, [{ id: `m-${i}`, from: { name, email }, recipients: [me], date: NOW - 86_400_000 }], new Set([me.email]), NOW);
    ids.push(contact.id);
  }
  expect(await db.summaries.count()).toBe(3);
  await db.summaries.clear();
  return ids.sort();
}

describe('rebuildStaleSummaries', () => {
  it('rebuilds every contact for the one entry that lists them all, and leaves nothing listed', async () => {
    const ids = await threePeople();
    await db.summariesStale.put({ contactId: ALL_STALE, after: '' });
    expect(await rebuildStaleSummaries(db, NOW)).toBe(3);
    for (const id of ids) expect((await db.summaries.get(id))?.lastInboundAt, id).toBe(NOW - 86_400_000);
    expect(await db.summariesStale.count()).toBe(0);
  });

  it('resumes after the contacts a stopped rebuild had done, and still rebuilds one listed on its own behind it', async () => {
    const [first, second, third] = (await threePeople()) as [string, string, string];
    // Stopped after the first two; the first was named again by a later page (behind the rebuild), the second not.
    await db.summariesStale.bulkPut([{ contactId: ALL_STALE, after: second }, { contactId: first }]);
    expect(await rebuildStaleSummaries(db, NOW)).toBe(2);
    expect(await db.summaries.get(first)).toBeDefined();
    expect(await db.summaries.get(second)).toBeUndefined();
    expect(await db.summaries.get(third)).toBeDefined();
    expect(await db.summariesStale.count()).toBe(0);
  });
});
