/**
 * Reading text out of LinkedIn's DOM safely: textContent only (never
 * HTML parsing), LinkedIn's screen-reader duplicates dropped, whitespace
 * collapsed, invisible direction overrides removed.
 */
import { stripInvisible } from '../invisible';
import { VISUALLY_HIDDEN_CLASS } from './selectors';

export function cleanText(text: string): string {
  return stripInvisible(text).replace(/\s+/g, ' ').trim();
}

function collect(node: Node, skipHidden: boolean, out: string[]): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) out.push(child.textContent ?? '');
    else if (child.nodeType === 1) {
      const hidden = (child as Element).classList?.contains(VISUALLY_HIDDEN_CLASS) ?? false;
      if (!(skipHidden && hidden)) collect(child, skipHidden, out);
    }
  }
}

/**
 * The text a sighted user reads in `el`: without `.visually-hidden` copies
 * ("Budi Santoso" + hidden "Status is online"), unless the hidden part is all
 * there is.
 */
export function textOf(el: Element | null | undefined): string {
  if (!el) return '';
  const visible: string[] = [];
  collect(el, true, visible);
  const text = cleanText(visible.join(''));
  if (text) return text;
  const all: string[] = [];
  collect(el, false, all);
  return cleanText(all.join(''));
}

/** Text shortened to a schema's maximum length, or null when empty. */
export function clip(text: string | null | undefined, max: number): string | null {
  if (!text) return null;
  const chars = Array.from(text);
  return chars.length > max ? chars.slice(0, max).join('').trim() : text;
}

/** Separator-only lines such as "·" between the location and "Contact info". */
export function isSeparator(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}

/** An absolute https URL from an attribute, or null. */
export function httpsUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Runs a reader, turning any surprise from an odd DOM into null. */
export function neverThrow<A extends unknown[], R>(read: (...args: A) => R | null): (...args: A) => R | null {
  return (...args: A) => {
    try {
      return read(...args);
    } catch {
      return null;
    }
  };
}
