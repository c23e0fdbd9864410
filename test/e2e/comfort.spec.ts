import type { Frame, Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { expect, sidebar, sidebarFrame, test } from './fixtures';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';

// Comfort: the extension's pages follow the system's colour scheme and its wish for less motion.

/** Relative luminance (0 black … 1 white) of the page body's computed background. */
const bodyLuminance = (target: Page | Frame) =>
  target.evaluate(() => {
    const probe = document.createElement('canvas').getContext('2d')!;
    probe.fillStyle = getComputedStyle(document.body).backgroundColor;
    probe.fillRect(0, 0, 1, 1);
    const [r, g, b] = [...probe.getImageData(0, 0, 1, 1).data].map((c) => {
      const s = c / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  });

const transition = (target: Page | Frame, testid: string) =>
  target.getByTestId(testid).evaluate((el) => getComputedStyle(el).transitionDuration);

const url = (extensionId: string, name: string) => `chrome-extension://${extensionId}/${name}.html`;

test('the sidebar, popup, options, welcome and privacy pages follow the system colour scheme, stay free of WCAG violations in the dark, and drop transitions for reduced motion', async ({ context, page, extensionId }, info) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(THREAD_URL);
  const frame = await sidebarFrame(page);
  await sidebar(page).getByTestId('sidecar-create-contact').click();
  await expect(frame.getByTestId('sidecar-stage')).toHaveText('Contact');
  await expect(frame.getByTestId('sidecar-nudge')).toHaveCount(1);

  expect(await bodyLuminance(frame)).toBeLessThan(0.05);
  await expectNoAxeViolations(sidebar(page), 'the sidebar in the dark (contact, deal, nudge)');
  await page.screenshot({ path: info.outputPath('sidebar-dark.png') });
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => bodyLuminance(frame)).toBeGreaterThan(0.9);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => bodyLuminance(frame)).toBeLessThan(0.05);

  // Motion: buttons fade their colour on hover, unless the rep asked for less motion.
  expect(await transition(frame, 'sidecar-advance-stage')).not.toBe('0s');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect.poll(() => transition(frame, 'sidecar-advance-stage')).toBe('0s');

  const popup = await context.newPage();
  await popup.emulateMedia({ colorScheme: 'dark' });
  await popup.goto(url(extensionId, 'popup'));
  await expect(popup.getByTestId('sidecar-nudge').first()).toBeVisible();
  expect(await bodyLuminance(popup)).toBeLessThan(0.05);
  await expectNoAxeViolations(popup, 'the popup in the dark, with a nudge');
  await popup.screenshot({ path: info.outputPath('popup-dark.png'), fullPage: true });

  const options = await context.newPage();
  await options.emulateMedia({ colorScheme: 'dark' });
  await options.goto(url(extensionId, 'options'));
  await expect(options.getByTestId('sidecar-threshold')).toBeVisible();
  await options.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  expect(await bodyLuminance(options)).toBeLessThan(0.05);
  await expectNoAxeViolations(options, 'the options page in the dark');
  await options.screenshot({ path: info.outputPath('options-dark.png'), fullPage: true });

  for (const name of ['welcome', 'privacy']) {
    const other = await context.newPage();
    await other.emulateMedia({ colorScheme: 'dark' });
    await other.goto(url(extensionId, name));
    await expect(other.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await bodyLuminance(other)).toBeLessThan(0.05);
    await expectNoAxeViolations(other, `the ${name} page in the dark`);
  }
});

/** Controls the rep cannot fully see: past the page's right or left edge, or the page scrolls sideways. */
const clipped = (target: Page | Frame) =>
  target.evaluate(() => {
    const out = [...document.querySelectorAll('button, input, select, textarea, summary, a[href]')].flatMap((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.right > innerWidth + 0.5 || r.left < -0.5) ? [el.outerHTML.slice(0, 100)] : [];
    });
    return document.documentElement.scrollWidth > innerWidth ? [`page scrolls sideways (${document.documentElement.scrollWidth} > ${innerWidth})`, ...out] : out;
  });

test('at 200% zoom the sidebar (even in a narrow side panel) and the options page cut off no control', async ({ context, page, extensionId }, info) => {
  // 200% zoom of a 1400×900 window is a 700×450 CSS-pixel page. The in-page sidebar stays 340 CSS pixels wide
  // (its frame zooms with the page); the side panel does not: Chromium's narrowest, 320 device pixels, is 160.
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.setViewportSize({ width: 700, height: 450 });
  await page.goto(THREAD_URL);
  const frame = await sidebarFrame(page);
  await sidebar(page).getByTestId('sidecar-create-contact').click();
  await expect(frame.getByTestId('sidecar-nudge')).toHaveCount(1);
  await expect(frame.getByTestId('sidecar-trigger').first()).toBeVisible();
  await frame.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  expect(await clipped(frame)).toEqual([]);
  await page.screenshot({ path: info.outputPath('sidebar-200.png') });

  for (const width of [220, 160]) {
    await page.locator('iframe[data-sidecar-sidebar]').evaluate((f, w) => ((f as HTMLIFrameElement).style.width = `${w + 1}px`), width); // + its 1px border
    await expect.poll(() => frame.evaluate(() => innerWidth)).toBe(width);
    expect(await clipped(frame), `side panel ${width} CSS px wide`).toEqual([]);
  }
  await frame.locator('body').screenshot({ path: info.outputPath('panel-160.png') });

  const options = await context.newPage();
  await options.setViewportSize({ width: 700, height: 450 });
  await options.goto(url(extensionId, 'options'));
  await expect(options.getByTestId('sidecar-threshold')).toBeVisible();
  await options.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  expect(await clipped(options)).toEqual([]);
});
