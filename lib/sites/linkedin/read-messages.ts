import type { LinkedInConversation } from './types';
import * as sel from './selectors';
import { isMessagingThreadUrl, profileUrlFromLink } from './urls';
import { cleanText } from './text';

const MAX_BODY = 50_000;

/** FNV-1a: a short stable id for a message the page gives no id to. */
function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * The partner's messages in the open conversation (thread page or open
 * bubble), as text, keyed by a stable id: for trigger scanning only, never
 * stored. A message group names its sender once; later messages of the group
 * inherit it.
 */
export function readPartnerMessages(doc: Document, url: string, partner: LinkedInConversation): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    const root = isMessagingThreadUrl(url)
      ? (doc.querySelector(sel.THREAD_ROOT) ?? doc)
      : (doc.querySelector(sel.OPEN_BUBBLE) ?? null);
    if (!root) return out;
    let sender: { url: string | null; name: string } | null = null;
    for (const ev of root.querySelectorAll(sel.MESSAGE_EVENT)) {
      const name = cleanText(ev.querySelector(sel.MESSAGE_SENDER_NAME)?.textContent ?? '');
      if (name) sender = { name, url: profileUrlFromLink(ev.querySelector(sel.MESSAGE_SENDER_LINK)?.getAttribute('href') ?? '') };
      const body = cleanText(ev.querySelector(sel.MESSAGE_BODY)?.textContent ?? '').slice(0, MAX_BODY);
      if (!sender || !body) continue;
      const fromPartner = partner.profileUrl && sender.url ? sender.url === partner.profileUrl : sender.name === partner.name;
      if (fromPartner) out[`li:${hash(`${partner.profileUrl ?? partner.name}\n${body}`)}`] = body;
    }
  } catch {
    // Odd markup: nothing to scan this time.
  }
  return out;
}
