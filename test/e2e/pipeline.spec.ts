import type { BrowserContext, Page } from '@playwright/test';
import { dbDump, expect, sidebar, test } from './fixtures';
import { gmailFixture, INBOX_URL, serveGmail, THREAD_URL } from './gmail';

async function danaKnown(context: BrowserContext, page: Page) {
  const gmail = await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  return { gmail, sb };
}

/** Dana's contact made from her thread, with the sidebar in the rep's language (its first stage's name given). */
async function danaKnownIn(context: BrowserContext, page: Page, firstStage: string) {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText(firstStage);
  return { sb };
}

async function openOptions(context: BrowserContext, extensionId: string) {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  return options;
}

test('BANT edited in the Gmail sidebar persists and gates a stage move with an explanation', async ({ context, page, extensionId }) => {
  const { sb } = await danaKnown(context, page);
  // Gate: no Qualification before Budget, Authority and Need are known.
  const options = await openOptions(context, extensionId);
  const row = options.getByTestId('sidecar-stage-row').nth(1);
  for (const f of ['budget', 'authority', 'need']) await row.getByTestId(`sidecar-stage-gate-${f}`).check();
  await options.getByTestId('sidecar-stages-save').click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' }).last()).toBeVisible();

  await expect(sb.getByTestId('sidecar-bant-complete')).toContainText('0');
  await sb.getByTestId('sidecar-advance-stage').click();
  await expect(sb.getByTestId('sidecar-gate-missing')).toHaveText('Before Qualification, these must be known: Budget, Authority, Need.');
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');

  await sb.getByTestId('sidecar-bant-budget').selectOption('yes');
  await sb.getByTestId('sidecar-bant-budget-amount').fill('1500');
  await sb.getByTestId('sidecar-bant-budget-amount').press('Enter');
  await sb.getByTestId('sidecar-bant-authority').selectOption('partial');
  await sb.getByTestId('sidecar-bant-authority-text').fill('Sam signs off above $1,500');
  await sb.getByTestId('sidecar-bant-authority-text').press('Enter');
  await expect(sb.getByTestId('sidecar-bant-complete')).toContainText('2');
  await sb.getByTestId('sidecar-advance-stage').click();
  await expect(sb.getByTestId('sidecar-gate-missing')).toContainText('Need');
  await sb.getByTestId('sidecar-bant-need').selectOption('yes');
  await sb.getByTestId('sidecar-bant-need-evidence').selectOption({ index: 1 });
  await expect(sb.getByTestId('sidecar-bant-need-cited')).toContainText('Pricing for 50 seats');
  await expect(sb.getByTestId('sidecar-bant-complete')).toContainText('3');
  await sb.getByTestId('sidecar-advance-stage').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Qualification');

  // Persisted: a reload shows the same answers.
  await page.reload();
  await expect(sidebar(page).getByTestId('sidecar-bant-budget')).toHaveValue('yes');
  await expect(sidebar(page).getByTestId('sidecar-bant-authority-text')).toHaveValue('Sam signs off above $1,500');
  const deal = (await dbDump(context)).deals![0];
  expect(deal.bant.budget).toMatchObject({ state: 'yes', amountMinor: 150000, currency: 'USD' });
  expect(deal.bant.need.evidence).toMatchObject({ kind: 'email' });
  expect(deal.bant.need.evidence.sourceId).toMatch(/^msg-f:/);
});

test('a stage rename in options shows in the sidebar and in inbox chips at once', async ({ context, page, extensionId }) => {
  const { gmail, sb } = await danaKnown(context, page);
  gmail.set(gmailFixture('inbox-modern.html'));
  const inbox = await context.newPage();
  await inbox.goto(INBOX_URL);
  await expect(inbox.locator('[data-sidecar-chip]').first()).toHaveText('Contact');

  const options = await openOptions(context, extensionId);
  await options.getByTestId('sidecar-stage-name').first().fill('Lead');
  await options.getByTestId('sidecar-stages-save').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Lead');
  await expect(inbox.locator('[data-sidecar-chip]')).toHaveText(['Lead', 'Lead']);
});

test('removing a stage that holds deals asks where they go; Won and Lost close from any stage', async ({ context, page, extensionId }) => {
  const { sb } = await danaKnown(context, page);
  const options = await openOptions(context, extensionId);
  await options.getByTestId('sidecar-stage-remove').first().click();
  await options.getByTestId('sidecar-stages-save').click();
  await expect(options.getByTestId('sidecar-stage-move-target')).toBeVisible();
  expect((await dbDump(context)).deals![0].stageId).toBe('contact');
  await options.getByTestId('sidecar-stage-move-target').selectOption('meeting');
  await options.getByTestId('sidecar-stages-save').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Meeting');
  let db = await dbDump(context);
  expect(db.deals![0].stageId).toBe('meeting');
  expect(db.stageChanges!.some((c) => c.fromStageId === 'contact' && c.toStageId === 'meeting' && c.reason === 'stage removed')).toBe(true);

  await sb.getByTestId('sidecar-deal-lost').click();
  await sb.getByTestId('sidecar-lost-reason').selectOption('Chose a competitor');
  await sb.getByTestId('sidecar-lost-confirm').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Lost');
  db = await dbDump(context);
  expect(db.deals![0]).toMatchObject({ status: 'lost', lostReason: 'Chose a competitor' });
  await sb.getByTestId('sidecar-deal-reopen').click();
  await sb.getByTestId('sidecar-deal-won').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Won');
  const history = (await dbDump(context)).stageChanges!.map((c) => c.status);
  expect(history.filter((s) => s === 'lost')).toHaveLength(1);
  expect(history.filter((s) => s === 'won')).toHaveLength(1);
});

test('a deal value typed as a rep says it (50jt, 1,5 M, 1.5M) is read in the rep’s language and shown back in the currency’s format', async ({ context, page, extensionId }) => {
  const options = await openOptions(context, extensionId);
  await options.getByTestId('sidecar-option-currency').selectOption('IDR');
  await options.getByTestId('sidecar-option-language').selectOption('id');
  await expect(options.locator('h1')).toHaveText('Pengaturan Sidecar CRM');
  const { sb } = await danaKnownIn(context, page, 'Kontak');
  const value = sb.getByTestId('sidecar-deal-value');
  await value.fill('50jt');
  await value.press('Enter');
  await expect(value).toHaveValue('50.000.000');
  await expect.poll(async () => (await dbDump(context)).deals?.[0]?.valueMinor).toBe(50_000_000);
  expect((await dbDump(context)).deals![0].currency).toBe('IDR');

  // "M" is miliar to an Indonesian rep...
  await value.fill('1,5 M');
  await value.press('Enter');
  await expect(value).toHaveValue('1.500.000.000');
  await expect.poll(async () => (await dbDump(context)).deals![0].valueMinor).toBe(1_500_000_000);

  // ...a word that is no amount changes nothing and says why.
  await value.fill('lima');
  await value.press('Enter');
  await expect(sb.getByText('Jumlah itu tidak terbaca: tulis seperti 1500, 50jt atau 1,5 M.')).toBeVisible();
  expect((await dbDump(context)).deals![0].valueMinor).toBe(1_500_000_000);

  // ...and million to an English one.
  await options.getByTestId('sidecar-option-language').selectOption('en');
  await value.fill('1.5M');
  await value.press('Enter');
  await expect(value).toHaveValue('1,500,000');
  await expect.poll(async () => (await dbDump(context)).deals![0].valueMinor).toBe(1_500_000);
});
