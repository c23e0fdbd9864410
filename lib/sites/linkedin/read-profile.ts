/**
 * Reads the profile the user is looking at (`/in/<slug>/`) from the page, for
 * both LinkedIn's 2022-24 markup and the class-free 2025/26 markup. Pure over
 * the document it is given; returns null rather than throwing.
 */
import type { LinkedInProfile } from './types';
import { fitOrNull } from '../fits';
import { linkedInProfile } from './fits';
import * as sel from './selectors';
import { isProfilePageUrl, profileUrlFromLink } from './urls';
import { clip, httpsUrl, isSeparator, neverThrow, textOf } from './text';

type Parts = Omit<LinkedInProfile, 'profileUrl' | 'photoUrl'> & { photo: Element | null };

/** "Dana Prospect | LinkedIn", also "(3) Dana Prospect | LinkedIn". */
const TITLE_NAME = /^\s*(?:\(\d+\+?\)\s*)?(.+?)\s*\|\s*LinkedIn\s*$/;
/** Separates "Company · School" and "Company · Full-time". */
const MIDDLE_DOT = /\s+·\s+/;
/** Node.compareDocumentPosition bits, spelled out so no global `Node` is needed. */
const PRECEDING = 2;
const FOLLOWING = 4;

function nameFromTitle(doc: Document): string | null {
  const match = TITLE_NAME.exec(textOf(doc.querySelector('title')) || doc.title || '');
  return match?.[1] ?? null;
}

const sameText = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'base' }) === 0;

/** The candidate that agrees with the title, else the first, else the title. */
function pickName(candidates: Element[], titleName: string | null): string | null {
  const texts = candidates.map(textOf).filter(Boolean);
  return (titleName && texts.find((t) => sameText(t, titleName))) || texts[0] || titleName;
}

/** Text before a middle dot: "BigCorp · University of Indonesia" → "BigCorp". */
function beforeDot(text: string | null): string | null {
  return text?.split(MIDDLE_DOT)[0]?.trim() || null;
}

/**
 * The line just before the contact-info link ("Jakarta, Indonesia · Contact
 * info"): its nearest preceding sibling with letters, climbing a few levels.
 * Layout, not words, so it works in every UI language.
 */
function lineBeforeContactLink(root: Element): Element | null {
  let node: Element | null = root.querySelector(sel.CONTACT_INFO_LINK);
  for (let depth = 0; node && node !== root && depth < 4; depth++) {
    for (let sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) {
      if (!isSeparator(textOf(sib))) return sib;
    }
    node = node.parentElement;
  }
  return null;
}

/** Current company from the first entry of the experience card: its second
 *  line is "Company · Full-time" in both generations. */
function companyFromExperience(doc: Document): string | null {
  const card =
    doc.querySelector(sel.EXPERIENCE_CARD_2026) ??
    doc.getElementById(sel.EXPERIENCE_ANCHOR_ID_2024)?.closest('section') ??
    null;
  if (!card) return null;
  const entity = card.querySelector(sel.PROFILE_ENTITY) ?? card;
  const doubled = entity.querySelectorAll(sel.ENTITY_VISIBLE_LINE);
  const lines = Array.from(doubled.length > 0 ? doubled : entity.querySelectorAll(sel.TEXT_LINE_2026))
    .map(textOf)
    .filter((t) => !isSeparator(t));
  return beforeDot(lines[1] ?? null);
}

/** 2024: the top-card button "Current company: X. Click…" (or its known
 *  translations); its visible text is X in every language. */
function companyFromButtons(topCard: Element): string | null {
  for (const button of Array.from(topCard.querySelectorAll(sel.LABELLED_BUTTON_2024))) {
    const label = cleanLabel(button.getAttribute('aria-label'));
    const colon = label.indexOf(':');
    if (colon < 0 || !sel.CURRENT_COMPANY_LABELS.includes(label.slice(0, colon).trim().toLowerCase())) continue;
    const fromLabel = label.slice(colon + 1).replace(/\.\s+[^.]*$/, '').trim();
    return textOf(button) || fromLabel || null;
  }
  return null;
}

const cleanLabel = (label: string | null) => (label ?? '').replace(/\s+/g, ' ').trim();

/** Own text (not a child's) with a letter or digit. */
function hasOwnText(el: Element): boolean {
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 && !isSeparator(n.textContent ?? '')) return true;
  return false;
}

/**
 * 2024 headline without its classes: the first line of text after the name's
 * row (the nearest `div` around the name heading), outside links, buttons and
 * headings. Layout, not words.
 */
function lineAfterName(topCard: Element, nameEl: Element | null): Element | null {
  const row = nameEl?.closest(sel.NAME_ROW_2024);
  if (!row || !topCard.contains(row)) return null;
  for (const el of Array.from(topCard.querySelectorAll('*'))) {
    if (!(row.compareDocumentPosition(el) & FOLLOWING) || row.contains(el)) continue;
    if (hasOwnText(el) && !el.closest(sel.NOT_A_TEXT_LINE)) return el;
  }
  return null;
}

