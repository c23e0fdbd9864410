import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { commander, openDashboard, seedBeneathDexie } from './dashboard';

// Deal owners without a sync server: deals seeded with the rep's address (in settings) and a teammate's, and one
// with none (made before the account was known: it counts as the rep's, as People & deals counts it).
const DAY = 86_400_000;
const T0 = Date.now() - 20 * DAY;
const REP = 'rep@acme-sales.com';
const KIM = 'kim@acme-sales.com';
const base = { createdAt: T0, updatedAt: T0, deletedAt: null };
const contact = (id: string) => ({
  ...base, id, name: id[0]!.toUpperCase() + id.slice(1), emails: [`${id}@example.com`], title: null, headline: null, location: null, companyId: null, linkedinUrl: null, photoUrl: null,
});
const deal = (id: string, owner: string | null, stageId: string, status: 'open' | 'won' | 'lost', dollars: number) => ({
  ...base, id: `d-${id}`, contactId: id, companyId: null, title: id, stageId, stageEnteredAt: T0, status, valueMinor: dollars * 100, currency: 'USD', owner,
  expectedCloseAt: null, closedAt: status === 'open' ? null : T0 + 5 * DAY, lostReason: status === 'lost' ? 'No budget' : null, bant: null, leadSource: null,
});
// The nudge the engine makes for these open deals (never followed up), under its own id, so a pass leaves it be.
const nudge = (id: string) => ({
  id: `never_followed_up:${id}:${T0}`, kind: 'never_followed_up', contactId: id, dealId: `d-${id}`,
  why: { key: 'nudge.why.neverFollowedUp', params: { days: 1, since: T0 } }, dueAt: T0 + DAY, priority: 2,
});

const owner = (page: Page, view: string) => page.locator(`[data-testid=sidecar-owner-filter][data-view=${view}]`);
const cards = (dash: Page, stage: string) => dash.locator(`[data-testid=sidecar-board-column][data-stage=${stage}] [data-testid=sidecar-deal-card]`);

test('the board, the metrics and the popup’s nudges show everyone’s deals, mine or my teammates’', async ({ context, extensionId }) => {
  const first = await openDashboard(context, extensionId);
  await expect(first.getByTestId('sidecar-sample-data')).toBeVisible();
  expect((await commander(first)({ type: 'ui/update-settings', patch: { myAddresses: [REP] } })).ok).toBe(true);
  await first.close();
  await seedBeneathDexie(context, {
    contacts: ['mia', 'ida', 'una', 'tom', 'tia'].map(contact),
    deals: [deal('mia', REP, 'contact', 'open', 100), deal('ida', REP, 'meeting', 'won', 1000), deal('una', null, 'contact', 'open', 50), deal('tom', KIM, 'proposal', 'open', 300), deal('tia', KIM, 'meeting', 'lost', 700)],
    nudges: ['mia', 'una', 'tom'].map(nudge),
  });

  const dash = await openDashboard(context, extensionId);
  // Board: everyone's at first.
  const board = owner(dash, 'board');
  await expect(board).toHaveValue('all');
  await expect(cards(dash, 'contact')).toHaveCount(2);
  await expect(cards(dash, 'proposal')).toHaveCount(1);
  // A labelled native select, reached and changed from the keyboard.
  await expect(dash.locator('#board').getByRole('combobox', { name: 'Owner' })).toHaveAttribute('data-view', 'board');
  await board.focus();
  await expect(board).toBeFocused();
  await board.selectOption('mine');
  await expect(cards(dash, 'proposal')).toHaveCount(0);
  await expect(cards(dash, 'contact')).toHaveCount(2);
  await expect(dash.locator('[data-testid=sidecar-board-column][data-stage=contact]')).toContainText('$150');
  await board.selectOption('team');
  await expect(cards(dash, 'contact')).toHaveCount(0);
  await expect(cards(dash, 'proposal')).toHaveCount(1);
  await expect(dash.locator('[data-testid=sidecar-board-column][data-stage=proposal]')).toContainText('$300');
  // The board's choice is its own: the metrics still count everyone.
  const leads = dash.getByTestId('sidecar-metric-leads');
  const closeRate = dash.getByTestId('sidecar-metric-close-rate');
  await dash.getByTestId('sidecar-metric-period').selectOption('all');
  await expect(leads).toHaveAttribute('data-value', '5');
  await expect(closeRate).toHaveAttribute('data-value', '0.5');

  // Metrics over the chosen owner's deals: mine are Mia, Ida (won) and Una (no owner); Kim's Tom and Tia (lost).
  const metrics = owner(dash, 'metrics');
  await expect(dash.locator('#metrics').getByRole('combobox', { name: 'Owner' })).toHaveAttribute('data-view', 'metrics');
  await metrics.selectOption('mine');
  await expect(leads).toHaveAttribute('data-value', '3');
  await expect(closeRate).toHaveAttribute('data-value', '1');
  await expect(dash.getByTestId('sidecar-metric-avg-deal')).toHaveAttribute('data-value', '1000');
  await metrics.selectOption('team');
  await expect(leads).toHaveAttribute('data-value', '2');
  await expect(closeRate).toHaveAttribute('data-value', '0');
  await metrics.selectOption('all');
  await expect(leads).toHaveAttribute('data-value', '5');
  // People & deals keeps its own Owner filter.
  await expect(dash.getByTestId('sidecar-people-filter-owner')).toHaveValue('all');

  // The popup's nudge list.
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html`);
  const emails = () => popup.getByTestId('sidecar-nudge').evaluateAll((els) => els.map((e) => e.getAttribute('data-contact-email')).sort());
  const choice = owner(popup, 'nudges');
  await expect(choice).toHaveValue('all');
  await expect.poll(emails).toEqual(['mia@example.com', 'tom@example.com', 'una@example.com']);
  await expect(popup.getByRole('combobox', { name: 'Owner' })).toHaveAttribute('data-view', 'nudges');
  await choice.focus();
  await expect(choice).toBeFocused();
  await choice.selectOption('mine');
  await expect.poll(emails).toEqual(['mia@example.com', 'una@example.com']);
  await choice.selectOption('team');
  await expect.poll(emails).toEqual(['tom@example.com']);
  await choice.selectOption('all');
  await expect.poll(emails).toHaveLength(3);
});
