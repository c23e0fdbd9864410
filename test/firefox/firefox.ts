// Real Firefox for the browser tests: Debian's firefox-esr driven by
// puppeteer-core over WebDriver BiDi, with the built add-on installed as a
// temporary add-on. Playwright's own Firefox cannot load add-ons (and its build
// cannot be downloaded offline), so the Firefox run uses puppeteer-core.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { GMAIL } from '../gmail-urls';

export const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const addonPath = path.join(root, '.output/firefox-mv2');
export const gmailFixture = (name: string) => fs.readFileSync(path.join(root, 'test/fixtures/gmail', name), 'utf8');

/** How long one wait in a step may take before the step fails (the machine is shared; Firefox is quick). */
export const WAIT_MS = 10_000;

export function firefoxPath(): string {
  const bin = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!fs.existsSync(bin)) throw new Error(`Firefox not found at ${bin}: apt-get install firefox-esr, or set FIREFOX_PATH`);
  return bin;
}

export interface FirefoxRun {
  browser: Browser;
  addonId: string;
  /** What Firefox logged as script errors and warnings of the add-on's own files (its console goes to stderr). */
  addonErrors: string[];
  close(): Promise<void>;
}

export async function launchFirefox(): Promise<FirefoxRun> {
  if (!fs.existsSync(path.join(addonPath, 'manifest.json'))) throw new Error(`no add-on build at ${addonPath}: npm run build:firefox first`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    protocol: 'webDriverBiDi',
    // Generous: on a loaded machine the first start of a fresh profile has taken 30 s.
    timeout: 60_000,
    // A protocol call that never answers fails the step instead of hanging the run.
    protocolTimeout: 20_000,
    defaultViewport: { width: 1400, height: 900 },
  });
  const addonErrors: string[] = [];
  let pending = '';
  browser.process()?.stderr?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (/^JavaScript (error|warning): moz-extension:\/\//.test(line)) addonErrors.push(line);
  });
  const addonId = await browser.installExtension(addonPath);
  return {
    browser,
    addonId,
    addonErrors,
    async close() {
      const proc = browser.process();
      await Promise.race([browser.close(), new Promise((r) => setTimeout(r, 10_000))]).catch(() => {});
      // Only the Firefox this run started, by its own process.
      if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    },
  };
}

/**
 * A tab whose Gmail requests are answered from one fixture document; the
 * add-on's own pages load as usual, and every other host fails at once (the
 * machine is offline).
 */
export async function gmailTab(browser: Browser, html: string, headers: Record<string, string> = {}): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith(`${GMAIL}/`)) void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', headers, body: html });
    else if (/^https?:/.test(url)) void request.abort();
    else void request.continue();
  });
  return page;
}

/**
 * The sidebar: the add-on's moz-extension page in an iframe inside Gmail's
 * page, cross-origin to it. Firefox's BiDi does not report that frame's URL
 * (puppeteer shows about:blank), so it is found by asking each child frame
 * where it is.
 */
export async function sidebarFrame(page: Page): Promise<Frame> {
  const until = Date.now() + WAIT_MS;
  while (Date.now() < until) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const href = await frame.evaluate(() => location.href).catch(() => '');
      if (/^moz-extension:\/\/[^/]+\/sidebar\.html/.test(href)) return frame;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no sidebar frame in ${page.url()} within ${WAIT_MS} ms`);
}

/** A tab of one of the add-on's own pages (moz-extension://…/<file>), found by asking each tab where it is. */
export async function addonTab(browser: Browser, file: string): Promise<Page> {
  const until = Date.now() + WAIT_MS;
  while (Date.now() < until) {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (new RegExp(`^moz-extension://[^/]+/${file.replace('.', '\\.')}`).test(href)) return page;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no tab with the add-on's ${file} within ${WAIT_MS} ms`);
}

const byTestId = (id: string) => `[data-testid="${id}"]`;

