/**
 * Reads the contact-info overlay of a profile (`/in/<slug>/overlay/contact-info/`): the email, phone numbers
 * and websites LinkedIn shows a first-degree connection. By what the links are (`mailto:`, `tel:`, external
 * `https:`) and what the text is (a phone number's shape), never by classes or section headings' words, so it
 * reads every UI language and both markup generations. Pure over the document; null when nothing is shown.
 */
import type { LinkedInContactInfo } from './types';
import { fitOrNull } from '../fits';
import { linkedInContactInfo } from './fits';
import * as sel from './selectors';
import { isContactInfoUrl, isLinkedInUrl } from './urls';
import { neverThrow, textOf } from './text';

const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;
/** "+62 812-3456-7890", "(021) 555 1234", "0811-2233-4455": 7 to 15 digits, with the usual punctuation only. */
const PHONE = /^\+?[\d\s().-]{7,24}$/;
const digitCount = (s: string) => s.replace(/\D/g, '').length;
const LIMIT = 5;

function pushNew<T>(list: T[], value: T | null) {
  if (value !== null && !list.includes(value) && list.length < LIMIT) list.push(value);
}

function emailOf(href: string): string | null {
  let address = href.replace(/^mailto:/i, '').split('?')[0] ?? '';
  try {
    address = decodeURIComponent(address);
  } catch {
    return null;
  }
  address = address.trim().toLowerCase();
  return EMAIL.test(address) && address.length <= 320 ? address : null;
}

function phoneOf(text: string): string | null {
  const t = text.replace(/\s+/g, ' ').trim();
  const n = digitCount(t);
  return PHONE.test(t) && n >= 7 && n <= 15 ? t : null;
}

/** The site a link leads to: LinkedIn's redirect wrapper unwrapped; LinkedIn's own pages are not websites. */
function websiteOf(href: string): string | null {
  let url: URL;
  try {
    url = new URL(href);
    if (isLinkedInUrl(url.href) && url.pathname.startsWith('/redir/redirect')) url = new URL(url.searchParams.get('url') ?? '');
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (isLinkedInUrl(url.href) || url.username || url.password) return null;
  return url.href.length <= 500 ? url.href : null;
}

/** The overlay: the open dialog that is not the messaging overlay. */
function overlayRoot(doc: Document): Element | null {
  const dialogs = Array.from(doc.querySelectorAll(sel.DIALOG)).filter((d) => !sel.OVERLAY.some((o) => d.closest(o)));
  return dialogs.at(-1) ?? null;
}

function readContactInfoUnchecked(doc: Document, url: string): LinkedInContactInfo | null {
  if (!isContactInfoUrl(url)) return null;
  const root = overlayRoot(doc);
  if (!root) return null;
  const info: LinkedInContactInfo = { emails: [], phones: [], websites: [] };
  for (const a of Array.from(root.querySelectorAll('a[href]'))) {
    const href = a.getAttribute('href')!.trim();
    if (/^mailto:/i.test(href)) pushNew(info.emails, emailOf(href));
    else if (/^tel:/i.test(href)) pushNew(info.phones, phoneOf(textOf(a)) ?? phoneOf(href.slice(4)));
    else pushNew(info.websites, websiteOf(href));
  }
  // Numbers LinkedIn shows as plain text: the smallest elements whose whole text is a phone number.
  for (const el of Array.from(root.querySelectorAll('span, div, li, p'))) {
    if (el.closest('a') || el.children.length > 0) continue;
    pushNew(info.phones, phoneOf(textOf(el)));
  }
  if (info.emails.length + info.phones.length + info.websites.length === 0) return null;
  return fitOrNull(linkedInContactInfo, info);
}

export const readContactInfo: (doc: Document, url: string) => LinkedInContactInfo | null = neverThrow(readContactInfoUnchecked);
