import type { LinkedInConversation } from './types';
import * as sel from './selectors';
import { conversationRoot } from './read-messaging';
import { profileUrlFromLink } from './urls';
import { cleanText } from './text';

const MAX_BODY = 50_000;

/** FNV-1a: a short stable id for a message the page gives no id to. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** The messages (and events) of a conversation: by class, else each list
 *  item of it outside the conversation list, forms and headers. */
export function messageEvents(root: ParentNode): Element[] {
  const byClass = Array.from(root.querySelectorAll(sel.MESSAGE_EVENT));
  if (byClass.length > 0) return byClass;
  return Array.from(root.querySelectorAll(sel.LIST_ITEM)).filter(
    (li) => !li.closest(sel.NOT_THREAD_PARTNER) && !li.closest(sel.NOT_A_MESSAGE),
  );
}

/** A message's text: its body by class, else its paragraphs. */
function bodyOf(ev: Element): string {
  const body = ev.querySelector(sel.MESSAGE_BODY);
  const parts = body ? [body] : Array.from(ev.querySelectorAll(sel.PARAGRAPH));
  return cleanText(parts.map((p) => p.textContent ?? '').join(' ')).slice(0, MAX_BODY);
}

/**
 * The partner's messages in the open conversation (thread page or open
 * bubble), as text, keyed by a stable id: for trigger scanning only, never
 * stored. A message group names its sender once (by class, else in the
 * sender's profile link); later messages of the group inherit it.
 */
/** What one report carries (the protocol's caps): the latest messages, each cut to a length a trigger needs. */
export const MAX_PARTNER_MESSAGES = 200;
export const MAX_BODY_CHARS = 50_000;

export function readPartnerMessages(doc: Document, url: string, partner: LinkedInConversation): Record<string, string> {
  const all: [string, string][] = [];
  try {
    const root = conversationRoot(doc, url);
    if (!root) return {};
    let sender: { url: string | null; name: string } | null = null;
    for (const ev of messageEvents(root)) {
      const link = ev.querySelector(sel.MESSAGE_SENDER_LINK);
      const name = cleanText(ev.querySelector(sel.MESSAGE_SENDER_NAME)?.textContent ?? link?.textContent ?? '');
      if (name) sender = { name, url: profileUrlFromLink(link?.getAttribute('href') ?? '') };
      const body = bodyOf(ev);
      if (!sender || !body) continue;
      const fromPartner = partner.profileUrl && sender.url ? sender.url === partner.profileUrl : sender.name === partner.name;
      if (fromPartner) all.push([`li:${hash(`${partner.profileUrl ?? partner.name}\n${body}`)}`, body.slice(0, MAX_BODY_CHARS)]);
    }
  } catch {
    // Odd markup: nothing to scan this time.
  }
  // The newest are last on the page: a conversation of a thousand messages reports its latest 200.
  return Object.fromEntries(all.slice(-MAX_PARTNER_MESSAGES));
}
