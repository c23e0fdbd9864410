import type { BrowserContext, Page } from '@playwright/test';

export const dashboardUrl = (extensionId: string) => `chrome-extension://${extensionId}/dashboard.html`;

export async function openDashboard(context: BrowserContext, extensionId: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(dashboardUrl(extensionId));
  return page;
}

/** Sends a command to the background from an extension page, as its UI would: the reply comes back. */
export const commander =
  (page: Page) =>
  (message: object): Promise<any> =>
    page.evaluate((m) => (globalThis as any).chrome.runtime.sendMessage(m), message);

/** `n` people ("Lead 0", lead0@acme.example, …), each with a deal in the first stage, made as the sidebar makes them. */
export async function createLeads(page: Page, n: number): Promise<void> {
  const send = commander(page);
  for (let i = 0; i < n; i++) {
    const r = await send({ type: 'ui/create-person', person: { name: `Lead ${i}`, email: `lead${i}@acme.example` } });
    if (!r.ok) throw new Error(`Lead ${i} was not created: ${JSON.stringify(r)}`);
  }
}

/** Writes rows straight into the extension's IndexedDB (beneath Dexie), as a seeded data set. */
export async function seedBeneathDexie(context: BrowserContext, rows: Record<string, object[]>): Promise<void> {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await sw.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('sidecar');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const idb = req.result;
          const tx = idb.transaction(Object.keys(rows), 'readwrite');
          for (const [store, list] of Object.entries(rows)) for (const r of list) tx.objectStore(store).put(r);
          tx.oncomplete = () => {
            idb.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}
