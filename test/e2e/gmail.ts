import type { BrowserContext, Page } from '@playwright/test';
import { GMAIL } from '../gmail-urls';
import { fixture, readFixture, serveSite, type Route } from './fixtures';

export { GMAIL, INBOX_URL, THREAD_URL } from '../gmail-urls';

export const gmailFixture = (name: string) => readFixture(fixture('gmail', name));

/** Serves Gmail from a fixture that the test can swap between page loads. */
export async function serveGmail(context: BrowserContext, first: string | Route) {
  let current: Route = typeof first === 'string' ? { html: first } : first;
  await serveSite(context, GMAIL, () => current);
  return {
    set(next: string | Route) {
      current = typeof next === 'string' ? { html: next } : next;
    },
  };
}

/**
 * Gmail is a single-page app: a thread switch replaces the main region and the
 * title and changes the hash, without a page load. This does the same.
 */
export async function spaSwitch(page: Page, html: string, hash: string) {
  await page.evaluate(
    ({ html, hash }) => {
      const next = new DOMParser().parseFromString(html, 'text/html');
      document.title = next.title;
      const main = document.querySelector('div[role=main]');
      const nextMain = next.querySelector('div[role=main]');
      if (main && nextMain) main.replaceWith(document.importNode(nextMain, true));
      location.hash = hash;
    },
    { html, hash },
  );
}
