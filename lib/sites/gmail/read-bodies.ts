import { findMessages, messageBody } from './messages';
import { cleanId } from './people';
import * as S from './selectors';

export const MAX_BODY = 50_000;

/**
 * The visible text of each expanded message's body, by message id, for trigger
 * scanning only: it is sent to the background, scanned, and never stored
 * (only a matched phrase is). Quoted history is left out (the rep's own old
 * words must not count as the sender's); text only.
 */
export function readMessageBodies(doc: Document): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    for (const main of doc.querySelectorAll(S.MAIN)) {
      for (const el of findMessages(main)) {
        const id = cleanId(el.getAttribute(S.MESSAGE_ID_ATTR)) ?? cleanId(el.getAttribute(S.LEGACY_MESSAGE_ID_ATTR));
        const body = id ? messageBody(el) : null;
        if (!id || !body) continue;
        let text = '';
        const walker = doc.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
          acceptNode: (n) => (n.parentElement?.closest(S.QUOTED) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
        });
        for (let n = walker.nextNode(); n && text.length < MAX_BODY; n = walker.nextNode()) text += `${n.nodeValue ?? ''} `;
        text = text.replace(/\s+/g, ' ').trim().slice(0, MAX_BODY);
        if (text) out[id] = text;
      }
    }
  } catch {
    // Odd markup: no bodies this frame, nothing breaks.
  }
  return out;
}
