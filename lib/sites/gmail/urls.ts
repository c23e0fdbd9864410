/**
 * Pure page detection over Gmail URL strings (no DOM, no globals).
 * Views live in the hash: `#inbox`, `#inbox/<threadId>`, `#label/Work/<id>`,
 * `#search/foo/<id>`, `#category/promotions/<id>`, `#settings/general`.
 */

/** List views whose next hash segment may be a thread id. */
const PLAIN_VIEWS = new Set([
  'inbox', 'starred', 'snoozed', 'imp', 'sent', 'scheduled', 'drafts', 'all', 'spam', 'trash', 'chats', 'outbox',
]);
/** List views taking one parameter (label name, query, category) before the thread id. */
const PARAM_VIEWS = new Set(['label', 'search', 'advanced-search', 'category']);

/** Gmail thread ids in the hash: legacy hex or the newer "FMfcgz…" form; never a page number "p2". */
const THREAD_ID = /^[A-Za-z0-9_-]{10,100}$/;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** https://mail.google.com/mail/… */
export function isGmailUrl(url: string): boolean {
  const u = parse(url);
  return !!u && u.protocol === 'https:' && u.hostname === 'mail.google.com' && /^\/mail(\/|$)/.test(u.pathname);
}

/** The signed-in account slot: `/mail/u/<n>/` → n, else 0. */
export function accountIndex(url: string): number {
  const u = parse(url);
  const m = u ? /^\/mail\/u\/(\d{1,3})(\/|$)/.exec(u.pathname) : null;
  return m ? Number(m[1]) : 0;
}

/** Hash segments without any "?compose=…" tail; null when not a Gmail URL. */
function hashSegments(url: string): string[] | null {
  if (!isGmailUrl(url)) return null;
  const hash = (parse(url)?.hash ?? '').replace(/^#/, '').split('?')[0] ?? '';
  return hash ? hash.split('/') : [];
}

/** The thread id of a thread view (`#inbox/FMfcgz…`, `#label/Work/<id>`), else null. */
export function threadIdFromUrl(url: string): string | null {
  const segments = hashSegments(url);
  const view = segments?.[0];
  if (!segments || !view) return null;
  const expected = PLAIN_VIEWS.has(view) ? 2 : PARAM_VIEWS.has(view) ? 3 : 0;
  if (!expected || segments.length !== expected) return null;
  const id = segments[expected - 1] ?? '';
  return THREAD_ID.test(id) && !/^p\d+$/.test(id) ? id : null;
}

/** An open conversation. */
export function isThreadView(url: string): boolean {
  return threadIdFromUrl(url) !== null;
}

/** A thread list (inbox, label, search, category…, default view when the hash is empty). */
export function isListView(url: string): boolean {
  const segments = hashSegments(url);
  if (!segments || isThreadView(url)) return false;
  const view = segments[0];
  if (!view) return true;
  if (PLAIN_VIEWS.has(view)) return segments.length === 1 || (segments.length === 2 && /^p\d+$/.test(segments[1] ?? ''));
  if (PARAM_VIEWS.has(view)) return segments.length === 2 || (segments.length === 3 && /^p\d+$/.test(segments[2] ?? ''));
  return false;
}
