import { stripInvisible } from '../invisible';
import { regexes } from 'zod/mini';
import { fitOrNull } from '../fits';
import { gmailPerson } from './fits';
import type { GmailPerson } from './types';
import { EMAIL_ATTR, HOVERCARD_ATTR, NAME_ATTR } from './selectors';

/** Shared, throw-free helpers for the Gmail readers: addresses, names, ids, text. */

const MAX_NAME = 300;

/**
 * Lower-cased, trimmed address when it is a valid email, else null. zod's own
 * email pattern, tested directly: this runs for every sender of every inbox
 * row, and the schema machinery around it costs more than the test itself.
 */
export function normaliseEmail(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const email = raw.trim().replace(/^mailto:/i, '').toLowerCase();
  return email.length <= 320 && regexes.email.test(email) ? email : null;
}

/** Invisible direction overrides and controls removed (lib/sites/invisible.ts), whitespace collapsed, trimmed. */
export function cleanText(raw: string | null | undefined): string {
  return stripInvisible(raw ?? '').replace(/\s+/g, ' ').trim();
}

/** A person when the address is valid; the name is cut to what the schema allows. */
export function makePerson(name: string | null | undefined, email: string | null | undefined): GmailPerson | null {
  const address = normaliseEmail(email);
  if (!address) return null;
  // Gmail shows the address itself when it knows no name; that is no name.
  const shown = cleanText(name);
  const clean = shown.toLowerCase() === address ? '' : shown.slice(0, MAX_NAME);
  return fitOrNull(gmailPerson, { name: clean, email: address });
}

/**
 * The person an element names: address from `email` (else `data-hovercard-id`),
 * name from `name` (else the element's text). Null when there is no valid address.
 */
export function personFromElement(el: Element, nameAttr = NAME_ATTR): GmailPerson | null {
  try {
    const email = el.getAttribute(EMAIL_ATTR) ?? el.getAttribute(HOVERCARD_ATTR);
    return makePerson(el.getAttribute(nameAttr) ?? el.textContent, email);
  } catch {
    return null;
  }
}

/** Deduplicated by address, first occurrence wins (a later one may supply a missing name); `exclude` left out. */
export function uniquePeople(people: Iterable<GmailPerson | null>, exclude?: string): GmailPerson[] {
  const byEmail = new Map<string, GmailPerson>();
  for (const person of people) {
    if (!person || person.email === exclude) continue;
    const known = byEmail.get(person.email);
    if (!known) byEmail.set(person.email, person);
    else if (!known.name && person.name) byEmail.set(person.email, { ...known, name: person.name });
  }
  return [...byEmail.values()];
}

/** Splits on commas / semicolons that are not inside quotes or angle brackets. */
function splitAddressList(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (ch === '<' && !quoted) angled = true;
    else if (ch === '>' && !quoted) angled = false;
    if ((ch === ',' || ch === ';') && !quoted && !angled) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Parses `Name <a@b.com>, "Last, First" <c@d.com>, e@f.com`; invalid entries dropped. */
export function parseAddressList(text: string | null | undefined): GmailPerson[] {
  if (typeof text !== 'string' || !text.trim()) return [];
  const people: GmailPerson[] = [];
  for (const part of splitAddressList(text)) {
    const angled = /^(.*)<([^<>]*)>\s*$/.exec(part);
    const person = angled
      ? makePerson((angled[1] ?? '').trim().replace(/^"(.*)"$/, '$1'), angled[2])
      : makePerson('', part);
    if (person) people.push(person);
  }
  return people;
}

/** An id as Gmail prints it, without the leading '#'; null when empty, "undefined" or too long. */
export function cleanId(raw: string | null | undefined, max = 200): string | null {
  if (typeof raw !== 'string') return null;
  const id = raw.trim().replace(/^#/, '');
  if (!id || id === 'undefined' || id === 'null' || id.length > max) return null;
  return id;
}
