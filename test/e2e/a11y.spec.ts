import type { BrowserContext, Page } from '@playwright/test';
import { axeViolations, expectNoAxeViolations } from './axe';
import { expect, sidebar, test } from './fixtures';
import { openDashboard } from './dashboard';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';
import { LINKEDIN, linkedinFixture, serveLinkedIn } from './linkedin';
import { chooseFile, importFixture } from './portability';
import { threadDemoEn } from './variants';

// axe-core (WCAG 2.1 A + AA) on every extension page and state a rep sees. Several checks share one set-up
// per test to keep the spec quick. A new page or state gets its own expectNoAxeViolations call here.

const page = (extensionId: string, name: string) => `chrome-extension://${extensionId}/${name}.html`;

async function setLanguage(context: BrowserContext, extensionId: string, language: 'en' | 'id') {
  const options = await context.newPage();
  await options.goto(page(extensionId, 'options'));
  await options.getByTestId('sidecar-option-language').selectOption(language);
  await expect(options.getByRole('heading', { level: 1 })).toHaveText(language === 'id' ? 'Pengaturan Sidecar CRM' : 'Sidecar CRM settings');
  await options.close();
}

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

test('sidebar with suggestions and nudges, every BANT field answered and the score breakdown open has no violations; its changes are announced, in Indonesian too', async ({ context, page: gmail, extensionId }) => {
  await serveGmail(context, threadDemoEn());
  await gmail.goto(THREAD_URL);
  const sb = sidebar(gmail);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-trigger')).toHaveCount(2);
  await expect(sb.getByTestId('sidecar-nudge').first()).toBeVisible();
  // "Yes" opens each field's details (amount, who decides, the need, the date).
  for (const f of ['budget', 'authority', 'need', 'timeline']) await sb.getByTestId(`sidecar-bant-${f}`).selectOption('yes');
  await expect(sb.getByTestId('sidecar-bant-timeline-date')).toBeVisible();
  await expect(sb.getByTestId('sidecar-score-breakdown')).toBeVisible();
  await expectNoAxeViolations(sb, 'the sidebar with suggestions, nudges, BANT and the score breakdown');
  // The breakdown is a real list, one item per part of the score.
  await expect(sb.getByTestId('sidecar-score-breakdown')).toHaveRole('list');
  await expect(sb.getByTestId('sidecar-score-breakdown').getByRole('listitem').first()).toBeVisible();

  // What changes is said through the polite live region.
  const live = sb.getByRole('status').and(sb.getByTestId('sidecar-announcer'));
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await sb.locator('[data-testid=sidecar-trigger][data-stage=meeting]').getByTestId('sidecar-trigger-accept').click();
  await expect(live).toContainText('Suggestion accepted.');
  await expect(live).toContainText('Stage moved to Meeting.');
  await sb.getByTestId('sidecar-advance-stage').click();
  await expect(live).toContainText('Stage moved to Proposal.');
  const nudges = await sb.getByTestId('sidecar-nudge').count();
  await sb.getByTestId('sidecar-nudge').first().getByTestId('sidecar-nudge-done').click();
  await expect(sb.getByTestId('sidecar-nudge')).toHaveCount(nudges - 1);
  await expect(live).toContainText('Follow-up done:');

  // Every control still has a name once the rep works in Indonesian.
  await setLanguage(context, extensionId, 'id');
  await expect(sb.getByTestId('sidecar-advance-stage')).toContainText('Pindahkan ke');
  await expectNoAxeViolations(sb, 'the sidebar in Indonesian');
  await sb.getByTestId('sidecar-advance-stage').click();
  await expect(live).toContainText('Tahap dipindah ke');
});

test('LinkedIn profile sidebar, then the same person in side-panel mode, have no violations', async ({ context, page: linkedin, extensionId }) => {
  await serveLinkedIn(context, { '/in/dana-prospect/': linkedinFixture('profile-2026-en.html') });
  await linkedin.goto(`${LINKEDIN}/in/dana-prospect/`);
  const sb = sidebar(linkedin);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
  await expectNoAxeViolations(sb, 'the LinkedIn profile sidebar (unknown person)');
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  await expectNoAxeViolations(sb, 'the LinkedIn profile sidebar (contact)');

  const options = await context.newPage();
  await options.goto(page(extensionId, 'options'));
  await options.getByTestId('sidecar-option-sidepanel').check();
  await expect(options.getByRole('status')).toHaveText('Saved');
  await linkedin.reload();
  await linkedin.bringToFront();
  const panel = await context.newPage();
  await panel.goto(page(extensionId, 'sidebar'));
  await expect(panel.getByTestId('sidecar-stage')).toHaveText('Contact');
  await expectNoAxeViolations(panel, 'the side panel');
});

test('dashboard (every section with the sample pipeline, a person open, a CSV import preview and its report) and the privacy page have no violations', async ({ context, extensionId }) => {
  test.setTimeout(60_000);
  const dash = await openDashboard(context, extensionId);
  await expect(dash.getByTestId('sidecar-sample-data')).toBeVisible();
  await expectNoAxeViolations(dash, 'the empty dashboard');
  await dash.getByTestId('sidecar-sample-data').click();
  await expect(dash.getByTestId('sidecar-sample-remove')).toBeVisible();
  await expect.poll(() => dash.getByTestId('sidecar-deal-card').count()).toBeGreaterThan(5);
  await dash.getByTestId('sidecar-people-open').first().click();
  await expect(dash.getByTestId('sidecar-person-detail')).toBeVisible();
  await expandAll(dash);
  await expectNoAxeViolations(dash, 'the dashboard with the sample pipeline and a person open');

  await chooseFile(dash, importFixture('hubspot-contacts.csv'));
  await expect(dash.getByTestId('sidecar-import-row').first()).toBeVisible();
  await expectNoAxeViolations(dash, 'the dashboard with a CSV import preview', { include: '#data' });
  await dash.getByTestId('sidecar-import-confirm').click();
  await expect(dash.getByTestId('sidecar-import-report')).toBeVisible();
  await expect(dash.getByRole('status').and(dash.getByTestId('sidecar-announcer'))).toContainText(/Import finished: \d+ created, \d+ merged/);
  await expectNoAxeViolations(dash, 'the dashboard import report', { include: '#data' });
  // Charts are images named with their figures, not just their titles.
  await expect(dash.getByRole('img', { name: /^Funnel: .*Won \d+$/ })).toBeVisible();
  await expect(dash.getByRole('img', { name: /^Velocity over time: .+ – .+/ })).toBeVisible();

  // The same, in the system's dark scheme (the dashboard shares the pages' dark theme).
  await dash.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(dash, 'the dashboard in the dark');
  await dash.emulateMedia({ colorScheme: 'light' });

  await setLanguage(context, extensionId, 'id');
  await expect(dash.getByRole('heading', { level: 2, name: 'Papan' })).toBeVisible();
  await expandAll(dash);
  await expectNoAxeViolations(dash, 'the dashboard in Indonesian');

  const privacy = await context.newPage();
  await privacy.goto(page(extensionId, 'privacy'));
  await expect(privacy.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoAxeViolations(privacy, 'the privacy page');
});
