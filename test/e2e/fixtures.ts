import { test as base, chromium, expect, type BrowserContext, type Frame, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, extensionArgs } from '../chromium.mjs';

export const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const extensionPath = path.join(root, '.output/chrome-mv3');
export const fixture = (...p: string[]) => path.join(root, 'test/fixtures', ...p);
export const realFixture = (name: string) => path.join(root, 'test/fixtures/real', name);

export { chromiumPath };

/**
 * Every fresh profile is a first install, and the extension opens its welcome page then: wait for it and close
 * it, so a test starts with only its own pages (welcome.spec.ts keeps it).
 */
async function closeWelcome(context: BrowserContext): Promise<void> {
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const welcome = context.pages().find((p) => p.url().includes('/welcome.html'));
    if (welcome) return welcome.close();
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function launchWithExtension(opts: { locale?: string; keepWelcome?: boolean } = {}): Promise<BrowserContext> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    locale: opts.locale,
    viewport: { width: 1400, height: 900 },
    args: [...extensionArgs(extensionPath), ...(opts.locale ? [`--lang=${opts.locale}`] : [])],
  });
  // The machine is offline: other hosts a captured page names (CDNs, trackers) fail fast instead of timing out.
  await context.route(/^https?:\/\/(?!mail\.google\.com\/|www\.linkedin\.com\/)/, (route) => route.abort());
  if (!opts.keepWelcome) await closeWelcome(context);
  return context;
}

export type Route = { html: string; headers?: Record<string, string> };

/** Answers every request of a site from one fixture document (the page under test). */
export async function serveSite(context: BrowserContext, origin: string, page: () => Route | string) {
  await context.route(`${origin}/**`, (route) => {
    const r = page();
    const { html, headers } = typeof r === 'string' ? { html: r, headers: {} } : r;
    return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8', headers });
  });
}

export const readFixture = (file: string) => fs.readFileSync(file, 'utf8');

/** The extension's sidebar frame inside a site page. */
export async function sidebarFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('/sidebar.html')), { timeout: 10_000 }).toBe(true);
  return page.frames().find((f) => f.url().includes('/sidebar.html'))!;
}

export const sidebar = (page: Page) => page.frameLocator('iframe[data-sidecar-sidebar]');

export interface ExtensionFixtures {
  context: BrowserContext;
  extensionId: string;
  /** Runs a function in the extension's origin (background worker): Dexie lives there. */
  inExtension: <T>(fn: string) => Promise<T>;
}

export const test = base.extend<ExtensionFixtures>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const context = await launchWithExtension();
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(new URL(sw.url()).host);
  },
  inExtension: async ({ context }, use) => {
    await use(async (fn) => {
      const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      return sw.evaluate(fn) as never;
    });
  },
});

export { expect };

/** Reads the extension's IndexedDB (in its own origin, from the service worker). */
/**
 * Sets fields on every row of some stores beneath Dexie, as if time had passed
 * (a lead created last week, a touch three days ago), and leaves the change
 * marker every Dexie write leaves (lib/db/facts-dirty) for each contact, so
 * the nudge engine notices as it would a real write.
 */
export async function patchBeneathDexie(context: BrowserContext, patches: { store: 'contacts' | 'summaries'; set: Record<string, unknown> }[]): Promise<void> {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await sw.evaluate(
    (patches) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('sidecar');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const idb = req.result;
          const tx = idb.transaction([...patches.map((p) => p.store), 'factsDirty'], 'readwrite');
          for (const { store, set } of patches) {
            tx.objectStore(store).openCursor().onsuccess = (e: any) => {
              const cur = e.target.result;
              if (!cur) return;
              cur.update({ ...cur.value, ...set });
              tx.objectStore('factsDirty').put({ key: `c:${store === 'contacts' ? cur.value.id : cur.value.contactId}`, token: Date.now() });
              cur.continue();
            };
          }
          tx.oncomplete = () => {
            idb.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    patches,
  );
}

/** Every store of the extension's IndexedDB, read where the database lives: in the worker, or in an extension page. */
export async function dbDump(context: BrowserContext, from?: Page): Promise<Record<string, any[]>> {
  // A page reads the same origin's database; after a worker stop, the worker Playwright holds may be gone.
  const read = () =>
    new Promise<Record<string, unknown[]>>((resolve, reject) => {
      const req = indexedDB.open('sidecar');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const idb = req.result;
        const names = [...idb.objectStoreNames];
        const out: Record<string, unknown[]> = {};
        if (names.length === 0) return resolve(out);
        const tx = idb.transaction(names, 'readonly');
        for (const n of names) {
          const r = tx.objectStore(n).getAll();
          r.onsuccess = () => (out[n] = r.result);
        }
        tx.oncomplete = () => {
          idb.close();
          resolve(out);
        };
      };
    });
  if (from) return from.evaluate(read);
  return (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))).evaluate(read);
}

/** Stops the extension's worker as Chromium does when it idles: through the browser's own target. False when none ran. */
export async function stopWorker(context: BrowserContext): Promise<boolean> {
  const cdp = await context.browser()!.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (worker) await cdp.send('Target.closeTarget', { targetId: worker.targetId }).catch(() => undefined);
  await cdp.detach();
  return !!worker;
}
