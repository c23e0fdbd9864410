import { dbDump, expect, sidebar, sidebarFrame, test } from './fixtures';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';
import { threadCrowd } from './variants';

const HOSTILE_NAME = '<img src=x onerror="window.__pwned=1">';

test('a sender name that is HTML is shown literally and runs nothing', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-hostile.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText(HOSTILE_NAME);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText(HOSTILE_NAME);
  const frame = await sidebarFrame(page);
  expect(await frame.evaluate(() => document.querySelectorAll('img, [onerror]').length)).toBe(0);
  expect(await frame.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  const db = await dbDump(context);
  expect(db.contacts![0].name).toBe(HOSTILE_NAME);
  expect(db.contacts![0].emails).toEqual(['evil@attacker.test']);
});

test('half-rendered markup: no exception escapes, the sidebar shows what it can', async ({ context, page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await serveGmail(context, gmailFixture('thread-broken.html'));
  await page.goto(THREAD_URL);
  await expect(sidebar(page).getByTestId('sidecar-contact-name')).toBeVisible();
  await page.waitForTimeout(500);
  expect(errors).toEqual([]);
  expect((await dbDump(context)).contacts ?? []).toHaveLength(0);
});

test('a strict page CSP does not stop the sidebar, the chips or the logging', async ({ context, page }) => {
  const csp = "default-src 'none'; script-src 'none'; style-src 'none'; img-src 'none'; frame-src 'none'; child-src 'none'";
  await serveGmail(context, { html: gmailFixture('thread-en.html'), headers: { 'content-security-policy': csp } });
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-activity')).toHaveCount(3);
  const frame = await page.locator('iframe[data-sidecar-sidebar]').boundingBox();
  expect(frame!.width).toBeGreaterThan(300);
});

test('the background refuses forged and malformed messages and changes nothing', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  await expect(sidebar(page).getByTestId('sidecar-contact-name')).toBeVisible();
  const frame = await sidebarFrame(page);
  const replies = await frame.evaluate(async () => {
    const send = (m: unknown) => (globalThis as any).chrome.runtime.sendMessage(m);
    return Promise.all([
      // A content-script message from an extension page: wrong sender.
      send({ type: 'cs/chips', emails: ['dana@bigcorp.io'] }),
      send({ type: 'ui/create-person', person: { name: 'X', email: 'not an email' } }),
      send({ type: 'ui/nope' }),
      send('hello'),
      send({ type: 'ui/move-stage', dealId: '' }),
    ]);
  });
  expect(replies.map((r: any) => r.ok === false && r.error.code)).toEqual(['forbidden', 'bad_request', 'bad_request', 'bad_request', 'bad_request']);
  const db = await dbDump(context);
  expect(db.contacts ?? []).toHaveLength(0);
  expect(db.deals ?? []).toHaveLength(0);
});

test('a thread with thousands of other people still shows its person, and a query over its limits is answered with an error, never left hanging', async ({ context, page }) => {
  await serveGmail(context, threadCrowd(10_000));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-create-contact')).toBeVisible({ timeout: 15_000 });
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');

  // Straight on the live port, from the sidebar's own frame: a query over its caps gets an error reply.
  const frame = await sidebarFrame(page);
  const reply = await frame.evaluate(
    (port) =>
      new Promise<unknown>((resolve) => {
        const p = (globalThis as any).chrome.runtime.connect({ name: port });
        p.onMessage.addListener((m: unknown) => resolve(m));
        p.postMessage({ op: 'sub', id: 4242, query: { name: 'people', emails: Array.from({ length: 501 }, (_, i) => `p${i}@x.example`) } });
      }),
    'sidecar-live',
  );
  expect(reply).toEqual({ op: 'error', id: 4242, message: 'invalid_query' });
});

test('a copy of the sidebar the page embeds itself can be clicked, but changes nothing; the genuine one still works', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  await expect(sidebar(page).getByTestId('sidecar-create-contact')).toBeVisible();
  // The page reads the frame's session address and places its own copy (as a clickjacking page would, but visible here).
  await page.evaluate(() => {
    const src = document.querySelector<HTMLIFrameElement>('iframe[data-sidecar-sidebar]')!.src;
    const copy = document.createElement('iframe');
    copy.src = src;
    copy.id = 'copy';
    Object.assign(copy.style, { position: 'fixed', left: '0', top: '0', width: '340px', height: '600px', zIndex: '2147483647', background: '#fff' });
    document.body.append(copy);
  });
  const copy = page.frameLocator('#copy');
  await copy.getByTestId('sidecar-create-contact').click();
  await expect(copy.getByTestId('sidecar-command-error')).toBeVisible();
  expect((await dbDump(context)).contacts ?? []).toHaveLength(0);

  await page.evaluate(() => document.getElementById('copy')!.remove());
  await sidebar(page).getByTestId('sidecar-create-contact').click();
  await expect(sidebar(page).getByTestId('sidecar-stage')).toHaveText('Contact');
  expect((await dbDump(context)).contacts).toHaveLength(1);
});

test('the genuine sidebar dimmed by the page to near-invisible does nothing on a click; seen again, it works', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-create-contact')).toBeVisible();
  // The page dims Sidecar's own frame (it may style the element it lives in), as a click-jacking page would.
  const frame = page.locator('iframe[data-sidecar-sidebar]');
  await frame.evaluate((el) => (el.style.opacity = '0.02'));
  // The platform reports the change within its 100 ms; the click comes after it (a page has that long at most).
  await expect(sb.locator('html')).toHaveAttribute('data-sidecar-seen', 'false');
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-command-error')).toContainText('covered or made see-through');
  expect((await dbDump(context)).contacts ?? []).toHaveLength(0);

  await frame.evaluate((el) => (el.style.opacity = ''));
  // IntersectionObserver v2 reports the change after its delay; the rep's retry then goes through.
  await expect(async () => {
    await sb.getByTestId('sidecar-create-contact').click({ timeout: 1000 });
    await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact', { timeout: 1000 });
  }).toPass();
  expect((await dbDump(context)).contacts).toHaveLength(1);
});
