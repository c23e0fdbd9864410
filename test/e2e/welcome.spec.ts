import type { BrowserContext, Page } from '@playwright/test';
import { dbDump, expect, launchWithExtension, sidebar, test as base } from './fixtures';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';

// The welcome page opens by itself on a first install: these tests keep it.
const test = base.extend<{ welcome: Page }>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const context = await launchWithExtension({ keepWelcome: true });
    await use(context);
    await context.close();
  },
  welcome: async ({ context }, use) => {
    await expect.poll(() => context.pages().some((p) => p.url().includes('/welcome.html')), { timeout: 15_000 }).toBe(true);
    await use(context.pages().find((p) => p.url().includes('/welcome.html'))!);
  },
});

const app = async (context: BrowserContext) => (await dbDump(context)).settings?.find((r) => r.key === 'app')?.value;

test('a first install opens the welcome page; its choices are saved as they are made and used at once', async ({ context, welcome }) => {
  await expect(welcome.getByRole('heading', { level: 1 })).toHaveText('Welcome to Sidecar CRM');
  // The rep sells in rupiah and works in Indonesian.
  await welcome.getByTestId('sidecar-welcome-language').selectOption('id');
  await expect(welcome.getByRole('heading', { level: 1 })).toHaveText('Selamat datang di Sidecar CRM');
  await welcome.getByTestId('sidecar-welcome-currency').selectOption('IDR');
  // Their own address, added and confirmed here.
  await welcome.getByTestId('sidecar-my-address-input').fill('Rep@Acme-Sales.com');
  await welcome.getByTestId('sidecar-my-address-add').click();
  await expect(welcome.getByTestId('sidecar-my-address')).toHaveAttribute('data-email', 'rep@acme-sales.com');
  await welcome.getByTestId('sidecar-my-address-input').fill('not an address');
  await welcome.getByTestId('sidecar-my-address-add').click();
  await expect(welcome.getByText('Itu bukan alamat email.')).toBeVisible();
  await expect.poll(async () => (await app(context))?.currency).toBe('IDR');
  expect(await app(context)).toMatchObject({ language: 'id', currency: 'IDR', myAddresses: ['rep@acme-sales.com'], sidePanel: false });

  // A Gmail thread now reads in Indonesian, and a new deal is in rupiah.
  await serveGmail(context, gmailFixture('thread-en.html'));
  // Done takes the rep to Gmail in the same tab.
  await welcome.getByTestId('sidecar-welcome-done').click();
  await welcome.waitForURL(/^https:\/\/mail\.google\.com\//);
  const page = await context.newPage();
  await page.goto(THREAD_URL);
  await sidebar(page).getByTestId('sidecar-create-contact').click();
  await expect(sidebar(page).getByTestId('sidecar-stage')).toHaveText('Kontak');
  expect((await dbDump(context)).deals![0].currency).toBe('IDR');
});

test('accounts a page reports are only proposed; the rep confirms or dismisses them on the welcome page', async ({ context, welcome }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  const mail = await context.newPage();
  await mail.goto(THREAD_URL);
  // The first account seen is the rep's.
  await expect.poll(async () => (await app(context))?.myAddresses).toEqual(['rep@acme-sales.com']);
  // A page script renaming the account many times only proposes.
  for (let i = 0; i < 3; i++) {
    await mail.evaluate((i) => {
      document.title = `Inbox - fake${i}@evil.example - Gmail`;
      document.body.append(document.createElement('div'));
    }, i);
    await expect.poll(async () => (await app(context))?.proposedAddresses.length, { timeout: 10_000 }).toBe(i + 1);
  }
  expect((await app(context)).myAddresses).toEqual(['rep@acme-sales.com']);

  // The sidebar asks about the newest; "Not mine" drops it.
  const ask = sidebar(mail).getByTestId('sidecar-proposed-address');
  await expect(ask).toHaveAttribute('data-email', 'fake2@evil.example');
  await ask.getByTestId('sidecar-proposed-address-dismiss').click();
  await expect(ask).toHaveAttribute('data-email', 'fake1@evil.example');

  await welcome.reload();
  await expect(welcome.getByTestId('sidecar-proposed-address')).toHaveCount(2);
  await welcome.locator('[data-testid=sidecar-proposed-address][data-email="fake0@evil.example"]').getByTestId('sidecar-proposed-address-dismiss').click();
  await welcome.locator('[data-testid=sidecar-proposed-address][data-email="fake1@evil.example"]').getByTestId('sidecar-proposed-address-confirm').click();
  await expect(welcome.getByTestId('sidecar-proposed-address')).toHaveCount(0);
  await expect.poll(async () => (await app(context))?.myAddresses).toEqual(['rep@acme-sales.com', 'fake1@evil.example']);
  await expect(ask).toHaveCount(0);
  await welcome.locator('[data-testid=sidecar-my-address][data-email="fake1@evil.example"]').getByTestId('sidecar-my-address-remove').click();
  await expect.poll(async () => (await app(context))?.myAddresses).toEqual(['rep@acme-sales.com']);
  expect((await app(context)).proposedAddresses).toEqual([]);
});

test('the sample pipeline is one click from the welcome page, and opens the board', async ({ context, welcome }) => {
  const [dash] = await Promise.all([context.waitForEvent('page'), welcome.getByTestId('sidecar-welcome-sample').click()]);
  await dash.waitForURL(/\/dashboard\.html#board$/);
  await expect(dash.getByTestId('sidecar-deal-card').first()).toBeVisible();
  expect((await dbDump(context)).contacts!.every((c) => c.id.startsWith('sample-'))).toBe(true);
});
