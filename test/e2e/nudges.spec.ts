import type { BrowserContext } from '@playwright/test';
import { dbDump, expect, patchBeneathDexie, sidebar, test } from './fixtures';
import { gmailFixture, INBOX_URL, serveGmail, THREAD_URL } from './gmail';
import { LINKEDIN, linkedinFixture, serveLinkedIn } from './linkedin';
import { threadFuture } from './variants';

async function badge(context: BrowserContext): Promise<string> {
  const sw = context.serviceWorkers()[0]!;
  return sw.evaluate(() => (globalThis as any).chrome.action.getBadgeText({}));
}

const awaiting = '[data-testid=sidecar-nudge][data-kind=awaiting_reply][data-contact-email="dana@bigcorp.io"]';

test('a thread whose last message is the contact’s, days old, is an awaiting-reply nudge in the sidebar, the popup and the badge; replying clears it', async ({ context, page, extensionId }) => {
  const gmail = await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  // Dana's last email (Tue 24 Nov, 15:04) has waited more than 24 working hours.
  await expect(sb.locator(awaiting)).toHaveCount(1);
  await expect.poll(() => badge(context)).toBe('1');

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.locator(awaiting)).toHaveCount(1);
  await expect(popup.locator(awaiting)).toContainText('waiting for your reply');
  // Days ago, as a person says it (never "96 hours ago"), in the rep's language.
  await expect(popup.locator(awaiting)).toContainText(/They wrote (\d+ (days|months|years) ago|yesterday|last month|last year) and/);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('sidecar-option-language').selectOption('id');
  await expect(popup.locator(awaiting)).toContainText(/Mereka menulis (\d+ (hari|bulan|tahun) yang lalu|kemarin|bulan lalu|tahun lalu) dan/);
  await options.getByTestId('sidecar-option-language').selectOption('en');
  await options.close();
  // Open goes to Dana's conversations in the rep's own mailbox (the account the deal was created in), not /u/0/.
  const [opened] = await Promise.all([context.waitForEvent('page'), popup.locator(awaiting).getByTestId('sidecar-nudge-open').click()]);
  await expect.poll(() => opened.url()).toBe('https://mail.google.com/mail/u/rep@acme-sales.com/#search/dana%40bigcorp.io');
  await opened.close();

  // The rep replies from compose: the nudge goes away by itself, everywhere.
  gmail.set(gmailFixture('compose-peoplekit.html'));
  const mail = await context.newPage();
  await mail.goto(INBOX_URL);
  await mail.locator('[role=dialog] div.T-I.aoO[role=button]').click();
  await mail.evaluate(() => document.querySelector('[role=dialog]')!.remove());
  await expect(popup.locator(awaiting)).toHaveCount(0);
  await expect(sb.locator(awaiting)).toHaveCount(0);
  await expect.poll(() => badge(context)).toBe('');
});

test('snooze hides a nudge and the alarm brings it back when the snooze ends; done is for good', async ({ context, page, extensionId }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await expect(popup.locator(awaiting)).toHaveCount(1);

  await popup.locator(awaiting).getByTestId('sidecar-nudge-snooze').click();
  await expect(popup.locator(awaiting)).toHaveCount(0);
  await expect.poll(() => badge(context)).toBe('');
  const snoozed = (await dbDump(context)).nudgeStates!.find((s) => s.state === 'snoozed');
  expect(snoozed.until).toBeGreaterThan(Date.now() + 12 * 3600_000);

  // Shorten the snooze to a few seconds through the same command: the real chrome.alarms wake-up brings it back.
  const id = snoozed.id;
  await popup.evaluate((id) => (globalThis as any).chrome.runtime.sendMessage({ type: 'ui/nudge-snooze', id, until: Date.now() + 2500 }), id);
  await expect(popup.locator(awaiting)).toHaveCount(1, { timeout: 15_000 });
  await expect.poll(() => badge(context), { timeout: 10_000 }).toBe('1');

  await popup.locator(awaiting).getByTestId('sidecar-nudge-done').click();
  await expect(popup.locator(awaiting)).toHaveCount(0);
  await page.reload();
  await expect(sidebar(page).getByTestId('sidecar-stage')).toBeVisible();
  await expect(sidebar(page).locator(awaiting)).toHaveCount(0);
});

