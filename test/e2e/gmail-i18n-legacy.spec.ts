import { dbDump, expect, launchWithExtension, readFixture, realFixture, sidebar, test } from './fixtures';
import { gmailFixture, INBOX_URL, serveGmail, THREAD_URL } from './gmail';

test('the real 2014 inbox capture gets chips on its old markup (no thread ids, no role=row)', async ({ context, page, extensionId }) => {
  const gmail = await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  await expect(sidebar(page).getByTestId('sidecar-contact-name')).toBeVisible();
  // Add Twilio's sender through the extension's own command path (from an extension page).
  const frame = await context.newPage();
  await frame.goto(`chrome-extension://${extensionId}/popup.html`);
  const reply = await frame.evaluate(() => (globalThis as any).chrome.runtime.sendMessage({ type: 'ui/create-person', person: { name: 'Team Twilio', email: 'news@twilio.com' } }));
  expect(reply.ok).toBe(true);

  gmail.set(readFixture(realFixture('gmail-inbox-list-inboxsdk-2014.html')));
  const inbox = await context.newPage();
  await inbox.goto(INBOX_URL);
  const chips = inbox.locator('[data-sidecar-chip]');
  const twilioRows = await inbox.locator('tr.zA:has([email="news@twilio.com"])').count();
  expect(twilioRows).toBeGreaterThan(1);
  await expect(chips).toHaveCount(twilioRows);
  await expect(chips.first()).toHaveText('Contact');
});

test.describe('Indonesian', () => {
  test('an Indonesian browser gets an Indonesian sidebar on Indonesian Gmail', async () => {
    const context = await launchWithExtension({ locale: 'id-ID' });
    try {
      await serveGmail(context, gmailFixture('thread-id.html'));
      const page = await context.newPage();
      await page.goto(THREAD_URL);
      const sb = sidebar(page);
      await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Budi Santoso');
      await expect(sb.getByTestId('sidecar-create-contact')).toHaveText('Tambahkan ke pipeline');
      await sb.getByTestId('sidecar-create-contact').click();
      await expect(sb.getByTestId('sidecar-stage')).toHaveText('Kontak');
      await expect(sb.getByTestId('sidecar-advance-stage')).toHaveText('Pindahkan ke Kualifikasi');
      const db = await dbDump(context);
      expect(db.deals![0].currency).toBe('IDR');
    } finally {
      await context.close();
    }
  });

  test('the language can be overridden in the options page', async ({ context, page, extensionId }) => {
    await serveGmail(context, gmailFixture('thread-en.html'));
    await page.goto(THREAD_URL);
    const sb = sidebar(page);
    await expect(sb.getByTestId('sidecar-create-contact')).toHaveText('Add to pipeline');
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByTestId('sidecar-option-language').selectOption('id');
    await expect(options.getByRole('status')).toHaveText('Tersimpan');
    await expect(sb.getByTestId('sidecar-create-contact')).toHaveText('Tambahkan ke pipeline');
    // The one control the page itself carries follows the setting too.
    await expect(page.locator('[data-sidecar-toggle]')).toHaveAttribute('aria-label', 'Ciutkan Sidecar');
  });
});
