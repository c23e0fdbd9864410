// Every reader of lib/sites must survive Gmail's and LinkedIn's class renames: each distinct class
// token of each fixture is renamed, one at a time, to a fresh random-looking token, and what the
// content script reads on that page must stay deep-equal to what it reads on the unmodified page.
// It runs in Chromium (the engine the product runs in; a few thousand reads take a second there,
// minutes in happy-dom): the readers are bundled with esbuild, each fixture is parsed inertly with
// DOMParser in one page, renamed in place and read (test/unit/class-renames.page.ts).
import { buildSync } from 'esbuild';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../test/chromium.mjs';
import type { Site } from '../../test/unit/class-renames.page';
import type { RenameReport } from '../../test/unit/rename-classes';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const html = (...p: string[]) => readFileSync(path.join(root, 'test/fixtures', ...p), 'utf8');

/**
 * Tokens a reader may lose, each with the reason. Everything else must be survived.
 * Keep this short: a token lands here only when the page has no data to fall back on.
 */
const MAY_LOSE: Record<string, Record<string, string>> = {
  'linkedin/messaging-overlay.html': {
    'msg-overlay-conversation-bubble--is-minimized':
      'the only mark of a minimised bubble; renamed, the minimised bubble counts as open and, being first, is read (the bubble the rep types in still wins)',
    'visually-hidden':
      'the only mark of screen-reader text ("Status is reachable") inside the partner link; renamed, it joins the name',
  },
};

/**
 * A harder case than the issue asks for: every class of the page renamed at once, as a
 * hashed-class A/B test does to Gmail's own markup. Pages that lose something then (besides
 * those of MAY_LOSE), with the reason.
 */
const ALL_AT_ONCE_MAY_LOSE: Record<string, string> = {
  'gmail/thread-en.html':
    "the quoted reply is marked by the sender's mail client (`gmail_quote`, `gmail_attr`), which Gmail's renames never touch; with both renamed, the \"On … wrote:\" line joins the body text (the blockquote itself stays out)",
  'linkedin/messaging-thread.html':
    'the thread pane, its header and the conversation list are told apart only by their named classes; with all of them gone the partner is unknown (null, never a wrong person)',
};

interface Case {
  name: string;
  site: Site;
  url: string;
  /** What the unmodified page must read, so that a rename has something to lose. */
  reads: Record<string, unknown>;
}

const THREAD_URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWxyzPricing';
const INBOX_URL = 'https://mail.google.com/mail/u/0/#inbox';
const thread = (subject: string, messages: number) => ({
  thread: expect.objectContaining({ subject, messages: expect.toSatisfy((m: unknown[]) => m.length === messages) }),
});
const rows = (count: number) => ({ rows: expect.toSatisfy((r: unknown[]) => r.length === count) });
const compose = (composeId: string) => ({ composes: [expect.objectContaining({ compose: expect.objectContaining({ composeId }), send: expect.toSatisfy((s: unknown[]) => s.length > 0) })] });
const profile = (name: string) => ({ profile: expect.objectContaining({ name }) });

