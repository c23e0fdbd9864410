import { dbDump, expect, sidebar, stopWorker, test } from './fixtures';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';

// The MV3 background can be stopped at any moment; the sidebar must reconnect and carry on.
test('the sidebar keeps working after the background worker is stopped', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');

  const before = context.serviceWorkers()[0]!;
  await before.evaluate(() => ((globalThis as any).__sidecarMarker = 1));
  // Stop the extension's worker through the browser's own target (what Chromium does when it idles).
  expect(await stopWorker(context)).toBe(true);
  await page.waitForTimeout(300);

  // A command wakes the worker; the live view reconnects and shows the result.
  await sb.getByTestId('sidecar-advance-stage').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Qualification');
  await sb.getByTestId('sidecar-log-call').click();
  await expect(sb.locator('[data-testid=sidecar-activity][data-kind=call]')).toHaveCount(1);
  const db = await dbDump(context);
  expect(db.deals![0].stageId).toBe('qualification');
  // It really was a new worker.
  const now = context.serviceWorkers().at(-1)!;
  expect(await now.evaluate(() => (globalThis as any).__sidecarMarker)).toBeUndefined();
});
