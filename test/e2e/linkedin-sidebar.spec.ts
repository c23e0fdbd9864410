import { dbDump, expect, readFixture, realFixture, sidebar, test } from './fixtures';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';
import { LINKEDIN, linkedinFixture, serveLinkedIn, spaNavigate } from './linkedin';
import { hashClasses } from './variants';

const DANA = `${LINKEDIN}/in/dana-prospect/`;

test('capture a person from their profile in one click', async ({ context, page }) => {
  await serveLinkedIn(context, { '/in/dana-prospect/': linkedinFixture('profile-2026-en.html') });
  await page.goto(DANA);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
  await expect(sb.getByTestId('sidecar-contact-headline')).toContainText('VP Sales');
  await expect(sb.getByTestId('sidecar-contact-company')).toHaveText('BigCorp');
  await expect(sb.getByTestId('sidecar-link-contact')).toHaveCount(0);
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  await expect(sb.getByTestId('sidecar-contact-company')).toHaveText('BigCorp');

  const db = await dbDump(context);
  expect(db.contacts).toHaveLength(1);
  expect(db.contacts![0]).toMatchObject({ name: 'Dana Prospect', linkedinUrl: DANA, emails: [] });
  expect(db.contacts![0].headline).toContain('VP Sales');
  expect(db.companies!.map((c) => [c.name, c.domain])).toEqual([['BigCorp', null]]);
  expect(db.deals!.map((d) => d.stageId)).toEqual(['contact']);
});

test('a profile is matched to the contact met by email; the rep confirms, nothing is duplicated', async ({ context, page }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await serveLinkedIn(context, { '/in/dana-prospect/': linkedinFixture('profile-2026-en.html') });
  await page.goto(THREAD_URL);
  const gmailSidebar = sidebar(page);
  await gmailSidebar.getByTestId('sidecar-create-contact').click();
  await gmailSidebar.getByTestId('sidecar-advance-stage').click();
  await expect(gmailSidebar.getByTestId('sidecar-stage')).toHaveText('Qualification');

  const li = await context.newPage();
  await li.goto(DANA);
  const sb = sidebar(li);
  // Suggested, never merged silently.
  await expect(sb.getByTestId('sidecar-link-contact')).toBeVisible();
  expect((await dbDump(context)).contacts![0].linkedinUrl).toBeNull();
  await sb.getByTestId('sidecar-link-contact').click();

  await expect(sb.getByTestId('sidecar-contact-email')).toHaveText('dana@bigcorp.io');
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Qualification');
  await expect(sb.getByTestId('sidecar-contact-headline')).toContainText('VP Sales');
  // The company name guessed from the domain ("Bigcorp") gives way to the profile's.
  await expect(sb.getByTestId('sidecar-contact-company')).toHaveText('BigCorp');
  await expect(sb.locator('[data-testid=sidecar-activity][data-kind=email_in]')).toHaveCount(2);
  const db = await dbDump(context);
  expect(db.contacts).toHaveLength(1);
  expect(db.contacts![0].linkedinUrl).toBe(DANA);
  expect(db.deals).toHaveLength(1);

  // Unlink undoes it: the suggestion comes back.
  await sb.getByTestId('sidecar-unlink-contact').click();
  await expect(sb.getByTestId('sidecar-link-contact')).toBeVisible();
  expect((await dbDump(context)).contacts).toHaveLength(1);
});

test('each outreach kind is logged in one click, on the contact and the open deal, with undo', async ({ context, page }) => {
  await serveLinkedIn(context, { '/in/dana-prospect/': linkedinFixture('profile-2026-en.html') });
  await page.goto(DANA);
  const sb = sidebar(page);
  await sb.getByTestId('sidecar-create-contact').click();
  const kinds = ['linkedin_connect', 'linkedin_message', 'linkedin_inmail', 'call', 'meeting', 'note'];
  await sb.getByTestId('sidecar-log-text').fill('Met at the Jakarta expo');
  for (const kind of kinds) {
    await sb.getByTestId(`sidecar-log-${kind}`).click();
    await expect(sb.locator(`[data-testid=sidecar-activity][data-kind=${kind}]`)).toHaveCount(1);
  }
  const db = await dbDump(context);
  const logged = db.activities!.filter((a) => kinds.includes(a.kind));
  expect(logged).toHaveLength(6);
  expect(new Set(logged.map((a) => a.dealId))).toEqual(new Set([db.deals![0].id]));
  expect(logged.filter((a) => a.channel === 'linkedin').map((a) => a.kind).sort()).toEqual(['linkedin_connect', 'linkedin_inmail', 'linkedin_message']);
  expect(logged.find((a) => a.kind === 'linkedin_connect').text).toBe('Met at the Jakarta expo');

  await sb.getByTestId('sidecar-undo').click();
  await expect(sb.locator('[data-testid=sidecar-activity][data-kind=note]')).toHaveCount(0);
  await expect(sb.getByTestId('sidecar-activity')).toHaveCount(5);
});

