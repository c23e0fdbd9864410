/**
 * Every Gmail selector the readers use, in one place (see docs/sites.md, Gmail).
 * Alternatives are arrays, asked one at a time (lib/sites/dom.ts): Chromium's
 * querySelector is 10-30x slower on a comma list than on one selector.
 * Each constant names the fixtures it must match and its stability:
 * S attribute/role based or unchanged 5+ years; M obfuscated class stable for
 * years; F changed in the last ~3 years, localised, or deeply structural.
 * Fixtures: test/fixtures/gmail/*.html; "real:" = test/fixtures/real/ (SOURCES.md there).
 * When Gmail breaks one, one fixture test fails and the fix is one line here.
 */

// ── Page ────────────────────────────────────────────────────────────────────

/** Main region. thread-*.html, inbox-modern.html, real: gmail-inbox-list-inboxsdk-2014.html. S */
export const MAIN = 'div[role="main"]';

/** Account button, by its href (S) or its localised label ("Google Account: …", "Akun Google: …", F);
 * only the "(address)" inside the label is read. thread-en/id/broken.html. S/F */
export const ACCOUNT_BUTTON = '[aria-label^="Google Account"], a[href*="accounts.google.com"][aria-label]';
export const ACCOUNT_LABEL_ATTR = 'aria-label';

/** Person attributes Gmail puts on sender / recipient spans and chips. All fixtures. S */
export const EMAIL_ATTR = 'email';
export const HOVERCARD_ATTR = 'data-hovercard-id';
export const NAME_ATTR = 'name';

// ── Open thread ─────────────────────────────────────────────────────────────
// A thread is found by its data (message ids, person attributes, headings), so a
// renamed class token loses nothing; class tokens only break ties (see each constant).

/** Subject heading: an `h2` (found by tag, Chromium's fastest query), by its thread-id attributes
 * first, `h2.hP` for a heading without them. thread-en/id/hostile/freemail.html (absent in
 * thread-broken.html). S (attributes) / M (hP) */
export const SUBJECT_TAG = 'h2';
export const THREAD_SUBJECT = ['h2[data-legacy-thread-id]', 'h2[data-thread-perm-id]', 'h2.hP'] as const;

/** Emoji inside the subject; read as its alt text. thread-en.html. S */
export const EMOJI_IMAGE = 'img[data-emoji]';
export const EMOJI_TEXT_ATTR = 'alt';

/** Hex thread id on the subject. thread-en/id/hostile/freemail.html. M */
export const LEGACY_THREAD_ID_ATTR = 'data-legacy-thread-id';

/** Newer thread id; may hold the string "undefined". thread-id.html. M */
export const THREAD_PERM_ID_ATTR = 'data-thread-perm-id';
export const THREAD_PERM_ID = `[${THREAD_PERM_ID_ATTR}]`;

/** One message: the `div` that carries a message id (Gmail's `div.adn`; expanded `.h7`, collapsed
 * `.kv`/`.kQ` around it). Only the outermost holder counts. The tag makes the query on a 100-row inbox,
 * where it runs every frame and finds nothing, 2-4x cheaper than the bare attribute.
 * thread-en/id/hostile/broken/freemail.html. S */
export const MESSAGE_ID_ATTR = 'data-message-id';
export const LEGACY_MESSAGE_ID_ATTR = 'data-legacy-message-id';
export const MESSAGE = [`div[${MESSAGE_ID_ATTR}]`, `div[${LEGACY_MESSAGE_ID_ATTR}]`] as const;

/** A person in a message header: `email` (or `data-hovercard-id`) plus `name`. thread-*.html. S */
export const PERSON = ['[email]', '[data-hovercard-id]'] as const;

/** The sender is the person in the header's heading (`h3.iw > span.qu > span.gD`); recipients are
 * the header's other people. thread-en/id/hostile/freemail.html. S (heading) */
export const HEADING = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

/** Sender by class, for a header without a heading. read-thread.test.ts (a header without h3). M */
export const SENDER_CLASS = 'span.gD';

/** The "to …" line (`span.hb span.g2`): when present, recipients are read from it only, which leaves
 * out the people of the opened details card (reply-to). thread-en/id/hostile/broken.html. M (tie-breaker) */
export const RECIPIENT_LINE = 'span.hb';

/** Date: a header element whose `title` is a date (localised text, parsed in English and Indonesian);
 * `span.g3` wins a tie. thread-en/id/hostile/broken.html. S (title) / M (g3) */
export const DATE_TITLE_ATTR = 'title';
export const DATE_HOLDER = `[${DATE_TITLE_ATTR}]`;
export const DATE_CLASS_HOLDER = `span.g3${DATE_HOLDER}`;

/** Message body: page-controlled content, never a source of headers. Without it (renamed), the
 * header is the sender's outermost table in the message and the body the block after it.
 * thread-*.html. M (a3s) / F (table layout, the fallback) */
