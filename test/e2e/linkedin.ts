import type { BrowserContext, Page } from '@playwright/test';
import { fixture, readFixture, type Route } from './fixtures';

export const LINKEDIN = 'https://www.linkedin.com';
export const linkedinFixture = (name: string) => readFixture(fixture('linkedin', name));

/** Answers www.linkedin.com from fixtures, chosen by path. */
export async function serveLinkedIn(context: BrowserContext, pages: Record<string, string | Route>) {
  await context.route(`${LINKEDIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const r = pages[path] ?? pages['*'];
    if (!r) return route.fulfill({ status: 404, body: 'not found' });
    const { html, headers } = typeof r === 'string' ? { html: r, headers: {} } : r;
    return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8', headers });
  });
}

/** LinkedIn is a single-page app: a profile-to-profile move swaps the page body and pushes a URL. */
export async function spaNavigate(page: Page, html: string, path: string) {
  await page.evaluate(
    ({ html, path }) => {
      const next = new DOMParser().parseFromString(html, 'text/html');
      document.title = next.title;
      for (const el of [...document.body.children]) if (!el.hasAttribute('data-sidecar-root')) el.remove();
      document.body.prepend(...[...next.body.children].map((el) => document.importNode(el, true)));
      history.pushState({}, '', path);
    },
    { html, path },
  );
}
