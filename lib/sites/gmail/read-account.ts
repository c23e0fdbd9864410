import { findMessages, readHeader } from './messages';
import { normaliseEmail } from './people';
import { ACCOUNT_BUTTON, ACCOUNT_LABEL_ATTR, EMAIL_ATTR, MAIN, MESSAGE_BODY, NAME_ATTR } from './selectors';

/**
 * The signed-in address. Gmail's title ends "… - <address> - Gmail" (Workspace:
 * "- <Org> Mail"), in every language; the subject before it may itself hold an
 * address, so the last address-only segment wins. Else the account button,
 * whose localised label carries "Name (address)".
 */
export function readAccount(doc: Document): string | null {
  try {
    return fromTitle(doc.title) ?? fromAccountButton(doc) ?? fromMeLabel(doc);
  } catch {
    return null;
  }
}

function fromTitle(title: string | null | undefined): string | null {
  const segments = (title ?? '').split(' - ');
  for (let i = segments.length - 1; i >= 0; i--) {
    const email = normaliseEmail(segments[i]);
    if (email) return email;
  }
  return null;
}

// How Gmail names the signed-in user among a message's people, in the UI languages we know.
const ME_WORDS = new Set(['me', 'saya', 'aku', 'moi', 'ich', 'yo', 'eu', 'io', 'mij', 'mig', 'minä', 'ja', 'я', 'ben', 'tôi', 'ฉัน', '我', '私', '나']);

/**
 * Last resort for pages whose title and account button say nothing: in an
 * open thread, Gmail labels the signed-in user "me" (localised) while the
 * element keeps the real address. Header elements only, never the body.
 */
function fromMeLabel(doc: Document): string | null {
  for (const main of doc.querySelectorAll(MAIN)) {
    for (const message of findMessages(main)) {
      const header = readHeader(message);
      for (const el of header.sender ? [header.sender, ...header.recipients] : header.recipients) {
        const shown = (el.textContent ?? '').trim().toLowerCase();
        if (!ME_WORDS.has(shown) || shown === (el.getAttribute(NAME_ATTR) ?? '').trim().toLowerCase()) continue;
        const email = normaliseEmail(el.getAttribute(EMAIL_ATTR));
        if (email) return email;
      }
    }
  }
  return null;
}

function fromAccountButton(doc: Document): string | null {
  for (const el of doc.querySelectorAll(ACCOUNT_BUTTON)) {
    // The account button sits in Gmail's bar, never in the mail area: a link in an email's body that looks
    // like it (sender-controlled HTML) must not decide who the rep is.
    if (el.closest(MAIN) || el.closest(MESSAGE_BODY)) continue;
    const label = el.getAttribute(ACCOUNT_LABEL_ATTR) ?? '';
    const inParens = [...label.matchAll(/\(([^()\s]+@[^()\s]+)\)/g)];
    const email = normaliseEmail(inParens.at(-1)?.[1]);
    if (email) return email;
  }
  return null;
}