/**
 * Asks `read` every 100 ms until `done` holds for its answer or WAIT_MS pass; returns the last answer. Polled from
 * here, not with puppeteer's waitForFunction/waitForSelector: those build their poller in the page with Function(),
 * which the add-on pages' CSP blocks in Firefox ESR 140.12 ("call to Function() blocked by CSP").
 */
async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<{ ok: boolean; value: T | undefined }> {
  const until = Date.now() + WAIT_MS;
  let value: T | undefined;
  for (;;) {
    value = await read().catch(() => undefined);
    if (value !== undefined && done(value)) return { ok: true, value };
    if (Date.now() >= until) return { ok: false, value };
    await new Promise((r) => setTimeout(r, 100));
  }
}

const textsOf = (frame: Frame, selector: string) => frame.$$eval(selector, (els) => els.map((e) => e.textContent?.trim() ?? ''));

/** Waits until every element with this test id reads `texts` (in order), or fails saying what it saw. */
export async function expectTexts(frame: Frame, selector: string, texts: string[]): Promise<void> {
  const { ok, value } = await poll(() => textsOf(frame, selector), (got) => got.length === texts.length && got.every((t, i) => t === texts[i]));
  if (!ok) throw new Error(`${selector} should read ${JSON.stringify(texts)} but reads ${JSON.stringify(value ?? '(unreadable)')} after ${WAIT_MS} ms`);
}

export const expectTestId = (frame: Frame, id: string, text: string) => expectTexts(frame, byTestId(id), [text]);

export async function countOf(frame: Frame, selector: string): Promise<number> {
  return frame.$$eval(selector, (els) => els.length);
}

/** Firefox's place of a window's content on the screen, in CSS pixels (a frame's and its page's give its offset). */
type ScreenPlace = { mozInnerScreenX: number; mozInnerScreenY: number };

/** Clicks a test id's button as a user does (the pointer, in the frame), once it is there and visible. */
export async function clickTestId(frame: Frame, id: string): Promise<void> {
  // The pointer goes to the element's centre in page coordinates: its place in the frame plus the frame's place in
  // the page. Puppeteer's own ElementHandle.click() asks BiDi for the frame's element with a locator this Firefox
  // refuses ("locator.type … got context").
  const { ok, value: at } = await poll(
    () =>
      frame.$eval(byTestId(id), (e) => {
        const box = e.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || getComputedStyle(e).visibility === 'hidden') return null;
        e.scrollIntoView({ block: 'center' });
        const r = e.getBoundingClientRect();
        const w = window as unknown as ScreenPlace;
        return { x: r.x + r.width / 2, y: r.y + r.height / 2, sx: w.mozInnerScreenX, sy: w.mozInnerScreenY };
      }),
    (v) => v !== null,
  );
  if (!ok || !at) throw new Error(`no visible ${byTestId(id)} to click after ${WAIT_MS} ms`);
  const page = frame.page();
  const top = await page.mainFrame().evaluate(() => {
    const w = window as unknown as ScreenPlace;
    return { sx: w.mozInnerScreenX, sy: w.mozInnerScreenY };
  });
  await page.mouse.click(at.x + at.sx - top.sx, at.y + at.sy - top.sy);
}

export async function expectCount(frame: Frame, selector: string, n: number): Promise<void> {
  const { ok, value } = await poll(() => countOf(frame, selector), (count) => count === n);
  if (!ok) throw new Error(`${selector} should match ${n} elements but matches ${value ?? '?'} after ${WAIT_MS} ms`);
}

/**
 * Runs one step of a flow with its own time limit, so a broken add-on fails
 * the run naming the step instead of hanging it; logs how long each took.
 */
export async function step<T>(name: string, fn: () => Promise<T>, ms = 30_000): Promise<T> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`took over ${ms} ms`)), ms);
  });
  try {
    const result = await Promise.race([fn(), limit]);
    console.log(`  ✓ ${name} (${Math.round(performance.now() - started)} ms)`);
    return result;
  } catch (e) {
    throw new Error(`Firefox step "${name}" failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  } finally {
    clearTimeout(timer);
  }
}
