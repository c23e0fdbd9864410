import { normaliseEmail } from './people';
import { ACCOUNT_BUTTON, ACCOUNT_LABEL_ATTR } from './selectors';

/**
 * The signed-in address. Gmail's title ends "… - <address> - Gmail" (Workspace:
 * "- <Org> Mail"), in every language; the subject before it may itself hold an
 * address, so the last address-only segment wins. Else the account button,
 * whose localised label carries "Name (address)".
 */
export function readAccount(doc: Document): string | null {
  try {
    return fromTitle(doc.title) ?? fromAccountButton(doc);
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

function fromAccountButton(doc: Document): string | null {
  for (const el of doc.querySelectorAll(ACCOUNT_BUTTON)) {
    const label = el.getAttribute(ACCOUNT_LABEL_ATTR) ?? '';
    const inParens = [...label.matchAll(/\(([^()\s]+@[^()\s]+)\)/g)];
    const email = normaliseEmail(inParens.at(-1)?.[1]);
    if (email) return email;
  }
  return null;
}
