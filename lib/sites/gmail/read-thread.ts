import type { GmailMessage, GmailThread } from './types';
import { fitOrNull } from '../fits';
import { gmailMessage, gmailThread } from './fits';
import { firstOf } from '../dom';
import { timeFromMessageId } from './dates';
import { findMessages, headerDate, readHeader } from './messages';
import { cleanId, cleanText, personFromElement, uniquePeople } from './people';
import * as S from './selectors';
import { threadIdFromUrl } from './urls';

const MAX_SUBJECT = 2000;

/**
 * The open conversation in `div[role=main]`: subject, thread id and the messages
 * whose sender can be read, oldest first. Null when no thread is open.
 */
export function readThread(doc: Document, url: string): GmailThread | null {
  try {
    const main = [...doc.querySelectorAll(S.MAIN)].find((m) => subjectOf(m) || firstOf(m, S.MESSAGE));
    if (!main) return null;
    const heading = subjectOf(main);
    const threadId =
      cleanId(heading?.getAttribute(S.LEGACY_THREAD_ID_ATTR)) ??
      cleanId(main.querySelector(S.THREAD_PERM_ID)?.getAttribute(S.THREAD_PERM_ID_ATTR)) ??
      threadIdFromUrl(url);
    const messages: GmailMessage[] = [];
    for (const el of findMessages(main)) {
      const message = readMessage(el);
      if (message) messages.push(message);
    }
    return fitOrNull(gmailThread, {
      threadId: threadId ?? '',
      subject: heading ? textWithEmoji(heading).slice(0, MAX_SUBJECT) : '',
      messages,
    });
  } catch {
    return null;
  }
}

/** The subject heading: among the region's `h2`s (a cheap query by tag), by id attributes first, then by class. */
function subjectOf(main: Element): Element | null {
  const headings = [...main.querySelectorAll(S.SUBJECT_TAG)];
  for (const selector of S.THREAD_SUBJECT) {
    const found = headings.find((h) => h.matches(selector));
    if (found) return found;
  }
  return null;
}

/** Text of an element with emoji images read as their alt text. */
function textWithEmoji(el: Element): string {
  let text = '';
  const walk = (node: Node): void => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) text += child.textContent ?? '';
      else if (child.nodeType === 1) {
        const element = child as Element;
        if (element.matches(S.EMOJI_IMAGE)) text += element.getAttribute(S.EMOJI_TEXT_ATTR) ?? '';
        else walk(element);
      }
    }
  };
  walk(el);
  return cleanText(text);
}

function readMessage(el: Element): GmailMessage | null {
  try {
    const ids = [cleanId(el.getAttribute(S.MESSAGE_ID_ATTR)), cleanId(el.getAttribute(S.LEGACY_MESSAGE_ID_ATTR))];
    const id = ids.find((x) => x !== null);
    if (!id) return null;
    const header = readHeader(el);
    const from = header.sender ? personFromElement(header.sender) : null;
    if (!from) return null;
    const recipients = uniquePeople(header.recipients.map((r) => personFromElement(r)), from.email);
    const date = headerDate(el, header) ?? ids.map((x) => (x ? timeFromMessageId(x) : null)).find((t) => t !== null) ?? null;
    return fitOrNull(gmailMessage, { id, from, recipients: recipients.slice(0, 500), date });
  } catch {
    return null;
  }
}
