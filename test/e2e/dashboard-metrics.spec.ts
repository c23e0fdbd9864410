import { expect, test } from './fixtures';
import { openDashboard, seedBeneathDexie } from './dashboard';

const DAY = 86_400_000;

test('metrics on a seeded pipeline equal the figures worked out by hand', async ({ context, extensionId }) => {
  // Open the dashboard once first: the database exists (version 3) before it is seeded.
  const first = await openDashboard(context, extensionId);
  await expect(first.getByTestId('sidecar-sample-data')).toBeVisible();
  await first.close();

  const T0 = Date.now() - 60 * DAY;
  const day = (n: number) => T0 + n * DAY;
  const base = { updatedAt: T0, deletedAt: null };
  const contact = (id: string, name: string) => ({ ...base, id, createdAt: T0, name, emails: [`${id}@example.com`], title: null, headline: null, location: null, companyId: null, linkedinUrl: null, photoUrl: null });
  const deal = (id: string, created: number, status: string, stageId: string, dollars: number, closed: number | null, lostReason: string | null = null) => ({
    ...base, id: `d-${id}`, contactId: id, companyId: null, title: id, stageId, stageEnteredAt: day(created), status, valueMinor: dollars * 100, currency: 'USD', owner: null,
    expectedCloseAt: null, closedAt: closed === null ? null : day(closed), lostReason, bant: null, leadSource: null, createdAt: day(created),
  });
  let n = 0;
  const moves = (id: string, path: [number, string][], close?: [number, string]) => {
    const out: object[] = [];
    let from: string | null = null;
    for (const [d, to] of path) {
      out.push({ id: `sc-${n++}`, dealId: `d-${id}`, fromStageId: from, toStageId: to, status: 'open', at: day(d), reason: null, createdAt: day(d) });
      from = to;
    }
    if (close) out.push({ id: `sc-${n++}`, dealId: `d-${id}`, fromStageId: from, toStageId: from, status: close[1], at: day(close[0]), reason: null, createdAt: day(close[0]) });
    return out;
  };
  await seedBeneathDexie(context, {
    contacts: ['a', 'b', 'c', 'd', 'e'].map((id) => contact(id, id.toUpperCase())),
    deals: [
      deal('a', 0, 'won', 'meeting', 1000, 10),
      deal('b', 1, 'lost', 'qualification', 500, 7, 'No budget'),
      deal('c', 2, 'won', 'proposal', 3000, 22),
      deal('d', 3, 'open', 'contact', 200, null),
      deal('e', 4, 'open', 'meeting', 800, null),
    ],
    stageChanges: [
      ...moves('a', [[0, 'contact'], [2, 'qualification'], [5, 'meeting']], [10, 'won']),
      ...moves('b', [[1, 'contact'], [4, 'qualification']], [7, 'lost']),
      ...moves('c', [[2, 'contact'], [3, 'qualification'], [6, 'meeting'], [8, 'proposal']], [22, 'won']),
      ...moves('d', [[3, 'contact']]),
      ...moves('e', [[4, 'contact'], [5, 'qualification'], [9, 'meeting']]),
    ],
  });

  const dash = await openDashboard(context, extensionId);
  await dash.getByTestId('sidecar-metric-period').selectOption('all');
  const value = async (id: string) => Number(await dash.getByTestId(`sidecar-metric-${id}`).getAttribute('data-value'));
  await expect(dash.getByTestId('sidecar-metric-leads')).toHaveAttribute('data-value', '5');
  // By hand: A (won, reached Meeting), C (won) and E (in Meeting) got past Qualification; B and D did not.
  expect(await value('qualified')).toBe(3);
  // Won A $1,000 and C $3,000: average $2,000.
  expect(await value('avg-deal')).toBe(2000);
  await expect(dash.getByTestId('sidecar-metric-avg-deal')).toContainText('$2,000');
  // Cycle: A 10 days, C 20 days → mean 15 (median 15). Lifetime: A 10, B 6, C 20 → mean 12, median 10.
  expect(await value('cycle-days')).toBeCloseTo(15, 6);
  expect(await value('lifetime-days')).toBeCloseTo(12, 6);
  await expect(dash.getByTestId('sidecar-metric-lifetime-days').locator('..')).toContainText('median 10');
  // 2 won of 3 closed.
  expect(await value('close-rate')).toBeCloseTo(2 / 3, 9);
  // Velocity: 2 open × 2/3 × $2,000 ÷ 15 days ≈ $177.78 a day.
  expect(await value('velocity')).toBeCloseTo((2 * (2 / 3) * 2000) / 15, 6);
  await expect(dash.getByTestId('sidecar-metric-velocity')).toContainText('$177.78');

  // Last 90 days: every one of these deals (created 56-60 days ago) is inside it.
  await dash.getByTestId('sidecar-metric-period').selectOption('90d');
  await expect(dash.getByTestId('sidecar-metric-leads')).toHaveAttribute('data-value', '5');

  // The calculator starts from these figures: $2,000 average, 66.7% close rate.
  await expect(dash.getByTestId('sidecar-calc-avg-deal')).toHaveValue('2000');
  await expect(dash.getByTestId('sidecar-calc-close-rate')).toHaveValue('66.7');
});

test('the size calculator reproduces the method’s worked example', async ({ context, extensionId }) => {
  const dash = await openDashboard(context, extensionId);
  await dash.getByTestId('sidecar-calc-target').fill('100000');
  await dash.getByTestId('sidecar-calc-avg-deal').fill('500');
  await dash.getByTestId('sidecar-calc-close-rate').fill('80');
  await dash.getByTestId('sidecar-calc-reps').fill('10');
  await expect(dash.getByTestId('sidecar-calc-deals')).toHaveAttribute('data-value', '200');
  await expect(dash.getByTestId('sidecar-calc-deals')).toContainText('200');
  await expect(dash.getByTestId('sidecar-calc-leads')).toHaveAttribute('data-value', '250');
  await expect(dash.getByTestId('sidecar-calc-leads')).toContainText('250');
  await expect(dash.getByTestId('sidecar-calc-per-rep')).toHaveAttribute('data-value', '25');
  await expect(dash.getByTestId('sidecar-calc-per-rep')).toContainText('25');
  await expect(dash.getByTestId('sidecar-calc-compare')).toHaveText('You have 0 open leads; you need 250 more.');
});
