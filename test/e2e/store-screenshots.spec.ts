import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, root, sidebar, test } from './fixtures';
import { openDashboard } from './dashboard';
import { gmailFixture, INBOX_URL, serveGmail, THREAD_URL } from './gmail';
import { LINKEDIN, linkedinFixture, serveLinkedIn } from './linkedin';

// The store screenshots of docs/store-listing.md, made from the fixtures on every run so they show the product
// as it is: 1280 × 800, the size both stores take, into .output/release/screenshots/ beside the packages.
const OUT = path.join(root, '.output/release/screenshots');
const SIZE = { width: 1280, height: 800 };

async function shoot(page: Page, name: string) {
  await page.setViewportSize(SIZE);
  const file = path.join(OUT, name);
  await page.screenshot({ path: file });
  const png = fs.readFileSync(file);
  expect([png.readUInt32BE(16), png.readUInt32BE(20)], name).toEqual([SIZE.width, SIZE.height]);
}

test('store screenshots: Gmail thread and inbox, LinkedIn profile, dashboard board and metrics, options in Indonesian', async ({ context, page, extensionId }) => {
  fs.mkdirSync(OUT, { recursive: true });
  const gmail = await serveGmail(context, gmailFixture('thread-en.html'));
  await serveLinkedIn(context, { '/in/dana-prospect/': linkedinFixture('profile-2026-en.html') });

  await page.setViewportSize(SIZE);
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  await sb.getByTestId('sidecar-advance-stage').click();
  await sb.getByTestId('sidecar-advance-stage').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Meeting');
  await shoot(page, 'gmail-sidebar.png');

  gmail.set(gmailFixture('inbox-modern.html'));
  const inbox = await context.newPage();
  await inbox.setViewportSize(SIZE);
  await inbox.goto(INBOX_URL);
  await expect(inbox.locator('[data-sidecar-chip]').first()).toHaveText('Meeting');
  await shoot(inbox, 'gmail-inbox.png');

  const li = await context.newPage();
  await li.setViewportSize(SIZE);
  await li.goto(`${LINKEDIN}/in/dana-prospect/`);
  // The profile is offered as the person met by email; the rep confirms.
  await sidebar(li).getByTestId('sidecar-link-contact').click();
  await expect(sidebar(li).getByTestId('sidecar-stage')).toHaveText('Meeting');
  await shoot(li, 'linkedin-profile.png');

  const dash = await openDashboard(context, extensionId);
  await dash.setViewportSize(SIZE);
  await dash.getByTestId('sidecar-sample-data').click();
  await expect(dash.getByTestId('sidecar-sample-remove')).toBeVisible();
  await expect(dash.getByTestId('sidecar-deal-card').first()).toBeVisible();
  await shoot(dash, 'dashboard-board.png');
  // The metrics with their charts, scrolled to under the sticky header.
  await dash.evaluate(() => document.getElementById('metrics')!.scrollIntoView());
  await expect(dash.getByTestId('sidecar-metric-velocity')).toHaveAttribute('data-value', /\d/);
  await shoot(dash, 'dashboard-metrics.png');
  // `SIDECAR_DOCS_SCREENSHOTS=1 npx playwright test store-screenshots` refreshes the README's pictures of the dashboard.
  if (process.env.SIDECAR_DOCS_SCREENSHOTS) for (const f of ['dashboard-board.png', 'dashboard-metrics.png']) fs.copyFileSync(path.join(OUT, f), path.join(root, 'docs', f));

  const options = await context.newPage();
  await options.setViewportSize(SIZE);
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('sidecar-option-language').selectOption('id');
  await expect(options.locator('h1')).toHaveText('Pengaturan Sidecar CRM');
  await shoot(options, 'options.png');
});
