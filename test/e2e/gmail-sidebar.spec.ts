import { dbDump, expect, sidebar, test } from './fixtures';
import { gmailFixture, INBOX_URL, serveGmail, spaSwitch, THREAD_URL } from './gmail';

test('an unknown sender becomes a contact with company and deal in one click, and the thread is logged once', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
  await expect(sb.getByTestId('sidecar-contact-email')).toHaveText('dana@bigcorp.io');
  await sb.getByTestId('sidecar-create-contact').click();

  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  await expect(sb.getByTestId('sidecar-contact-company')).toHaveText('Bigcorp');
  // Two messages from Dana and the rep's reply, all from before the contact existed.
  await expect(sb.getByTestId('sidecar-activity')).toHaveCount(3);
  await expect(sb.locator('[data-testid=sidecar-activity][data-kind=email_in]')).toHaveCount(2);
  await expect(sb.locator('[data-testid=sidecar-activity][data-kind=email_out]')).toHaveCount(1);
  // Fit (company domain) plus engagement (two emails from Dana, one to her), explained part by part.
  await expect(sb.locator('[data-rule="eng.email_in"]')).toBeVisible();
  const parts = await sb.locator('[data-testid=sidecar-score-breakdown] > [data-points]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-points'))));
  expect(Number(await sb.getByTestId('sidecar-lead-score').textContent())).toBe(parts.reduce((a, b) => a + b, 0));

  const db = await dbDump(context);
  expect(db.contacts).toHaveLength(1);
  expect(db.contacts![0].emails).toEqual(['dana@bigcorp.io']);
  expect(db.companies!.map((c) => c.domain)).toEqual(['bigcorp.io']);
  expect(db.deals!.map((d) => [d.stageId, d.status])).toEqual([['contact', 'open']]);
  // The message's own date is kept: Mon, Nov 23, 2026, 9:12 AM local time.
  const first = db.activities!.find((a) => a.sourceId === 'msg-f:1882639733620975553');
  expect(new Date(first.at).getDate()).toBe(23);
  expect(new Date(first.at).getHours()).toBe(9);

  // Reloading the same thread logs nothing again.
  await page.reload();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  await page.waitForTimeout(500);
  expect((await dbDump(context)).activities).toHaveLength(3);
});

test('advancing the stage records history and shows at once', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-advance-stage')).toHaveText('Move to Qualification');
  await sb.getByTestId('sidecar-advance-stage').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Qualification');
  await expect(sb.locator('[data-testid=sidecar-activity][data-kind=stage_change]')).toHaveCount(1);
  await sb.getByTestId('sidecar-advance-stage').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Meeting');

  const db = await dbDump(context);
  expect(db.stageChanges!.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)).map((c) => [c.fromStageId, c.toStageId])).toEqual([
    [null, 'contact'],
    ['contact', 'qualification'],
    ['qualification', 'meeting'],
  ]);
});

test('other participants can be switched to; the rep never appears as the person', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
  const switches = sb.getByTestId('sidecar-person-switch');
  await expect(switches).toHaveCount(1);
  await expect(switches).toHaveText('Sam Buyer');
  await switches.click();
  await expect(sb.getByTestId('sidecar-contact-email')).toHaveText('sam@bigcorp.io');
  await expect(sb.getByText('rep@acme-sales.com')).toHaveCount(0);
});

test('a thread switch inside Gmail updates the sidebar without a reload', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
  await page.evaluate(() => ((window as any).__marker = 1));
  await spaSwitch(page, gmailFixture('thread-id.html'), '#inbox/FMfcgzQcqbVnHTPkIndonesia');
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Budi Santoso');
  expect(await page.evaluate(() => (window as any).__marker)).toBe(1);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-contact-company')).toHaveText('Tokomaju');
  // Indonesian date titles ("Sen, 7 Des 2026, 10.15") are read: each activity has its message's own time.
  await expect(sb.getByTestId('sidecar-activity')).toHaveCount(3);
  const db = await dbDump(context);
  const when = db.activities!.map((a) => {
    const d = new Date(a.at);
    return `${d.getMonth() + 1}/${d.getDate()} ${d.getHours()}:${d.getMinutes()}`;
  });
  expect(when.sort()).toEqual(['12/7 10:15', '12/7 15:2', '12/8 9:30']);
});

test('a free-mail sender gets no company', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-freemail.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  const db = await dbDump(context);
  expect(db.companies).toHaveLength(0);
  expect(db.contacts![0].companyId).toBeNull();
});

test('the sidebar does not cover the message, collapses, and remembers it', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-contact-name')).toBeVisible();
  const frame = await page.locator('iframe[data-sidecar-sidebar]').boundingBox();
  const body = await page.locator('div.a3s').first().boundingBox();
  expect(body!.x + body!.width).toBeLessThanOrEqual(frame!.x + 1);

  const toggle = page.locator('[data-sidecar-toggle]');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('iframe[data-sidecar-sidebar]')).toBeHidden();
  await page.reload();
  await expect(page.locator('[data-sidecar-toggle]')).toHaveAttribute('aria-expanded', 'false');
  await page.locator('[data-sidecar-toggle]').click();
  await expect(sb.getByTestId('sidecar-contact-name')).toBeVisible();
});

test('the inbox list shows no sidebar, and the sidebar opens on a thread view', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('inbox-modern.html'));
  await page.goto(INBOX_URL);
  await page.waitForTimeout(500);
  // Nobody on screen and nobody at the keyboard or mouse yet: the page has nothing of ours but the content script.
  await expect(page.locator('iframe[data-sidecar-sidebar]')).toHaveCount(0);
  // The rep's first move warms the frame (lib/platform/sidebar-frame.ts), hidden, and the page keeps its full width.
  await page.mouse.move(200, 300);
  await expect(page.locator('iframe[data-sidecar-sidebar]')).toBeAttached();
  await expect(page.locator('iframe[data-sidecar-sidebar]')).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.style.width)).toBe('');
  await spaSwitch(page, gmailFixture('thread-en.html'), '#inbox/FMfcgzQcqbVnHTPkWpXdMtbJsBNmqSxR');
  await expect(sidebar(page).getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
});
