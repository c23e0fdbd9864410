/**
 * The thread id in a Gmail URL, for a thread whose page carries none (no DOM, no globals).
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
function isGmailUrl(url: string): boolean {
  const u = parse(url);
  return !!u && u.protocol === 'https:' && u.hostname === 'mail.google.com' && /^\/mail(\/|$)/.test(u.pathname);
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
