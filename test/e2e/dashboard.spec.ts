import { expect, test } from './fixtures';
import { dashboardUrl, openDashboard } from './dashboard';

test('the dashboard opens from the options page and shows every section at once, one board column per stage', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const [dash] = await Promise.all([context.waitForEvent('page'), options.getByTestId('sidecar-open-dashboard').click()]);
  await dash.waitForLoadState();
  expect(dash.url()).toBe(dashboardUrl(extensionId));

  // Every section is in the page without a click: the nav only scrolls.
  for (const name of ['Board', 'People & deals', 'Metrics', 'Size calculator', 'Import & export']) {
    await expect(dash.getByRole('heading', { level: 2, name })).toBeAttached();
    await expect(dash.getByRole('navigation').getByRole('link', { name })).toBeVisible();
  }
  await expect(dash.getByTestId('sidecar-board')).toBeVisible();
  const columns = dash.getByTestId('sidecar-board-column');
  await expect(columns).toHaveCount(6);
  expect(await columns.evaluateAll((els) => els.map((e) => e.getAttribute('data-stage')))).toEqual([
    'contact', 'qualification', 'meeting', 'proposal', 'closing', 'retention',
  ]);
  await dash.getByRole('navigation').getByRole('link', { name: 'Import & export' }).click();
  await expect(dash.locator('#data')).toBeInViewport();
});

test('the dashboard follows the language setting (Indonesian)', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('sidecar-option-language').selectOption('id');
  const dash = await openDashboard(context, extensionId);
  await expect(dash.getByRole('heading', { level: 2, name: 'Papan' })).toBeVisible();
  await expect(dash.getByTestId('sidecar-board-column').first()).toContainText('Kontak');
});
