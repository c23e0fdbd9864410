/**
 * Every Gmail selector the readers use, in one place (see docs/sites.md, Gmail).
 * Each constant names the fixtures it must match and its stability:
 * S attribute/role based or unchanged 5+ years; M obfuscated class stable for
 * years; F changed in the last ~3 years, localised, or deeply structural.
 * Fixtures: test/fixtures/gmail/*.html; "real:" = test/fixtures/real/ (SOURCES.md there).
 * When Gmail breaks one, one fixture test fails and the fix is one line here.
 */

// ── Page ────────────────────────────────────────────────────────────────────

/** Main region. thread-*.html, inbox-modern.html, real: gmail-inbox-list-inboxsdk-2014.html. S */
export const MAIN = 'div[role="main"]';

/** Account button; the label is localised ("Google Account: …", "Akun Google: …"),
 * so only the "(address)" inside it is read. thread-en/id.html. F */
export const ACCOUNT_BUTTON = '[aria-label^="Google Account"], a[href*="accounts.google.com"][aria-label]';
export const ACCOUNT_LABEL_ATTR = 'aria-label';

/** Person attributes Gmail puts on sender / recipient spans and chips. All fixtures. S */
export const EMAIL_ATTR = 'email';
export const HOVERCARD_ATTR = 'data-hovercard-id';
export const NAME_ATTR = 'name';

// ── Open thread ─────────────────────────────────────────────────────────────

/** Subject heading. thread-en/id/hostile/freemail.html (absent in thread-broken.html). S/M */
export const THREAD_SUBJECT = 'h2.hP';

/** Emoji inside the subject; read as its alt text. thread-en.html. S */
export const EMOJI_IMAGE = 'img[data-emoji]';
export const EMOJI_TEXT_ATTR = 'alt';

/** Hex thread id on the subject. thread-en/id/hostile/freemail.html. M */
export const LEGACY_THREAD_ID_ATTR = 'data-legacy-thread-id';

/** Newer thread id; may hold the string "undefined". thread-id.html. M */
export const THREAD_PERM_ID_ATTR = 'data-thread-perm-id';
export const THREAD_PERM_ID = `[${THREAD_PERM_ID_ATTR}]`;

/** One message (expanded `.h7`, collapsed `.kv`/`.kQ`). thread-en/id/hostile/broken/freemail.html. S/M */
export const MESSAGE = 'div.adn';

/** Message ids on MESSAGE: "#msg-f:<dec>" and hex. thread-en/id/broken.html. S */
export const MESSAGE_ID_ATTR = 'data-message-id';
export const LEGACY_MESSAGE_ID_ATTR = 'data-legacy-message-id';

/** Sender: `email` (or `data-hovercard-id`) and `name`. thread-en/id/hostile/freemail.html. S */
export const MESSAGE_SENDER = 'span.gD[email], span.gD[data-hovercard-id]';

/** Recipients (To + Cc) in the header. thread-en/id.html. S/M */
export const MESSAGE_RECIPIENT = 'span.hb span.g2[email]';

/** Date; the title text is localised. thread-en/id.html (English / Indonesian titles). M */
export const MESSAGE_DATE = 'span.g3[title]';
export const MESSAGE_DATE_ATTR = 'title';

/** Message body: page-controlled content, never a source of headers. thread-*.html. M */
export const MESSAGE_BODY = 'div.a3s';

// ── Inbox list ──────────────────────────────────────────────────────────────

/** One row of the thread list. inbox-modern.html (12), real: gmail-inbox-list-inboxsdk-2014.html (16). S/M */
export const LIST_ROW = '[gh="tl"] tr.zA';
export const ROW = 'tr.zA';

/** Thread ids in a row (absent before 2018). inbox-modern.html. S */
export const ROW_THREAD_ID_ATTR = 'data-thread-id';
export const ROW_LEGACY_THREAD_ID_ATTR = LEGACY_THREAD_ID_ATTR;
export const ROW_THREAD_ID = `[${ROW_THREAD_ID_ATTR}]`;
export const ROW_LEGACY_THREAD_ID = `[${ROW_LEGACY_THREAD_ID_ATTR}]`;

/** Any addressed person in a row (span.zF / span.yP in div.yW). inbox-modern.html, real 2014 inbox. S */
export const ROW_PERSON = '[email]';

/** InboxSDK's label spot: before `.y6` in the subject cell. inbox-modern.html, real 2014 inbox. M */
export const ROW_SUBJECT_Y6 = 'td.a4W div.xS div.xT .y6';

/** Newer subject wrapper. inbox-modern.html. M */
export const ROW_SUBJECT_BOG = 'span.bog';

/** Subject cell and its inner block. inbox-modern.html, real 2014 inbox. M */
export const ROW_SUBJECT_CELL = 'td.a4W';
export const ROW_SUBJECT_INNER = 'div.xT';

// ── Compose ─────────────────────────────────────────────────────────────────

/** Pop-up compose: a dialog holding a form. compose-peoplekit.html, real: gmail-compose-js-min.html. S */
export const DIALOG = '[role="dialog"]';
export const FORM = 'form';

/** Compose body block, also inline replies. compose-peoplekit.html, real compose. M */
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

/** Pre-2021 chips: hidden input with "Name <a@b>", or an [email] element. compose tests. F */
export const COMPOSE_CHIP_INPUT = '.vR input[type="hidden"]';
export const COMPOSE_CHIP_PERSON = '.vR [email]';

/** Primary send button by class (first signal). compose-peoplekit.html, real compose. F */
export const SEND_BUTTON = 'div.T-I.aoO[role="button"]';

/** Any button with a tooltip; a send button's (localised) tooltip ends in "(Ctrl-Enter)". F */
export const TOOLTIP_ATTR = 'data-tooltip';
export const TOOLTIP_BUTTON = `[role="button"][${TOOLTIP_ATTR}]`;
export const SEND_TOOLTIP_MARK = 'Enter)';