test('profile-to-profile navigation updates the sidebar without a reload', async ({ context, page }) => {
  await serveLinkedIn(context, { '/in/dana-prospect/': linkedinFixture('profile-2026-en.html') });
  await page.goto(DANA);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
  await page.evaluate(() => ((window as any).__marker = 1));
  await spaNavigate(page, linkedinFixture('profile-2026-id.html'), '/in/budi-santoso-7a1b2c/');
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Budi Santoso');
  await expect(sb.getByTestId('sidecar-contact-company')).toHaveText(/Toko Maju/);
  await spaNavigate(page, linkedinFixture('profile-2026-en.html'), '/in/dana-prospect/');
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
  expect(await page.evaluate(() => (window as any).__marker)).toBe(1);
});

test('the real 2024 profile capture and odd profiles still get a sidebar', async ({ context, page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await serveLinkedIn(context, {
    '/in/eduardo-alvarez-nowak/': readFixture(realFixture('linkedin-profile-scoutr-profile1.html')),
    '/in/sari-dewi/': linkedinFixture('profile-private.html'),
    '/in/hostile-name/': linkedinFixture('profile-hostile.html'),
  });
  await page.goto(`${LINKEDIN}/in/eduardo-alvarez-nowak/`);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Eduardo Alvarez Nowak');
  await expect(sb.getByTestId('sidecar-contact-company')).toHaveText('Novare Potential');

  await page.goto(`${LINKEDIN}/in/sari-dewi/`);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Sari Dewi');
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');

  await page.goto(`${LINKEDIN}/in/hostile-name/`);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('<img src=x onerror="window.__pwned=1">');
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(errors).toEqual([]);
});

test('the real 2024 capture with every class hashed still gives the person and the company', async ({ context, page }) => {
  await serveLinkedIn(context, { '/in/eduardo-alvarez-nowak/': hashClasses(readFixture(realFixture('linkedin-profile-scoutr-profile1.html'))) });
  await page.goto(`${LINKEDIN}/in/eduardo-alvarez-nowak/`);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('Eduardo Alvarez Nowak');
  await expect(sb.getByTestId('sidecar-contact-company')).toHaveText('Novare Potential');
});

test('side-panel mode injects nothing into LinkedIn, and the same sidebar app serves the panel', async ({ context, page, extensionId }) => {
  await serveLinkedIn(context, { '/in/dana-prospect/': linkedinFixture('profile-2026-en.html') });
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('sidecar-option-sidepanel').check();
  await expect(options.getByRole('status')).toHaveText('Saved');

  const pristine = linkedinFixture('profile-2026-en.html');
  await page.goto(DANA);
  await page.bringToFront();
  await page.waitForTimeout(800);
  expect(await page.locator('[data-sidecar-root], [data-sidecar-sidebar], [data-sidecar-toggle], iframe').count()).toBe(0);
  // The page's DOM is exactly what LinkedIn served: same number of elements.
  const served = await page.evaluate((html) => new DOMParser().parseFromString(html, 'text/html').querySelectorAll('*').length, pristine);
  expect(await page.evaluate(() => document.querySelectorAll('*').length)).toBe(served);

  // The side panel is the same sidebar page, top-level, following the rep's LinkedIn tab.
  const panel = await context.newPage();
  await panel.goto(`chrome-extension://${extensionId}/sidebar.html`);
  await expect(panel.getByTestId('sidecar-contact-name')).toHaveText('Dana Prospect');
  await panel.getByTestId('sidecar-create-contact').click();
  await expect(panel.getByTestId('sidecar-stage')).toHaveText('Contact');
});
