/**
 * Reads who the user is messaging (thread page or overlay bubble) and finds
 * the message composers, so a later feature can log a sent message. Pure over
 * the document it is given; never throws.
 */
import type { LinkedInConversation } from './types';
import { fitOrNull } from '../fits';
import { linkedInConversation } from './fits';
import { allOf } from '../dom';
import * as sel from './selectors';
import { isMessagingThreadUrl, profileUrlFromLink } from './urls';
import { clip, neverThrow, textOf } from './text';

/** The first match in `root` that is not in the conversation list or overlay. */
function firstInThread(root: ParentNode, selector: string): Element | null {
  return Array.from(root.querySelectorAll(selector)).find((el) => !el.closest(sel.NOT_THREAD_PARTNER)) ?? null;
}

function conversation(nameEl: Element | null, link: Element | null): LinkedInConversation | null {
  const name = clip(textOf(nameEl) || textOf(link), 300);
  if (!name) return null;
  return fitOrNull(linkedInConversation, {
    name,
    profileUrl: profileUrlFromLink(link?.getAttribute('href') ?? ''),
  });
}

function readThread(doc: Document): LinkedInConversation | null {
  const root = doc.querySelector(sel.THREAD_ROOT) ?? doc;
  return conversation(firstInThread(root, sel.THREAD_PARTNER_NAME), firstInThread(root, sel.THREAD_PARTNER_LINK));
}

/** The overlay's conversation bubbles: by class, else each child of the
 *  overlay that holds a message form (the conversation-list bubble has none). */
function bubbles(doc: Document): Element[] {
  const byClass = Array.from(doc.querySelectorAll(sel.BUBBLE));
  if (byClass.length > 0) return byClass;
  return allOf(doc, sel.OVERLAY).flatMap((overlay) =>
    Array.from(overlay.children).filter((child) => child.querySelector(sel.FORM)),
  );
}

/** The open bubble the user is typing in, else the first open one. */
function openBubble(doc: Document): Element | null {
  const open = bubbles(doc).filter((bubble) => !bubble.matches(sel.MINIMISED_BUBBLE));
  const active = doc.activeElement;
  return open.find((bubble) => active && bubble.contains(active)) ?? open[0] ?? null;
}

/** Where the open conversation is: the thread pane (else the page) on a
 *  thread page, the open bubble elsewhere; null when there is none. */
export function conversationRoot(doc: Document, url: string): ParentNode | null {
  return isMessagingThreadUrl(url) ? (doc.querySelector(sel.THREAD_ROOT) ?? doc) : openBubble(doc);
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

/** Message composers of the thread page and of every bubble that is not
 *  minimised, in document order: `.msg-form`, and any form holding a text box
 *  and a submit button in the thread pane or the overlay (never a comment box
 *  of the feed). */
export function findMessageComposers(doc: Document): HTMLElement[] {
  try {
    const forms = new Set(Array.from(doc.querySelectorAll<HTMLElement>(sel.MESSAGE_FORM)));
    for (const scope of allOf(doc, [sel.THREAD_ROOT, ...sel.OVERLAY])) {
      for (const form of Array.from(scope.querySelectorAll<HTMLElement>(sel.FORM))) {
        if (form.querySelector(sel.TEXT_BOX) && form.querySelector(sel.SUBMIT)) forms.add(form);
      }
    }
    return [...forms]
      .filter((form) => !form.closest(sel.MINIMISED_BUBBLE))
      .sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
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