test('LinkedIn-only outreach counts as a touch: a lead never followed up stops nagging once a connection request is logged', async ({ context, page }) => {
  await serveLinkedIn(context, { '/in/dana-prospect/': linkedinFixture('profile-2026-en.html') });
  await page.goto(`${LINKEDIN}/in/dana-prospect/`);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  // Make the lead a week old (as if captured last week and forgotten), then let the engine notice.
  const weekAgo = Date.now() - 7 * 86_400_000;
  await patchBeneathDexie(context, [
    { store: 'contacts', set: { createdAt: weekAgo, updatedAt: Date.now() } },
    { store: 'summaries', set: { createdAt: weekAgo } },
  ]);
  await page.reload();
  const never = sidebar(page).locator('[data-testid=sidecar-nudge][data-kind=never_followed_up]');
  await expect(never).toHaveCount(1);
  await sidebar(page).getByTestId('sidecar-log-linkedin_connect').click();
  await expect(never).toHaveCount(0);
  await expect.poll(() => badge(context)).toBe('');
});

test('an email dated in the future is flagged and does not count as them waiting for a reply', async ({ context, page }) => {
  await serveGmail(context, threadFuture());
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-activity')).toHaveCount(1);
  await expect(sb.getByTestId('sidecar-activity-future')).toHaveCount(1);
  await page.waitForTimeout(500);
  await expect(sb.locator('[data-testid=sidecar-nudge][data-kind=awaiting_reply]')).toHaveCount(0);
  const summary = (await dbDump(context)).summaries![0];
  expect(summary.futureActivityAt).toBeGreaterThan(Date.UTC(2098, 0, 1));
  expect(summary.lastEmailFrom).toBeNull();
});

test('nudge settings (reply window, cadence) are editable, validated, and re-evaluate every nudge', async ({ context, page, extensionId }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.locator(awaiting)).toHaveCount(1);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('sidecar-nudge-cadence').fill('4, 2');
  await options.getByTestId('sidecar-nudge-settings-save').click();
  await expect(options.getByRole('alert')).toContainText('increasing');
  await options.getByTestId('sidecar-nudge-cadence').fill('2, 4, 7');
  // Two working weeks to reply: Dana's email is not overdue any more.
  await options.getByTestId('sidecar-nudge-setting-awaitingReplyHours').fill('240');
  await options.getByTestId('sidecar-nudge-settings-save').click();
  await expect(sb.locator(awaiting)).toHaveCount(0);
  await expect.poll(() => badge(context)).toBe('');
  const stored = (await dbDump(context)).settings!.find((r) => r.key === 'app').value.nudges;
  expect(stored).toMatchObject({ awaitingReplyHours: 240, cadenceDays: [2, 4, 7] });
});

test('when the whole cadence went unanswered, the nudge offers Park (three months) and Mark lost', async ({ context, page, extensionId }) => {
  await serveLinkedIn(context, { '/in/dana-prospect/': linkedinFixture('profile-2026-en.html') });
  // A one-touch cadence: the first unanswered touch ends it.
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('sidecar-nudge-cadence').fill('1');
  await options.getByTestId('sidecar-nudge-settings-save').click();
  await expect.poll(async () => (await dbDump(context)).settings?.find((r) => r.key === 'app')?.value.nudges.cadenceDays).toEqual([1]);

  await page.goto(`${LINKEDIN}/in/dana-prospect/`);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await sb.getByTestId('sidecar-log-linkedin_connect').click();
  await expect.poll(async () => (await dbDump(context)).summaries?.[0]?.outboundSinceInbound).toBe(1);
  // The touch was three days ago.
  const then = Date.now() - 3 * 86_400_000;
  await patchBeneathDexie(context, [{ store: 'summaries', set: { firstOutboundAt: then, lastOutboundAt: then } }]);
  await page.reload();
  const done = sidebar(page).locator('[data-testid=sidecar-nudge][data-kind=follow_up_due]');
  await expect(done).toHaveCount(1);
  await expect(done).toContainText('mark the deal Lost or park it');
  await expect(done).toContainText('(the last 3 days ago)');

  // Park: gone for about three months.
  await done.getByTestId('sidecar-nudge-park').click();
  await expect(done).toHaveCount(0);
  const parked = (await dbDump(context)).nudgeStates!.find((s) => s.state === 'snoozed');
  expect(parked.until).toBeGreaterThan(Date.now() + 85 * 86_400_000);

  // Back early (the snooze command with a near time), then Mark lost: the deal closes and the nudge ends for good.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  await popup.evaluate((id) => (globalThis as any).chrome.runtime.sendMessage({ type: 'ui/nudge-snooze', id, until: Date.now() + 1500 }), parked.id);
  const inPopup = popup.locator('[data-testid=sidecar-nudge][data-kind=follow_up_due]');
  await expect(inPopup).toHaveCount(1, { timeout: 15_000 });
  await inPopup.getByTestId('sidecar-nudge-mark-lost').click();
  await expect(inPopup).toHaveCount(0);
  const deal = (await dbDump(context)).deals![0];
  expect(deal).toMatchObject({ status: 'lost', lostReason: 'No reply to the whole follow-up sequence' });
  await expect(done).toHaveCount(0);
});
