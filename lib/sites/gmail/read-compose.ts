import type { GmailCompose, GmailPerson } from './types';
import { fitOrNull } from '../fits';
import { gmailCompose } from './fits';
import { cleanId, cleanText, parseAddressList, personFromElement, uniquePeople } from './people';
import * as S from './selectors';

const MAX_SUBJECT = 2000;

/**
 * Open compose windows: pop-ups (`[role=dialog]` holding a form) and inline
 * replies (the compose region holding a compose id, or `div.M9`). When one
 * candidate sits inside another (dialog > M9 > region), only the outer one is
 * returned. Document order.
 */
export function findComposeRoots(doc: Document): HTMLElement[] {
  try {
    const dialogs = [...doc.querySelectorAll<HTMLElement>(S.DIALOG)].filter((d) => d.querySelector(S.FORM));
    const regions = [...doc.querySelectorAll<HTMLElement>(S.COMPOSE_REGION)].filter((r) => r.querySelector(S.COMPOSE_ID));
    const candidates = [...dialogs, ...regions, ...doc.querySelectorAll<HTMLElement>(S.COMPOSE_M9)];
    const unique = [...new Set(candidates)];
    return unique
      .filter((el) => !unique.some((other) => other !== el && other.contains(el)))
      .sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
  } catch {
    return [];
  }
}

/** Ids, subject and recipients (To, Cc, Bcc) of one compose; null when unreadable. */
export function readCompose(root: Element): GmailCompose | null {
  try {
    const value = (selector: string): string | null => {
      const el = root.querySelector(selector) as HTMLInputElement | null;
      return el ? (el.value ?? el.getAttribute('value')) : null;
    };
    return fitOrNull(gmailCompose, {
      composeId: cleanId(value(S.COMPOSE_ID)),
      threadId: cleanId(value(S.COMPOSE_REPLY_THREAD)),
      subject: cleanText(value(S.COMPOSE_SUBJECT)).slice(0, MAX_SUBJECT),
      recipients: readRecipients(root).slice(0, 500),
    });
  } catch {
    return null;
  }
}

function readRecipients(root: Element): GmailPerson[] {
  const people: Array<GmailPerson | null> = [];
  // 2021+ PeopleKit chips.
  for (const chip of root.querySelectorAll(S.COMPOSE_PEOPLEKIT_CHIP)) people.push(personFromElement(chip, S.PEOPLEKIT_NAME_ATTR));
  // Older markup: typed text, then the chips made from it.
  for (const area of root.querySelectorAll<HTMLTextAreaElement>(S.COMPOSE_RECIPIENT_TEXTAREA)) {
    people.push(...parseAddressList(area.value ?? area.textContent));
  }
  for (const input of root.querySelectorAll<HTMLInputElement>(S.COMPOSE_CHIP_INPUT)) {
    people.push(...parseAddressList(input.value ?? input.getAttribute('value')));
  }
  for (const el of root.querySelectorAll(S.COMPOSE_CHIP_PERSON)) people.push(personFromElement(el));
  return uniquePeople(people);
}

/**
 * Whether `target` is, or is inside, the compose's primary send button: the
 * `div.T-I.aoO` class first, else a button whose (localised) tooltip carries the
 * "(Ctrl-Enter)" shortcut, as in "Send ‪(Ctrl-Enter)‬" / "Kirim ‪(Ctrl-Enter)‬".
 */
export function isSendControl(target: Element, root: Element): boolean {
  try {
    if (!target || typeof target.closest !== 'function' || !root.contains(target)) return false;
    const byClass = target.closest(S.SEND_BUTTON);
    if (byClass && root.contains(byClass)) return true;
    const byTooltip = target.closest(S.TOOLTIP_BUTTON);
    return !!byTooltip && root.contains(byTooltip) && (byTooltip.getAttribute(S.TOOLTIP_ATTR) ?? '').includes(S.SEND_TOOLTIP_MARK);
  } catch {
    return false;
  }
}