const CASES: Case[] = [
  { name: 'gmail/thread-en.html', site: 'gmail', url: THREAD_URL, reads: { account: 'rep@acme-sales.com', ...thread('Pricing for 50 seats', 3) } },
  { name: 'gmail/thread-id.html', site: 'gmail', url: THREAD_URL, reads: thread('Minta penawaran harga', 3) },
  { name: 'gmail/thread-hostile.html', site: 'gmail', url: THREAD_URL, reads: thread('Invoice <script>alert(1)</script>', 1) },
  { name: 'gmail/thread-broken.html', site: 'gmail', url: THREAD_URL, reads: thread('', 2) },
  { name: 'gmail/thread-freemail.html', site: 'gmail', url: THREAD_URL, reads: thread('Question about your product 👋', 1) },
  { name: 'gmail/inbox-modern.html', site: 'gmail', url: INBOX_URL, reads: rows(12) },
  { name: 'gmail/compose-peoplekit.html', site: 'gmail', url: INBOX_URL, reads: compose('2') },
  { name: 'real/gmail-inbox-list-inboxsdk-2014.html', site: 'gmail', url: INBOX_URL, reads: rows(16) },
  { name: 'real/gmail-compose-js-min.html', site: 'gmail', url: INBOX_URL, reads: compose('1') },
  { name: 'real/linkedin-profile-scoutr-profile1.html', site: 'linkedin', url: 'https://www.linkedin.com/in/eduardo-alvarez-nowak/', reads: profile('Eduardo Alvarez Nowak') },
  { name: 'real/linkedin-profile-synthetic-2026-liex.html', site: 'linkedin', url: 'https://www.linkedin.com/in/janesmith/', reads: profile('Jane Smith') },
  { name: 'linkedin/profile-2026-en.html', site: 'linkedin', url: 'https://www.linkedin.com/in/dana-prospect/', reads: profile('Dana Prospect') },
  { name: 'linkedin/profile-2026-id.html', site: 'linkedin', url: 'https://id.linkedin.com/in/budi-santoso-7a1b2c/', reads: profile('Budi Santoso') },
  { name: 'linkedin/profile-private.html', site: 'linkedin', url: 'https://www.linkedin.com/in/sari-dewi-55/', reads: profile('Sari Dewi') },
  { name: 'linkedin/profile-hostile.html', site: 'linkedin', url: 'https://www.linkedin.com/in/hostile-name/', reads: profile('<img src=x onerror="window.__pwned=1">') },
  {
    name: 'linkedin/messaging-overlay.html',
    site: 'linkedin',
    url: 'https://www.linkedin.com/in/rizky-pratama/',
    reads: { ...profile('Rizky Pratama'), conversation: expect.objectContaining({ name: 'Budi Santoso' }) },
  },
  {
    name: 'linkedin/messaging-thread.html',
    site: 'linkedin',
    url: 'https://www.linkedin.com/messaging/thread/2-ZGFuYS1wcm9zcGVjdA==/',
    reads: { conversation: expect.objectContaining({ name: 'Dana Prospect' }), messages: expect.toSatisfy((m: object) => Object.keys(m).length === 1) },
  },
];

let browser: Browser;
let page: Page;

beforeAll(async () => {
  const bundle = buildSync({
    entryPoints: [path.join(root, 'test/unit/class-renames.page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
  await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

type PageGlobals = {
  renameTest(html: string, site: Site, url: string): RenameReport;
  renameProbe(html: string, selector: string): RenameReport;
  renameAllTest(html: string, site: Site, url: string): { same: boolean; baseline: unknown; renamed: unknown };
};

describe('readers survive every single class rename', () => {
  it.each(CASES)('$name', async ({ name, site, url, reads }) => {
    const report = await page.evaluate(
      ([h, s, u]) => (globalThis as unknown as PageGlobals).renameTest(h, s as Site, u),
      [html(name), site, url] as const,
    );
    expect(report.baseline).toMatchObject(reads);
    expect(report.changed).toEqual(Object.keys(MAY_LOSE[name] ?? {}).sort());
  }, 60_000);

  it.each(CASES)('$name with every class renamed at once', async ({ name, site, url }) => {
    const { same, baseline, renamed } = await page.evaluate(
      ([h, s, u]) => (globalThis as unknown as PageGlobals).renameAllTest(h, s as Site, u),
      [html(name), site, url] as const,
    );
    const mayLose = name in MAY_LOSE || name in ALL_AT_ONCE_MAY_LOSE;
    if (same === mayLose) console.log(name, JSON.stringify(baseline), '\n', JSON.stringify(renamed));
    expect(same).toBe(!mayLose);
  }, 60_000);

  it('counts a loss when a reader depends on a class (the old `div.adn` message selector)', async () => {
    const report = await page.evaluate(
      ([h, s]) => (globalThis as unknown as PageGlobals).renameProbe(h, s),
      [html('gmail/thread-id.html'), 'div.adn'] as const,
    );
    expect(report.tokens).toBeGreaterThan(40);
    expect(report.changed).toEqual(['adn']);
  }, 60_000);
});
