// @vitest-environment happy-dom
// Anything a page shows is attacker-controlled. Whatever Gmail's or LinkedIn's markup holds, what the
// content scripts report must pass the protocol the background checks it with: a report the background
// refused would leave the sidebar without its person (issue 10 §1 was exactly that).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createThreadContext } from '@/entrypoints/gmail.content/thread-context';
import { createPersonContext } from '@/entrypoints/linkedin.content/person-context';
import { CStoBG, type PageContext } from '@/lib/messaging/protocol';

const fixtures = path.resolve(__dirname, '../fixtures');
const PAGES = [
  { file: 'gmail/thread-en.html', url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWxyzPricing', site: 'gmail' },
  { file: 'gmail/thread-id.html', url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWxyzPricing', site: 'gmail' },
  { file: 'gmail/thread-hostile.html', url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWxyzPricing', site: 'gmail' },
  { file: 'linkedin/profile-2026-en.html', url: 'https://www.linkedin.com/in/dana-prospect/', site: 'linkedin' },
  { file: 'linkedin/profile-2026-id-contact-info.html', url: 'https://www.linkedin.com/in/budi-santoso-7a1b2c/overlay/contact-info/', site: 'linkedin' },
  { file: 'linkedin/messaging-thread.html', url: 'https://www.linkedin.com/messaging/thread/2-abc/', site: 'linkedin' },
] as const;

const BIDI = ['\u202e', '\u202d', '\u2066', '\u200b', '\ufeff', '\u0000', '\ud800'];
/** Text a hostile sender or profile owner can put on the page. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.constantFrom(...BIDI).map((c) => `${c}Dana${c}@evil.example${c}`),
  fc.emailAddress(),
  fc.integer({ min: 1_000, max: 120_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom('<img src=x onerror=alert(1)>', 'javascript:alert(1)', '__proto__', 'constructor', '=cmd|/c calc', 'data:text/html,<b>', '1e400', '-1', ''),
);

/** Every text node and attribute of a page, as slots a property run may overwrite. */
function slots(doc: Document): Array<(v: string) => void> {
  const out: Array<(v: string) => void> = [];
  const walk = doc.createTreeWalker(doc.documentElement, 0x1 | 0x4);
  for (let n = walk.currentNode as Node | null; n; n = walk.nextNode()) {
    if (n.nodeType === 3) {
      const t = n as Text;
      if (t.data.trim()) out.push((v) => (t.data = v));
    } else {
      const el = n as Element;
      for (const a of [...el.attributes]) out.push((v) => el.setAttribute(a.name, v));
    }
  }
  return out;
}

function withQuery(url: string, q: string): string {
  const u = new URL(url);
  u.searchParams.set('q', q);
  return u.href;
}

function load(html: string, url: string) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
  const parsed = new DOMParser().parseFromString(html, 'text/html');
  const root = document.documentElement;
  for (const a of [...root.attributes]) root.removeAttribute(a.name);
  for (const a of [...parsed.documentElement.attributes]) root.setAttribute(a.name, a.value);
  root.replaceChildren(...[...parsed.documentElement.childNodes].map((n) => document.importNode(n, true)));
}

/** What the content script would send for the page now in `document`. */
function report(site: 'gmail' | 'linkedin'): { type: 'cs/context'; context: PageContext; bodies: Record<string, string> } | null {
  let sent: { type: 'cs/context'; context: PageContext; bodies: Record<string, string> } | null = null;
  const onReport = (context: PageContext, _has: boolean, bodies: Record<string, string>) => (sent = { type: 'cs/context', context, bodies });
  if (site === 'gmail') createThreadContext(onReport).onFrame('rep@acme-sales.com');
  else createPersonContext(onReport).onFrame();
  return sent;
}

describe.each(PAGES)('$file with hostile text anywhere', ({ file, url, site }) => {
  const html = readFileSync(path.join(fixtures, file), 'utf8');

  it('reports the untouched page, and the protocol accepts it', () => {
    load(html, url);
    const msg = report(site);
    expect(msg).not.toBeNull();
    const parsed = CStoBG.safeParse(msg);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 2))).toBe(true);
    // The page shows a person: the reading found them (a reader that returned nothing would pass the schema too).
    const c = msg!.context;
    expect(c.site === 'gmail' ? c.thread : (c.profile ?? c.conversation)).toBeTruthy();
  });

  it('property: whatever the page says, the report passes the protocol', () => {
    load(html, url);
    const count = slots(document).length;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: count - 1 }), hostileText), { minLength: 1, maxLength: 12 }), fc.option(hostileText), (edits, query) => {
        // The address is the page's too: any query string a link can carry.
        load(html, query === null ? url : withQuery(url, query));
        const at = slots(document);
        for (const [i, v] of edits) at[i]!(v);
        const msg = report(site);
        if (msg === null) return true;
        const parsed = CStoBG.safeParse(msg);
        if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues.slice(0, 2)));
        return true;
      }),
      { numRuns: 40 },
    );
  });
});
