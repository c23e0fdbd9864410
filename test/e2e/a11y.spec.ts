import type { Page } from '@playwright/test';
import { axeViolations, expectNoAxeViolations } from './axe';
import { expect, sidebar, test } from './fixtures';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';

// axe-core (WCAG 2.1 A + AA) on every extension page and state a rep sees. Several checks share one set-up
// per test to keep the spec quick. A new page or state gets its own expectNoAxeViolations call here.

const page = (extensionId: string, name: string) => `chrome-extension://${extensionId}/${name}.html`;

/** Opens every <details> so what is folded away is checked too. */
const expandAll = (p: Page) => p.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));

test('popup (no nudges), options (every section) and welcome page have no WCAG 2.1 AA violations', async ({ context, extensionId }) => {
  const popup = await context.newPage();
  await popup.goto(page(extensionId, 'popup'));
  await expect(popup.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(popup, 'the popup without nudges');
  // The helper really runs under the extension's CSP: an unlabelled button planted in the page is caught.
  await popup.evaluate(() => document.body.append(document.createElement('button')));
  expect((await axeViolations(popup)).map((v) => v.id)).toContain('button-name');

  const options = await context.newPage();
  await options.goto(page(extensionId, 'options'));
  await expect(options.getByTestId('sidecar-threshold')).toBeVisible();
  await expandAll(options);
  await expectNoAxeViolations(options, 'the options page');

  const welcome = await context.newPage();
  await welcome.goto(page(extensionId, 'welcome'));
  await expect(welcome.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(welcome, 'the welcome page');
});

test('sidebar on a Gmail thread (unknown person, then a contact with a deal) and the popup with nudges have no violations', async ({ context, page: gmail, extensionId }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await gmail.goto(THREAD_URL);
  const sb = sidebar(gmail);
  await expect(sb.getByTestId('sidecar-create-contact')).toBeVisible();
  await expectNoAxeViolations(sb, 'the sidebar for an unknown person');

  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  await expect(sb.locator('[data-rule="eng.email_in"]')).toBeVisible();
  await expectNoAxeViolations(sb, 'the sidebar for a contact with a deal');

  const popup = await context.newPage();
  await popup.goto(page(extensionId, 'popup'));
  await expect(popup.getByTestId('sidecar-nudge').first()).toBeVisible();
  await expectNoAxeViolations(popup, 'the popup with nudges');
});
