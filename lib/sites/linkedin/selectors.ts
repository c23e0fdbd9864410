/**
 * Every LinkedIn selector the readers use, in one place: when LinkedIn changes
 * its markup, one test fails and the fix is one line here.
 *
 * Each constant names the fixtures it must match and its stability, as in
 * docs/sites.md: S attribute based or unchanged for years, M a named
 * (unhashed) class stable for years, F changed in the last ~3 years or
 * localised. Hashed class names are never used. Fixture names: `scoutr-2024` =
 * real/linkedin-profile-scoutr-profile1.html, `liex-2026` =
 * real/linkedin-profile-synthetic-2026-liex.html, the others sit in
 * test/fixtures/linkedin/.
 *
 * Alternatives that run every frame are arrays, asked one at a time
 * (lib/sites/dom.ts): Chromium's querySelector is 10-30x slower on a comma
 * list than on one selector.
 */

// ---- Profile page, both generations -------------------------------------

/** Contact-info overlay link; also the DOM fallback for the profile URL.
 *  scoutr-2024, liex-2026, profile-2026-en, profile-2026-id, profile-hostile,
 *  messaging-overlay. S. */
export const CONTACT_INFO_LINK = 'a[href*="/overlay/contact-info/"]';
/**
 * The contact-info overlay: an ARIA dialog in every generation (2024 `div.artdeco-modal[role=dialog]`, 2026 a
 * class-free one). S: a role, kept for screen readers. What is inside is read by link kind, not by class.
 */
export const DIALOG = '[role="dialog"]';

/** Profile photo (framed = with an #OpenToWork-style frame); searched inside
 *  the top card only, since the nav bar shows the viewer's own photo.
 *  scoutr-2024, liex-2026, profile-2026-en, profile-2026-id. M. */
export const PROFILE_PHOTO = 'img[src*="profile-displayphoto"], img[src*="profile-framedphoto"]';

/** One entry (experience, education…) of a profile card. scoutr-2024 (42 of
 *  them, the first of the experience card is the current job). F. */
export const PROFILE_ENTITY = '[data-view-name="profile-component-entity"]';

/** LinkedIn renders text twice: `aria-hidden` for the eye, `.visually-hidden`
 *  for screen readers. scoutr-2024 (165 times), messaging fixtures. M. */
export const VISUALLY_HIDDEN_CLASS = 'visually-hidden';

/** The visible copy of a doubled text line inside an entity. scoutr-2024. M. */
export const ENTITY_VISIBLE_LINE = 'span[aria-hidden="true"]';

// ---- Profile page, 2025/26 class-free markup ----------------------------

/** Top card. liex-2026, profile-2026-en, profile-2026-id, profile-private,
 *  profile-hostile, messaging-overlay. F. */
export const TOP_CARD_2026 = '[data-view-name="profile-top-card"]';

/** Name: the first `h1` of the top card (real pages since Feb 2026), else the
 *  first `h2` (before; liex-2026). profile-2026-*, profile-private,
 *  profile-hostile use `h1`. F. */
export const TOP_CARD_NAME_2026 = ['h1', 'h2'] as const;

/** Text lines of the 2026 top card and entities (headline, "Company · School",
 *  location, experience lines). liex-2026, profile-2026-en, profile-2026-id. F. */
export const TEXT_LINE_2026 = 'p';

/** Experience card. liex-2026. F. */
export const EXPERIENCE_CARD_2026 = '[data-view-name="profile-card-experience"]';

// ---- Profile page, 2022-24 markup ---------------------------------------

/** Top card. scoutr-2024. F (gone in the 2025 redesign). */
export const TOP_CARD_2024 = 'section[data-member-id]';

/** Name. scoutr-2024. F; the top card's first `h1` is the fallback. */
export const NAME_2024 = 'h1.text-heading-xlarge';

/** Headline. scoutr-2024. F; the first text line after the name's row is the fallback. */
export const HEADLINE_2024 = 'div.text-body-medium.break-words';

/** The name's row: the nearest `div` around the name heading; the headline
 *  is the first text line after it. scoutr-2024. F (layout). */
export const NAME_ROW_2024 = 'div';

/** Not a text line of the top card: links, buttons, headings. scoutr-2024. S. */
export const NOT_A_TEXT_LINE = 'a, button, h1, h2, h3, h4, h5, h6';

/** Location. scoutr-2024. F; the text before the contact-info link is the fallback. */
export const LOCATION_2024 = 'span.text-body-small.inline.t-black--light.break-words';

