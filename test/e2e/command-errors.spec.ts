import type { Frame } from '@playwright/test';
import { dbDump, expect, sidebar, sidebarFrame, test } from './fixtures';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';

/** The next command this page sends finds no background (as after an extension update under an open page). */
const dropNextCommand = (frame: Frame) =>
  frame.evaluate(() => {
    const runtime = (globalThis as any).chrome.runtime as { sendMessage: (...a: unknown[]) => unknown };
    const real = runtime.sendMessage;
    runtime.sendMessage = () => {
      runtime.sendMessage = real;
      return Promise.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    };
  });

test('a command that fails says so in plain words where the rep clicked, and Try again completes it', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');

  await dropNextCommand(await sidebarFrame(page));
  await sb.getByTestId('sidecar-log-call').click();
  const log = sb.locator('section[aria-labelledby=sc-log]');
  await expect(log.getByRole('alert')).toHaveText(/Sidecar is not responding\. Try again; if it still fails, reload this page\./);
  expect((await dbDump(context)).activities!.filter((a) => a.kind === 'call')).toHaveLength(0);

  await log.getByRole('button', { name: 'Try again' }).click();
  await expect(log.getByRole('alert')).toHaveCount(0);
  await expect(log.getByRole('status')).toHaveText(/Logged: Call/);
  await expect.poll(async () => (await dbDump(context)).activities!.filter((a) => a.kind === 'call').length).toBe(1);
});

test('a failed settings save in the options page is reported beside the editor, and retried', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('sidecar-stage-name').first().fill('Lead');
  await dropNextCommand(options.mainFrame());
  await options.getByTestId('sidecar-stages-save').click();
  const stages = options.locator('section[aria-labelledby=sc-stages]');
  await expect(stages.getByRole('alert')).toContainText('Sidecar is not responding');
  await stages.getByTestId('sidecar-command-retry').click();
  await expect(stages.getByRole('status')).toHaveText('Saved');
  await expect(stages.getByRole('alert')).toHaveCount(0);
  await expect.poll(async () => (await dbDump(context)).settings!.find((s) => s.key === 'app')?.value.stages[0].name).toBe('Lead');
});