export const MESSAGE_BODY = 'div.a3s';
/** Tag name (compared with `tagName`) of the header's layout table. */
export const HEADER_TABLE = 'TABLE';

/** Quoted history inside a body: the sender's mail client marks it (`gmail_quote`, `gmail_attr`,
 * `blockquote`; more than one, so one renamed token is covered by another), Gmail wraps trimmed
 * content (`yj6qo`, `adL`). thread-en.html. S (blockquote) / M */
export const QUOTED = '.gmail_quote, .gmail_attr, blockquote, .gmail_extra, div.yj6qo, div.adL';

// ── Inbox list ──────────────────────────────────────────────────────────────

/** Thread list (`[gh=tl]`) and its rows: `role=row` since ~2018, `tr.zA` before; any row of the list
 * when neither matches. inbox-modern.html (12), real: gmail-inbox-list-inboxsdk-2014.html (16). S/M */
export const LIST_ANY_ROW = '[gh="tl"] tr';
export const ROW = 'tr[role="row"], tr.zA';

/** The row's subject: the span carrying its thread ids (`span.bqe[data-thread-id][data-legacy-thread-id]`;
 * absent before 2018). inbox-modern.html (row 11: legacy id only). S */
export const ROW_SUBJECT_ID = ['[data-thread-id]', `[${LEGACY_THREAD_ID_ATTR}]`] as const;

/** Any addressed person in a row (span.zF / span.yP in div.yW). inbox-modern.html, real 2014 inbox. S */
export const ROW_PERSON = '[email]';

/** Where the subject's wrappers stop: the cell, or the link that opens the thread (`div.xS[role=link]`).
 * inbox-modern.html, real 2014 inbox. S */
export const ROW_SUBJECT_LINK = '[role="link"]';
export const ROW_CELL = 'td, [role="gridcell"]';

/** InboxSDK's label spot: before `.y6` in the subject block. inbox-modern.html, real 2014 inbox. M */
export const ROW_SUBJECT_Y6 = '.y6';

/** Subject cell and its inner block. inbox-modern.html, real 2014 inbox. M */
export const ROW_SUBJECT_CELL = 'td.a4W';
export const ROW_SUBJECT_INNER = 'div.xT';

// ── Compose ─────────────────────────────────────────────────────────────────

/** Pop-up compose: a dialog holding a form. compose-peoplekit.html, real: gmail-compose-js-min.html. S */
export const DIALOG = '[role="dialog"]';
export const FORM = 'form';

/** Compose region (`div.aoI[role=region]`, in pop-ups and inline replies) holding a compose id.
 * compose-peoplekit.html, real compose. S */
export const COMPOSE_REGION = '[role="region"]';

/** Compose block, also inline replies; a tie-breaker beside the region. compose-peoplekit.html, real compose. M */
export const COMPOSE_M9 = 'div.M9';

/** Hidden ids. compose-peoplekit.html, real compose. S */
export const COMPOSE_ID = 'input[name="composeid"]';
export const COMPOSE_REPLY_THREAD = 'input[name="rt"]';

/** Subject. compose-peoplekit.html, real compose. S */
export const COMPOSE_SUBJECT = 'input[name="subjectbox"]';

/** 2021+ PeopleKit chips: address in data-hovercard-id, name in data-name. compose-peoplekit.html. M */
export const COMPOSE_PEOPLEKIT_CHIP = ['to', 'cc', 'bcc']
  .map((f) => `[name="${f}"] [role="option"][data-hovercard-id]`)
  .join(', ');
export const PEOPLEKIT_NAME_ATTR = 'data-name';

/** Pre-2021 recipient fields: "Name <a@b>, c@d" text. Real compose (empty to/cc/bcc). F */
export const COMPOSE_RECIPIENT_TEXTAREA = 'textarea[name="to"], textarea[name="cc"], textarea[name="bcc"]';

/** Pre-2021 chips: a hidden input named like its field with "Name <a@b>", or an [email] element, in
 * the compose form (`div.vR` around them). compose tests. F */
export const COMPOSE_CHIP_INPUT = ['to', 'cc', 'bcc'].map((f) => `form input[type="hidden"][name="${f}"]`).join(', ') + ', .vR input[type="hidden"]';
export const COMPOSE_CHIP_PERSON = 'form [email], .vR [email]';

/** Send button, two independent signals (either suffices): the class of the primary button (M, below)
 * and the "(Ctrl-Enter)" shortcut in its tooltip (F). compose-peoplekit.html, real compose. */
export const SEND_BUTTON = 'div.T-I.aoO[role="button"]';

/** Any button with a tooltip; a send button's (localised) tooltip carries "(Ctrl-Enter)". compose-peoplekit.html, real compose. F */
export const TOOLTIP_ATTR = 'data-tooltip';
export const TOOLTIP_BUTTON = `[role="button"][${TOOLTIP_ATTR}]`;
export const SEND_TOOLTIP_MARK = 'Enter)';