/** Top-card buttons labelled "<label>: <value>. <action>" (current company,
 *  education). scoutr-2024. F: the label is localised, see below. */
export const LABELLED_BUTTON_2024 = 'button[aria-label]';

/** The "<label>" of the current-company button in the UI languages we know,
 *  lower-cased ("Current company: X. Click…", "Perusahaan saat ini: X. Klik…").
 *  Other languages fall back to the experience card. scoutr-2024. F. */
export const CURRENT_COMPANY_LABELS: readonly string[] = ['current company', 'perusahaan saat ini'];

/** Anchor inside the experience card, whose `section` is the card. scoutr-2024. M. */
export const EXPERIENCE_ANCHOR_ID_2024 = 'experience';

/** Names LinkedIn shows instead of a hidden member's name; not a person. F. */
export const ANONYMOUS_MEMBER_NAMES: readonly string[] = ['linkedin member', 'anggota linkedin'];

// ---- Messaging ----------------------------------------------------------
// LinkedIn marks its messaging UI with named (BEM) classes only; where the
// markup has data (profile links, the overlay's id, forms, submit buttons),
// each class below has a fallback made of it.

/** Thread pane of `/messaging/thread/<id>/`. messaging-thread. M; the whole page is the fallback. */
export const THREAD_ROOT = '.msg-thread';

/** Conversation list and overlay, both full of other people's names; never
 *  read for the thread partner. messaging-thread. M. */
export const NOT_THREAD_PARTNER = '.msg-conversations-container, .msg-overlay-container';

/** Partner name in the thread header. messaging-thread. M. */
export const THREAD_PARTNER_NAME = '.msg-entity-lockup__entity-title, .msg-thread__link-to-profile h2';

/** Partner profile link in the thread header. messaging-thread. M. */
export const THREAD_PARTNER_LINK =
  'a.msg-thread__link-to-profile[href*="/in/"], .msg-entity-lockup a[href*="/in/"]';

/** The messaging overlay (`aside#msg-overlay`). messaging-overlay. S (id) / M (class). */
export const OVERLAY = ['#msg-overlay', '.msg-overlay-container'] as const;

/** A conversation bubble of the overlay; the conversation-list bubble is a
 *  different element. messaging-overlay. M; the fallback is a child of the
 *  overlay that holds a message form. */
export const BUBBLE = '.msg-overlay-conversation-bubble';

/** A minimised bubble. messaging-overlay (one open, one minimised). M: the
 *  markup has no other mark of it. */
export const MINIMISED_BUBBLE = '.msg-overlay-conversation-bubble--is-minimized';

/** Partner name in a bubble header. messaging-overlay. M; the partner link's text is the fallback. */
export const BUBBLE_TITLE = '.msg-overlay-bubble-header__title';

/** Partner link in a bubble header, not the message senders' links below it
 *  (one of which is the viewer). messaging-overlay. M/S. */
export const BUBBLE_PARTNER_LINK = '.msg-overlay-bubble-header__title a[href*="/in/"], header a[href*="/in/"]';

/** A message composer, in the thread page and in each bubble.
 *  messaging-thread, messaging-overlay. M; the fallback is a form holding a
 *  text box and a submit button, in the thread pane or the overlay. */
export const MESSAGE_FORM = '.msg-form';
export const FORM = 'form';
export const TEXT_BOX = '[contenteditable="true"]';
export const SUBMIT = 'button[type="submit"]';

/** The composer's send control. messaging-thread, messaging-overlay. M/S. */
export const SEND_BUTTON = 'button.msg-form__send-button, button[type="submit"]';

/** One message (or event) in a conversation. messaging-thread, messaging-overlay. M; the
 *  fallback is each list item of the conversation outside the conversation list and forms. */
export const MESSAGE_EVENT = '.msg-s-message-list__event';
export const LIST_ITEM = 'li';
export const NOT_A_MESSAGE = 'form, header';

/** Sender of a message group (only on the group's first message). M; the
 *  fallback is the text of the sender's profile link. */
export const MESSAGE_SENDER_NAME = '.msg-s-message-group__name';
export const MESSAGE_SENDER_LINK = 'a.msg-s-message-group__profile-link[href*="/in/"], a[href*="/in/"]';

/** The text of one message. M; the fallback is the message's paragraphs. */
export const MESSAGE_BODY = '.msg-s-event-listitem__body';
export const PARAGRAPH = 'p';
