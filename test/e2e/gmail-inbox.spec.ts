import { expect, sidebar, test } from './fixtures';
import { gmailFixture, INBOX_URL, serveGmail, THREAD_URL } from './gmail';

const rowOf = (email: string) => `tr.zA:has([email="${email}"])`;

test('inbox rows of known contacts get a stage chip that follows the stage and survives re-renders', async ({ context, page }) => {
  const gmail = await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await sb.getByTestId('sidecar-advance-stage').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Qualification');

  gmail.set(gmailFixture('inbox-modern.html'));
  const inbox = await context.newPage();
  await inbox.goto(INBOX_URL);
  const chips = inbox.locator('[data-sidecar-chip]');
  // Dana's two threads (rows 2 and 12) and nobody else's.
  await expect(chips).toHaveCount(2);
  await expect(chips).toHaveText(['Qualification', 'Qualification']);
  await expect(inbox.locator(`tr.zA:has([data-sidecar-chip])`).first()).toContainText('Dana Prospect');
  await expect(inbox.locator(`${rowOf('budi@tokomaju.co.id')} [data-sidecar-chip]`)).toHaveCount(0);
  // The chip sits in the subject cell, before the subject (InboxSDK's spot).
  expect(await chips.first().evaluate((el) => !!el.closest('td.a4W') && el.nextElementSibling?.classList.contains('y6'))).toBe(true);

  // Gmail re-renders the list constantly: replacing the rows must not lose or duplicate chips.
  for (let i = 0; i < 3; i++) {
    await inbox.evaluate(() => {
      const tbody = document.querySelector('[gh=tl] tbody')!;
      const html = tbody.innerHTML;
      tbody.innerHTML = '';
      const fresh = new DOMParser().parseFromString(`<table><tbody>${html}</tbody></table>`, 'text/html');
      tbody.append(...fresh.querySelectorAll('tbody > tr'));
    });
    await expect(chips).toHaveCount(2);
  }
  await expect(inbox.locator(`${rowOf('dana@bigcorp.io')}`).first().locator('[data-sidecar-chip]')).toHaveCount(1);

  // A stage move elsewhere shows in the list at once.
  await sb.getByTestId('sidecar-advance-stage').click();
  await expect(chips).toHaveText(['Meeting', 'Meeting']);
});

test('chip text is the stage name as text, and rows of unknown senders get nothing', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('inbox-modern.html'));
  await page.goto(INBOX_URL);
  await page.waitForTimeout(800);
  await expect(page.locator('[data-sidecar-chip]')).toHaveCount(0);
});

test('inbox chips can be switched off in options (the page is then told nothing) and on again', async ({ context, page, extensionId }) => {
  const gmail = await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  await sidebar(page).getByTestId('sidecar-create-contact').click();
  await expect(sidebar(page).getByTestId('sidecar-stage')).toHaveText('Contact');
  gmail.set(gmailFixture('inbox-modern.html'));
  const inbox = await context.newPage();
  await inbox.goto(INBOX_URL);
  const chips = inbox.locator('[data-sidecar-chip]');
  await expect(chips).toHaveCount(2);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByText('a script on that page could read them')).toBeVisible();
  await options.getByTestId('sidecar-option-inbox-chips').uncheck();
  await expect(chips).toHaveCount(0);
  // A fresh load draws none either.
  await inbox.reload();
  await inbox.waitForTimeout(1000);
  await expect(chips).toHaveCount(0);
  await options.getByTestId('sidecar-option-inbox-chips').check();
  await expect(chips).toHaveCount(2);
});
