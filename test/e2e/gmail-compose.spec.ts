import type { BrowserContext, Page } from '@playwright/test';
import { dbDump, expect, sidebar, test } from './fixtures';
import { gmailFixture, INBOX_URL, serveGmail, THREAD_URL } from './gmail';

async function knownDana(page: Page) {
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-activity')).toHaveCount(3);
}

/** Dana is a contact (created from her thread); then a new tab shows a compose addressed to her. */
async function composeToDana(context: BrowserContext, page: Page): Promise<Page> {
  const gmail = await serveGmail(context, gmailFixture('thread-en.html'));
  await knownDana(page);
  gmail.set(gmailFixture('compose-peoplekit.html'));
  const mail = await context.newPage();
  await mail.goto(INBOX_URL);
  await mail.waitForTimeout(300);
  return mail;
}

const composeLogs = async (context: Parameters<typeof dbDump>[0]) =>
  ((await dbDump(context)).activities ?? []).filter((a) => a.sourceId?.startsWith('compose:'));

test('sending a compose to a contact logs email_out once it is sent (Gmail removes the compose)', async ({ context, page }) => {
  const mail = await composeToDana(context, page);
  await mail.locator('[role=dialog] div.T-I.aoO[role=button]').click();
  await mail.evaluate(() => document.querySelector('[role=dialog]')!.remove());

  await expect.poll(async () => (await composeLogs(context)).length).toBe(1);
  const [logged] = await composeLogs(context);
  expect(logged.kind).toBe('email_out');
  // new.person@elsewhere.org is not a contact: nothing logged for them.
  expect((await dbDump(context)).contacts).toHaveLength(1);
  await expect(sidebar(page).locator('[data-testid=sidecar-activity][data-kind=email_out]')).toHaveCount(2);
});

test('a page script’s fabricated send clicks and Ctrl+Enter log nothing', async ({ context, page }) => {
  const mail = await composeToDana(context, page);
  await mail.evaluate(() => {
    const send = document.querySelector<HTMLElement>('[role=dialog] div.T-I.aoO[role=button]')!;
    for (let i = 0; i < 5; i++) send.click();
    const body = document.querySelector('[role=dialog] [contenteditable=true]')!;
    body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true }));
    document.querySelector('[role=dialog]')!.remove();
  });
  await mail.waitForTimeout(1500);
  expect(await composeLogs(context)).toHaveLength(0);
});

test('Ctrl+Enter in the compose body is a send too', async ({ context, page }) => {
  const mail = await composeToDana(context, page);
  await mail.locator('[role=dialog] [contenteditable=true]').click();
  await mail.keyboard.press('Control+Enter');
  await mail.evaluate(() => document.querySelector('[role=dialog]')!.remove());
  await expect.poll(async () => (await composeLogs(context)).length).toBe(1);
});

test('a compose closed without sending logs nothing', async ({ context, page }) => {
  const mail = await composeToDana(context, page);
  await mail.evaluate(() => document.querySelector('[role=dialog]')!.remove());
  await mail.waitForTimeout(3000);
  expect(await composeLogs(context)).toHaveLength(0);
});
