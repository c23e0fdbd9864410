import type { Locator, Page } from '@playwright/test';
import { dbDump, expect, sidebar, test } from './fixtures';
import { createLeads, openDashboard } from './dashboard';
import { gmailFixture, INBOX_URL, serveGmail, THREAD_URL } from './gmail';

/** A real pointer drag: press, move past dnd-kit's 5 px activation distance, travel, release. */
async function drag(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + Math.min(80, b.height / 2), { steps: 12 });
  await page.mouse.up();
}

const column = (dash: Page, stage: string) => dash.locator(`[data-testid=sidecar-board-column][data-stage=${stage}]`);

test('a deal dragged on the board (mouse, then keyboard) shows its new stage in the open Gmail sidebar and the inbox chip', async ({ context, page }) => {
  const gmail = await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  gmail.set(gmailFixture('inbox-modern.html'));
  const inbox = await context.newPage();
  await inbox.goto(INBOX_URL);
  await expect(inbox.locator('[data-sidecar-chip]').first()).toHaveText('Contact');

  // The dashboard opens from the sidebar's header.
  const [dash] = await Promise.all([context.waitForEvent('page'), sb.getByTestId('sidecar-open-dashboard').click()]);
  const card = dash.getByTestId('sidecar-deal-card');
  await expect(column(dash, 'contact').getByTestId('sidecar-deal-card')).toHaveCount(1);
  const email = await card.getAttribute('data-contact-email');
  expect(email).toMatch(/@/);
  const dealId = (await dbDump(context)).deals![0].id;
  await expect(card).toHaveAttribute('data-deal-id', dealId);

  // Mouse: Contact → Meeting.
  await drag(dash, card, column(dash, 'meeting'));
  await expect(column(dash, 'meeting').getByTestId('sidecar-deal-card')).toHaveAttribute('data-deal-id', dealId);
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Meeting');
  await expect(inbox.locator('[data-sidecar-chip]').first()).toHaveText('Meeting');

  // Keyboard: pick up with Space, one stage right, drop with Space.
  await column(dash, 'meeting').getByTestId('sidecar-deal-card').focus();
  await dash.keyboard.press('Space');
  await dash.keyboard.press('ArrowRight');
  await dash.keyboard.press('Space');
  await expect(column(dash, 'proposal').getByTestId('sidecar-deal-card')).toHaveAttribute('data-deal-id', dealId);
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Proposal');
  await expect(inbox.locator('[data-sidecar-chip]').first()).toHaveText('Proposal');

  // The moves went through the sidebar's own service: history and activities recorded.
  const db = await dbDump(context);
  expect(db.stageChanges!.map((c) => [c.fromStageId, c.toStageId])).toEqual([
    [null, 'contact'],
    ['contact', 'meeting'],
    ['meeting', 'proposal'],
  ]);
  expect(db.activities!.filter((a) => a.kind === 'stage_change')).toHaveLength(2);

  // Lost asks for the reason, as the sidebar does.
  await drag(dash, column(dash, 'proposal').getByTestId('sidecar-deal-card'), dash.getByTestId('sidecar-board-lost'));
  await dash.getByTestId('sidecar-lost-reason').selectOption('Chose a competitor');
  await dash.getByTestId('sidecar-lost-confirm').click();
  await expect(dash.getByTestId('sidecar-deal-card')).toHaveCount(0);
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Lost');
  expect((await dbDump(context)).deals![0]).toMatchObject({ status: 'lost', lostReason: 'Chose a competitor' });
});

test('the board applies the stage gates with the sidebar’s explanation, and Won closes by keyboard', async ({ context, page, extensionId }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const row = options.getByTestId('sidecar-stage-row').nth(2);
  for (const f of ['budget', 'need']) await row.getByTestId(`sidecar-stage-gate-${f}`).check();
  await options.getByTestId('sidecar-stages-save').click();
  await expect(options.getByRole('status').filter({ hasText: 'Saved' }).last()).toBeVisible();

  const dash = await openDashboard(context, extensionId);
  await drag(dash, dash.getByTestId('sidecar-deal-card'), column(dash, 'meeting'));
  await expect(dash.getByTestId('sidecar-gate-missing')).toContainText('Before Meeting, these must be known: Budget, Need.');
  await expect(column(dash, 'contact').getByTestId('sidecar-deal-card')).toHaveCount(1);
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');

  // Keyboard to Won: from Contact, right past every stage (6) onto Won.
  await dash.getByTestId('sidecar-deal-card').focus();
  await dash.keyboard.press('Enter');
  for (let i = 0; i < 6; i++) await dash.keyboard.press('ArrowRight');
  await dash.keyboard.press('Enter');
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Won');
  await expect(dash.getByTestId('sidecar-deal-card')).toHaveCount(0);
});

// A column draws its first 30 cards (each is a draggable that renders again at every pick-up and drop); the rest
// come on request, and the keyboard goes on to the first card drawn.
test('a full column draws its first cards and the rest on request', async ({ context, extensionId }) => {
  const dash = await openDashboard(context, extensionId);
  await createLeads(dash, 33);
  const cards = column(dash, 'contact').getByTestId('sidecar-deal-card');
  await expect(cards).toHaveCount(30);
  await expect(column(dash, 'contact')).toContainText('33 deals');
  const more = column(dash, 'contact').getByTestId('sidecar-board-more');
  await expect(more).toHaveText('Show 3 more');
  await more.focus();
  await dash.keyboard.press('Enter');
  await expect(cards).toHaveCount(33);
  await expect(more).toHaveCount(0);
  await expect(cards.nth(30)).toBeFocused();
});
