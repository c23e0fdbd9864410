import { dbDump, expect, sidebar, test } from './fixtures';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';

test('a scoring rule edit in options re-scores the lead in the sidebar at once; bad config is refused whole', async ({ context, page, extensionId }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.locator('[data-rule="fit.companyDomain"]')).toHaveAttribute('data-points', '10');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('sidecar-fit-points-companyDomain').fill('25');
  await options.getByTestId('sidecar-scoring-save').click();
  await expect(sb.locator('[data-rule="fit.companyDomain"]')).toHaveAttribute('data-points', '25');

  await options.getByTestId('sidecar-threshold').fill('0');
  await options.getByTestId('sidecar-fit-points-companyDomain').fill('5');
  await options.getByTestId('sidecar-scoring-save').click();
  await expect(options.getByRole('alert')).toContainText('threshold');
  // Nothing half-saved: the valid edit next to the bad one did not land either.
  await expect(sb.locator('[data-rule="fit.companyDomain"]')).toHaveAttribute('data-points', '25');
  const stored = (await dbDump(context)).settings!.find((r) => r.key === 'app').value;
  expect(stored.scoring.fit.companyDomain).toBe(25);
  expect(stored.scoring.threshold).toBe(60);
});

test('trigger phrases are validated: an empty rule is refused with a clear error', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('sidecar-trigger-phrases-demo_request').fill('');
  await options.getByTestId('sidecar-triggers-save').click();
  await expect(options.getByRole('alert')).toContainText('Not saved');
  const app = ((await dbDump(context)).settings ?? []).find((r) => r.key === 'app');
  expect(!app || app.value.triggers.find((r: any) => r.kind === 'demo_request').phrases.length > 0).toBe(true);
});

test('what converts shows win rates from the rep’s own won and lost deals', async ({ context, page, extensionId }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  await expect(sidebar(page).getByTestId('sidecar-contact-name')).toBeVisible();
  // Sent from an extension tab: a frame inside the site tab needs the secret only Sidecar's own frame holds.
  const frame = await context.newPage();
  await frame.goto(`chrome-extension://${extensionId}/popup.html`);
  // Twelve closed deals: company-domain leads mostly won, free-mail leads mostly lost.
  await frame.evaluate(async () => {
    const send = (m: unknown) => (globalThis as any).chrome.runtime.sendMessage(m);
    for (let i = 0; i < 12; i++) {
      const free = i % 2 === 0;
      const r = await send({ type: 'ui/create-person', person: { name: `Lead ${i}`, email: free ? `lead${i}@gmail.com` : `lead${i}@firm${i}.com` } });
      const view = await new Promise<any>((resolve) => {
        const port = (globalThis as any).chrome.runtime.connect({ name: 'sidecar-live' });
        port.onMessage.addListener((m: any) => {
          port.disconnect();
          resolve(m.data);
        });
        port.postMessage({ op: 'sub', id: 1, query: { name: 'contact', contactId: r.data.contactId } });
      });
      const won = free ? i === 0 : i !== 1;
      await send({ type: 'ui/close-deal', dealId: view.deal.id, outcome: won ? 'won' : 'lost', reason: won ? null : 'No budget' });
    }
  });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const row = options.locator('[data-testid=sidecar-converts] tr[data-attribute=companyDomain]');
  await expect(row).toContainText('83% / 17%');
  await expect(row).toContainText('12');
  await row.getByTestId('sidecar-converts-adopt').click();
  await expect.poll(async () => (await dbDump(context)).settings!.find((r) => r.key === 'app').value.scoring.fit.companyDomain).toBe(13);
});

test('a half-life edit in options reaches the background: the stored engagement weights are rebuilt with it', async ({ context, page, extensionId }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  await sidebar(page).getByTestId('sidecar-create-contact').click();
  await expect(sidebar(page).getByTestId('sidecar-stage')).toBeVisible();
  const weights = async () => ((await dbDump(context)).summaries ?? []).map((s: any) => s.engagement);
  await expect.poll(async () => (await weights()).length).toBeGreaterThan(0);
  const before = await weights();
  expect(before.every((w: any) => w.halfLifeDays === 30)).toBe(true);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('sidecar-halflife').fill('2');
  await options.getByTestId('sidecar-scoring-save').click();
  await expect.poll(async () => (await weights()).map((w: any) => w.halfLifeDays)).toEqual(before.map(() => 2));
  // Days-old email: with a 2-day half-life its weight is far below what it was with 30 days.
  const after = await weights();
  const sum = (w: any) => Object.values(w.weights as Record<string, number>).reduce((a, b) => a + b, 0);
  expect(sum(after[0])).toBeLessThan(sum(before[0]));
});
