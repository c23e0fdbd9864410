import { dbDump, expect, stopWorker, test } from './fixtures';

// Chromium stops an MV3 worker whenever it likes, also in the middle of a command. Creating a person from a
// thread is several writes (contact, company, deal, stage history, every message of the thread); stopped
// anywhere in between and retried (the sidebar's "Try again"), it must leave each of them exactly once.

const REP = 'rep@sidecar.example';
const MESSAGES = 400;

function threadOf(i: number) {
  const from = { name: `Buyer ${i}`, email: `buyer${i}@acme${i}.example` };
  const messages = Array.from({ length: MESSAGES }, (_, k) => ({
    id: `msg-f:${i}${String(k).padStart(6, '0')}`,
    from: k % 2 ? { name: 'Rep', email: REP } : from,
    recipients: [k % 2 ? from : { name: 'Rep', email: REP }],
    date: Date.UTC(2026, 9, 1) + k * 60_000,
  }));
  return { person: { name: from.name, email: from.email }, thread: { subject: `Deal ${i}`, messages }, account: REP };
}

test('a worker stopped in the middle of creating a person: the retry leaves one contact, one deal and each message once', async ({ context, extensionId }) => {
  test.slow();
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/options.html`);
  // From before the worker reads the message to after it answered, on this 2-core machine (~250 ms of work).
  const delays = [0, 20, 60, 120, 160, 200, 240, 280, 400];
  let interrupted = 0;
  for (const [i, delay] of delays.entries()) {
    const cmd = { type: 'ui/create-person', ...threadOf(i) };
    // First attempt: sent, then the worker is stopped `delay` ms later, wherever it is.
    await ext.evaluate((m) => {
      (globalThis as any).__first = (globalThis as any).chrome.runtime.sendMessage(m).then(
        (r: unknown) => ({ answered: r }),
        (e: Error) => ({ failed: String(e.message ?? e) }),
      );
    }, cmd);
    await new Promise((r) => setTimeout(r, delay));
    await stopWorker(context);
    const first = await ext.evaluate(() => (globalThis as any).__first);
    if (!first.answered) interrupted++;
    // All or nothing: the person without their thread would be the half-done work a stop must not leave.
    const mid = await dbDump(context, ext);
    const contact = mid.contacts!.find((c) => c.emails.includes(cmd.person.email));
    const logged = mid.activities!.filter((a) => a.sourceId?.startsWith(`msg-f:${i}`)).length;
    expect([contact ? 1 : 0, mid.deals!.filter((d) => d.contactId === contact?.id).length, logged]).toEqual(contact ? [1, 1, MESSAGES] : [0, 0, 0]);
    // The retry: what the sidebar sends again on "Try again".
    const retry = await ext.evaluate((m) => (globalThis as any).chrome.runtime.sendMessage(m), cmd);
    expect(retry).toMatchObject({ ok: true, data: { contactId: expect.any(String) } });
  }
  // The stops did land in the middle of commands (otherwise this test proves nothing).
  expect(interrupted).toBeGreaterThan(0);

  const db = await dbDump(context, ext);
  expect(db.contacts).toHaveLength(delays.length);
  expect(db.deals).toHaveLength(delays.length);
  expect(db.companies).toHaveLength(delays.length);
  expect(db.stageChanges).toHaveLength(delays.length);
  for (const c of db.contacts!) expect(db.deals!.filter((d) => d.contactId === c.id)).toHaveLength(1);
  // Every message of every thread logged exactly once.
  const bySource = new Map<string, number>();
  for (const a of db.activities!) if (a.sourceId) bySource.set(a.sourceId, (bySource.get(a.sourceId) ?? 0) + 1);
  expect(bySource.size).toBe(delays.length * MESSAGES);
  expect([...bySource.values()].every((n) => n === 1)).toBe(true);
});
