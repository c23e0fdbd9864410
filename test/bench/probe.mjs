import { chromium } from '@playwright/test';
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
const root = process.cwd(); const ext = path.join(root, '.output/chrome-mv3');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
const t0 = Date.now();
const ctx = await chromium.launchPersistentContext(dir, { executablePath: '/usr/lib/chromium/chromium', headless: true, viewport:{width:1400,height:900},
  args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic'] });
console.log('launch', Date.now()-t0, ctx.browser()?.version());
const html = fs.readFileSync('test/fixtures/gmail/thread-en.html','utf8');
await ctx.route('https://mail.google.com/**', r => r.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
const page = await ctx.newPage();
await page.addInitScript(() => { window.__init = location.href; });
await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQcqbVnHTPkWpXdMtbJsBNmqSxR');
const sb = page.frameLocator('iframe[data-sidecar-sidebar]');
await sb.getByTestId('sidecar-contact-name').waitFor();
for (const f of page.frames()) console.log(f.url(), await f.evaluate(() => window.__init ?? null).catch(e => 'ERR '+e.message));
const sw = ctx.serviceWorkers()[0];
console.log(await sw.evaluate(async () => (await indexedDB.databases())));
await ctx.close();
