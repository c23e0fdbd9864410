import type { CDPSession, Page } from '@playwright/test';
import { dbDump, expect, sidebar, sidebarFrame, test } from './fixtures';
import { gmailFixture, serveGmail, THREAD_URL } from './gmail';

// A content script shares its tab with the page; a page that found a way into that world (a bug in the
// browser, a compromised script) must still not reach what only Sidecar's own pages may do. These pin what
// the security review found holding: ui/* commands, the live-query port and session storage are refused to
// the content script's world, whatever it sends.

/** Runs `expression` in Sidecar's content-script world of the page's top frame, through DevTools. */
async function inContentWorld(page: Page, extensionId: string): Promise<(expression: string) => Promise<unknown>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts: { id: number; origin: string; auxData?: { type?: string; isDefault?: boolean } }[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  await expect.poll(() => contexts.some((c) => c.origin === `chrome-extension://${extensionId}` && c.auxData?.type === 'isolated')).toBe(true);
  const world = contexts.find((c) => c.origin === `chrome-extension://${extensionId}` && c.auxData?.type === 'isolated')!;
  return async (expression) => {
    const r = await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true });
    if (r.exceptionDetails) throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
}

test('from the content script’s world: every ui/* command, the live port and session storage are refused, and nothing changes', async ({ context, page, extensionId }) => {
  await serveGmail(context, gmailFixture('thread-en.html'));
  await page.goto(THREAD_URL);
  await expect(sidebar(page).getByTestId('sidecar-create-contact')).toBeVisible();
  const run = await inContentWorld(page, extensionId);

  // It really is the content script's world: it has the extension's messaging API.
  expect(await run(`typeof chrome.runtime.sendMessage`)).toBe('function');

  // Commands only extension pages may send, forged with valid payloads.
  const replies = (await run(`Promise.all([
    chrome.runtime.sendMessage({ type: 'ui/create-person', person: { name: 'Forged', email: 'forged@evil.example' } }),
    chrome.runtime.sendMessage({ type: 'ui/update-settings', patch: { myAddresses: ['attacker@evil.example'] } }),
    chrome.runtime.sendMessage({ type: 'ui/load-sample' }),
    chrome.runtime.sendMessage({ type: 'ui/open-contact', contactId: 'c_1' }),
  ])`)) as { ok: boolean; error?: { code: string } }[];
  expect(replies.map((r) => r.ok === false && r.error?.code)).toEqual(['forbidden', 'forbidden', 'forbidden', 'forbidden']);

  // The live-query port: disconnected at once, never a reading of the database.
  const live = (await run(`new Promise((resolve) => {
    const got = [];
    const port = chrome.runtime.connect({ name: 'sidecar-live' });
    port.onMessage.addListener((m) => got.push(m));
    port.onDisconnect.addListener(() => resolve({ disconnected: true, got }));
    port.postMessage({ op: 'sub', id: 1, query: { name: 'settings' } });
    setTimeout(() => resolve({ disconnected: false, got }), 3000);
  })`)) as { disconnected: boolean; got: unknown[] };
  expect(live).toEqual({ disconnected: true, got: [] });

  // Session storage (the sidebar's page context, frame secrets) is not for content scripts.
  const session = (await run(`chrome.storage.session.get(null).then(() => 'read', (e) => 'denied: ' + e.message)`)) as string;
  expect(session).toMatch(/^denied/);

  const db = await dbDump(context);
  expect(db.contacts ?? []).toHaveLength(0);
  expect((db.settings ?? []).flatMap((s) => JSON.stringify(s).includes('attacker@evil.example'))).not.toContain(true);
});

test('a sender called __proto__ pollutes nothing, and the extension asks nothing of the network', async ({ context, page }) => {
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const html = gmailFixture('thread-en.html').replaceAll('Dana Prospect', '__proto__').replace(/dana@bigcorp\.io/gi, '__proto__@bigcorp.io');
  await serveGmail(context, html);
  await page.goto(THREAD_URL);
  const sb = sidebar(page);
  await expect(sb.getByTestId('sidecar-contact-name')).toHaveText('__proto__');
  await sb.getByTestId('sidecar-create-contact').click();
  await expect(sb.getByTestId('sidecar-stage')).toHaveText('Contact');
  await expect(sb.getByTestId('sidecar-activity')).toHaveCount(3);

  // Nothing was added to Object.prototype, in the background or in the sidebar.
  const sw = context.serviceWorkers()[0]!;
  const polluted = () => Object.getOwnPropertyNames(Object.prototype).filter((k) => !['constructor', '__defineGetter__', '__defineSetter__', 'hasOwnProperty', '__lookupGetter__', '__lookupSetter__', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'valueOf', '__proto__', 'toLocaleString'].includes(k));
  expect(await sw.evaluate(polluted)).toEqual([]);
  expect(await (await sidebarFrame(page)).evaluate(polluted)).toEqual([]);
  expect((await dbDump(context)).contacts!.map((c) => c.name)).toEqual(['__proto__']);

  // Every request was to the site itself (answered from the fixture) or to the extension's own files.
  const foreign = requests.filter((u) => !/^(chrome-extension:|https:\/\/mail\.google\.com\/|data:|blob:)/.test(u));
  expect(foreign).toEqual([]);
});
