import { expect, sidebar, test } from './fixtures';
import { gmailFixture, INBOX_URL, serveGmail, THREAD_URL } from './gmail';
import { hashClasses } from './variants';

// Gmail renames its obfuscated class tokens every few months and A/B-tests hashed ones: the
// product reads what Gmail uses as data, so a page whose every class is hashed works the same.

test('a Gmail thread and inbox whose every class is hashed: the person, the contact, the logged thread and the chips', async ({ context, page }) => {
  const thread = hashClasses(gmailFixture('thread-en.html'));
  expect(thread).not.toContain('class="adn');
  const gmail = await serveGmail(context, thread);
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
  await expect(sb.getByTestId('sidecar-contact-email')).toHaveText('dana@bigcorp.io');
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  // Two messages from Dana and the rep's reply: ids, senders and recipients read without a class.
  await expect(sb.getByTestId('sidecar-activity')).toHaveCount(3);

  gmail.set(hashClasses(gmailFixture('inbox-modern.html')));
  const inbox = await context.newPage();
  await inbox.goto(INBOX_URL);
  const chips = inbox.locator('[data-sidecar-chip]');
  await expect(chips).toHaveCount(2);
  await expect(chips).toHaveText(['Contact', 'Contact']);
  // Before the subject, inside the link that opens the thread.
  expect(await chips.first().evaluate((el) => el.closest('[role=link]') !== null && !!el.nextElementSibling?.querySelector('[data-thread-id]'))).toBe(true);
});