function read2024(doc: Document, topCard: Element): Parts {
  const location = topCard.querySelector(sel.LOCATION_2024) ?? lineBeforeContactLink(topCard);
  const names = [topCard.querySelector(sel.NAME_2024), topCard.querySelector('h1')].filter((e): e is Element => e !== null);
  return {
    name: pickName(names, nameFromTitle(doc)) ?? '',
    headline: textOf(topCard.querySelector(sel.HEADLINE_2024) ?? lineAfterName(topCard, names[0] ?? null)) || null,
    company: companyFromButtons(topCard) ?? companyFromExperience(doc),
    location: textOf(location) || null,
    photo: topCard.querySelector(sel.PROFILE_PHOTO),
  };
}

function read2026(doc: Document, topCard: Element): Parts {
  const candidates = sel.TOP_CARD_NAME_2026.flatMap((tag) => Array.from(topCard.querySelectorAll(tag)));
  const name = pickName(candidates, nameFromTitle(doc)) ?? '';
  const nameEl = candidates.find((c) => textOf(c) === name) ?? null;
  const contact = topCard.querySelector(sel.CONTACT_INFO_LINK);
  // Text lines after the name, leaving out links ("500+ connections") and separators.
  const lines = Array.from(topCard.querySelectorAll(sel.TEXT_LINE_2026)).filter(
    (p) =>
      (!nameEl || nameEl.compareDocumentPosition(p) & FOLLOWING) &&
      !p.closest('a') &&
      !(contact && p.contains(contact)) &&
      !isSeparator(textOf(p)),
  );
  let location = lineBeforeContactLink(topCard);
  const locationText = textOf(location);
  // Guard against climbing onto the "Company · School" line or the headline
  // when there is no location: a lone first line counts only with a comma.
  const holdsFirstLine = !!(location && lines[0] && location.contains(lines[0]));
  if (MIDDLE_DOT.test(locationText) || (holdsFirstLine && !locationText.includes(','))) location = null;
  const rest = lines.filter((p) => p !== location);
  const before = location ? rest.filter((p) => location.compareDocumentPosition(p) & PRECEDING) : rest;
  const companyLine = before.slice(1).find((p) => MIDDLE_DOT.test(textOf(p)));
  return {
    name,
    headline: textOf(rest[0]) || null,
    company: beforeDot(textOf(companyLine)) ?? companyFromExperience(doc),
    location: textOf(location) || null,
    photo: topCard.querySelector(sel.PROFILE_PHOTO),
  };
}

function photoUrlOf(img: Element | null): string | null {
  const url = httpsUrl(img?.getAttribute('src'));
  return url && url.length <= 2000 ? url : null;
}

function profileUrlOf(doc: Document, root: Element, pageUrl: string): string | null {
  // Any page of the profile (main page, contact-info overlay, details subpages) names its person.
  const fromPage = isProfilePageUrl(pageUrl) ? profileUrlFromLink(pageUrl) : null;
  const link = root.querySelector(sel.CONTACT_INFO_LINK) ?? doc.querySelector(sel.CONTACT_INFO_LINK);
  const fromDom = profileUrlFromLink(link?.getAttribute('href') ?? '');
  // LinkedIn changes the URL before it re-renders: a top card of another
  // person is stale (member-id URLs are redirected to vanity ones, so skip those).
  if (fromPage && fromDom && fromPage !== fromDom && !/\/in\/ACo/.test(fromPage + fromDom)) return null;
  return fromPage ?? fromDom;
}

function readProfileUnchecked(doc: Document, url: string): LinkedInProfile | null {
  const topCard2026 = doc.querySelector(sel.TOP_CARD_2026);
  const topCard = topCard2026 ?? doc.querySelector(sel.TOP_CARD_2024);
  if (!topCard) return null;
  const parts = topCard2026 ? read2026(doc, topCard2026) : read2024(doc, topCard);
  if (!parts.name || sel.ANONYMOUS_MEMBER_NAMES.includes(parts.name.toLowerCase())) return null;
  const profileUrl = profileUrlOf(doc, topCard, url);
  if (!profileUrl) return null;
  return fitOrNull(linkedInProfile, {
    profileUrl,
    name: clip(parts.name, 300) ?? '',
    headline: clip(parts.headline, 500),
    company: clip(parts.company, 300),
    location: clip(parts.location, 300),
    photoUrl: photoUrlOf(parts.photo),
  });
}

/**
 * The profile on a `/in/<slug>/` page: name required (null without one),
 * every other field null when the page does not show it.
 */
export const readProfile: (doc: Document, url: string) => LinkedInProfile | null = neverThrow(readProfileUnchecked);
