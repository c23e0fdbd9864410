import { allOf } from '../dom';
import { parseGmailDate } from './dates';
import * as S from './selectors';

/**
 * The parts of an open thread's messages, found by what Gmail uses as data
 * (message ids, person attributes, the header's heading, date titles), with
 * class tokens only as tie-breakers, so that a renamed class loses nothing.
 * Throw-free over any markup.
 */

/** The messages under `root`, in page order: each outermost element that carries a message id. */
export function findMessages(root: ParentNode): Element[] {
  const found = allOf(root, S.MESSAGE);
  return found.filter((el) => !found.some((other) => other !== el && other.contains(el)));
}

export interface MessageHeader {
  /** The sender's element: the person in the header's heading, else `span.gD`. */
  sender: Element | null;
  /** The other people of the header, in page order (the "to …" line when Gmail marks it). */
  recipients: Element[];
  /** Whether an element belongs to the header (not to the body, nor, without `div.a3s`, outside the header table). */
  inHeader: (el: Element) => boolean;
}

/** The heading around `el` inside `message` (the sender's `h3`), else null. */
function headingOf(message: Element, el: Element): Element | null {
  const heading = el.closest(S.HEADING);
  return heading && message.contains(heading) ? heading : null;
}

/** The outermost table around `anchor` inside `message`: Gmail's header layout since 2011. */
function headerTable(message: Element, anchor: Element | null): Element | null {
  let table: Element | null = null;
  for (let el = anchor?.parentElement; el && el !== message; el = el.parentElement) {
    if (el.tagName === S.HEADER_TABLE) table = el;
  }
  return table;
}

/**
 * The header of one message. The body (`div.a3s`) is the sender's own HTML and
 * never a source of people or dates; when that class is gone, the header is
 * the sender's outermost table in the message.
 */
export function readHeader(message: Element): MessageHeader {
  const bodies = [...message.querySelectorAll(S.MESSAGE_BODY)];
  const outsideBody = (el: Element) => !bodies.some((body) => body.contains(el));
  const people = allOf(message, S.PERSON).filter(outsideBody);
  const sender =
    people.find((el) => headingOf(message, el)) ?? people.find((el) => el.matches(S.SENDER_CLASS)) ?? null;
  const table = bodies.length === 0 ? headerTable(message, sender ?? people[0] ?? null) : null;
  const inHeader = (el: Element) => outsideBody(el) && (!table || table.contains(el));
  const senderHeading = sender ? headingOf(message, sender) : null;
  let recipients = people.filter((el) => el !== sender && inHeader(el) && !senderHeading?.contains(el));
  const onLine = recipients.filter((el) => el.closest(S.RECIPIENT_LINE));
  if (onLine.length > 0) recipients = onLine;
  return { sender, recipients, inHeader };
}

/** The first header date title that reads as a date (`span.g3`'s first), else null. */
export function headerDate(message: Element, header: MessageHeader): number | null {
  for (const selector of [S.DATE_CLASS_HOLDER, S.DATE_HOLDER]) {
    for (const el of message.querySelectorAll(selector)) {
      const date = header.inHeader(el) ? parseGmailDate(el.getAttribute(S.DATE_TITLE_ATTR) ?? '') : null;
      if (date !== null) return date;
    }
  }
  return null;
}

/**
 * The message's body element: `div.a3s`, else the first block with text that
 * follows the header (its table and the wrappers that hold only it).
 */
export function messageBody(message: Element): Element | null {
  const body = message.querySelector(S.MESSAGE_BODY);
  if (body) return body;
  const people = allOf(message, S.PERSON);
  const anchor = people.find((el) => headingOf(message, el)) ?? people[0] ?? message.querySelector(S.DATE_HOLDER);
  let block = headerTable(message, anchor);
  if (!block) return null;
  while (block.parentElement && block.parentElement !== message && block.parentElement.childElementCount === 1) {
    block = block.parentElement;
  }
  for (let next = block.nextElementSibling; next; next = next.nextElementSibling) {
    if ((next.textContent ?? '').trim()) return next;
  }
  return null;
}
