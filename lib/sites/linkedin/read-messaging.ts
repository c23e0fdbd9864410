/**
 * Reads who the user is messaging (thread page or overlay bubble) and finds
 * the message composers, so a later feature can log a sent message. Pure over
 * the document it is given; never throws.
 */
import { LinkedInConversationSchema, type LinkedInConversation } from './types';
import * as sel from './selectors';
import { isMessagingThreadUrl, profileUrlFromLink } from './urls';
import { clip, neverThrow, textOf, validOrNull } from './text';

/** The first match in `root` that is not in the conversation list or overlay. */
function firstInThread(root: ParentNode, selector: string): Element | null {
  return Array.from(root.querySelectorAll(selector)).find((el) => !el.closest(sel.NOT_THREAD_PARTNER)) ?? null;
}

function conversation(nameEl: Element | null, link: Element | null): LinkedInConversation | null {
  const name = clip(textOf(nameEl) || textOf(link), 300);
  if (!name) return null;
  return validOrNull(LinkedInConversationSchema, {
    name,
    profileUrl: profileUrlFromLink(link?.getAttribute('href') ?? ''),
  });
}

function readThread(doc: Document): LinkedInConversation | null {
  const root = doc.querySelector(sel.THREAD_ROOT) ?? doc;
  return conversation(firstInThread(root, sel.THREAD_PARTNER_NAME), firstInThread(root, sel.THREAD_PARTNER_LINK));
}

/** The open bubble the user is typing in, else the first open one. */
function openBubble(doc: Document): Element | null {
  const open = Array.from(doc.querySelectorAll(sel.OPEN_BUBBLE));
  const active = doc.activeElement;
  return open.find((bubble) => active && bubble.contains(active)) ?? open[0] ?? null;
}

function readOverlay(doc: Document): LinkedInConversation | null {
  const bubble = openBubble(doc);
  if (!bubble) return null;
  return conversation(bubble.querySelector(sel.BUBBLE_TITLE), bubble.querySelector(sel.BUBBLE_PARTNER_LINK));
}

function readConversationUnchecked(doc: Document, url: string): LinkedInConversation | null {
  return isMessagingThreadUrl(url) ? readThread(doc) : readOverlay(doc);
}

/**
 * The conversation partner: on `/messaging/thread/…` the thread's, elsewhere
 * the open overlay bubble's. `profileUrl` is null for group threads and when
 * the page does not link the partner.
 */
export const readConversation: (doc: Document, url: string) => LinkedInConversation | null =
  neverThrow(readConversationUnchecked);

/** Message composers (`.msg-form`) of the thread page and of every bubble
 *  that is not minimised, in document order. */
export function findMessageComposers(doc: Document): HTMLElement[] {
  try {
    return Array.from(doc.querySelectorAll<HTMLElement>(sel.MESSAGE_FORM)).filter(
      (form) => !form.closest(sel.MINIMISED_BUBBLE),
    );
  } catch {
    return [];
  }
}

/** True when a click on `target` (or on an icon inside it) sends `form`'s message. */
export function isMessageSendControl(target: Element, form: Element): boolean {
  try {
    const button = target.closest('button');
    return button !== null && form.contains(button) && button.matches(sel.SEND_BUTTON);
  } catch {
    return false;
  }
}
