import { dbDump, expect, sidebar, test } from './fixtures';
import { openDashboard } from './dashboard';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';

test('sample data loads beside the rep’s own person and is removed without touching them', async ({ context, page, extensionId }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  await sidebar(page).getByTestId('sidecar-create-contact').click();
  await expect(sidebar(page).getByTestId('sidecar-stage')).toHaveText('Contact');
  await sidebar(page).getByTestId('sidecar-log-call').click().catch(() => {});
  const mine = await dbDump(context);
  const mineIds = (t: string) => (mine[t] ?? []).map((r: { id?: string; contactId?: string; key?: string }) => r.id ?? r.contactId ?? r.key).sort();

  const dash = await openDashboard(context, extensionId);
  await expect(dash.getByTestId('sidecar-deal-card')).toHaveCount(1);
  await dash.getByTestId('sidecar-sample-data').click();
  await expect(dash.getByTestId('sidecar-sample-remove')).toBeVisible();
  await expect.poll(async () => dash.getByTestId('sidecar-deal-card').count()).toBeGreaterThan(5);
  await expect(dash.getByTestId('sidecar-metric-leads')).toHaveAttribute('data-value', '41');

  await dash.getByTestId('sidecar-sample-remove').click();
  await expect(dash.getByTestId('sidecar-sample-data')).toBeVisible();
  await expect(dash.getByTestId('sidecar-deal-card')).toHaveCount(1);
  await expect(dash.getByTestId('sidecar-metric-leads')).toHaveAttribute('data-value', '1');
  const after = await dbDump(context);
  for (const t of ['contacts', 'companies', 'deals', 'stageChanges', 'activities']) {
    expect(after[t], t).toEqual(mine[t]);
  }
  expect(mineIds('contacts')).toHaveLength(1);
});
