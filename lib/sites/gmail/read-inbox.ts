import { firstOf } from '../dom';
import { normaliseEmail } from './people';
import * as S from './selectors';

/**
 * The rows of the thread list (`[gh=tl]`) in `root`: `tr[role=row]` (since
 * ~2018) or `tr.zA`; when Gmail renamed both, every row of the list. A row
 * without a sender simply gets no chip.
 */
export function findListRows(root: ParentNode): HTMLElement[] {
  try {
    const all = [...root.querySelectorAll<HTMLElement>(S.LIST_ANY_ROW)];
    const rows = all.filter((row) => row.matches(S.ROW));
    return rows.length > 0 ? rows : all;
  } catch {
    return [];
  }
}

/**
 * The senders of one row, normalised and checked (normaliseEmail), in row
 * order, at most 50: all the inbox chips need, read on every changed row.
 */
export function readRowSenders(row: Element): string[] {
  const senders: string[] = [];
  try {
    for (const el of row.querySelectorAll(S.ROW_PERSON)) {
      const email = normaliseEmail(el.getAttribute(S.EMAIL_ATTR));
      if (email && !senders.includes(email)) senders.push(email);
      if (senders.length === 50) break;
    }
  } catch {
    // An odd row yields the senders read so far.
  }
  return senders;
}

type Slot = { parent: Element; before: Element | null };

/**
 * Where a stage chip goes in a row: before the subject, where InboxSDK puts
 * labels. The subject is the element carrying the row's thread id; the chip
 * goes before its `.y6` block (the tie-breaker), else before the outermost
 * wrapper that holds only the subject, inside the link that opens the thread.
 * Rows without ids (pre-2018): before `.y6`, else at the start of the link's
 * block or of the subject cell. Null when the row has none of these.
 */
export function chipSlot(row: HTMLElement): Slot | null {
  try {
    return bySubjectId(row) ?? byClasses(row) ?? byLink(row);
  } catch {
    return null;
  }
}

function bySubjectId(row: Element): Slot | null {
  const subject = firstOf(row, S.ROW_SUBJECT_ID);
  if (!subject) return null;
  const y6 = subject.closest(S.ROW_SUBJECT_Y6);
  const wrapper = y6 && row.contains(y6) ? y6 : outermostWrapper(row, subject);
  return wrapper.parentElement ? { parent: wrapper.parentElement, before: wrapper } : null;
}

/** The outermost ancestor of `el` that holds nothing else, below the cell and the thread link. */
function outermostWrapper(row: Element, el: Element): Element {
  let wrapper = el;
  for (let parent = el.parentElement; parent && parent !== row; parent = parent.parentElement) {
    if (parent.childElementCount !== 1 || parent.matches(S.ROW_CELL) || parent.matches(S.ROW_SUBJECT_LINK)) break;
    wrapper = parent;
  }
  return wrapper;
}

/** Rows without ids (pre-2018): before `.y6`. */
function byClasses(row: Element): Slot | null {
  const y6 = row.querySelector(S.ROW_SUBJECT_Y6);
  return y6?.parentElement ? { parent: y6.parentElement, before: y6 } : null;
}

/** The link that opens the thread (`div.xS[role=link] > div.xT`), else the subject cell `td.a4W`. */
function byLink(row: Element): Slot | null {
  const link = row.querySelector(S.ROW_SUBJECT_LINK);
  const first = link?.firstElementChild;
  const cell = link ? null : row.querySelector(S.ROW_SUBJECT_CELL);
  const block = link ?? cell;
  if (!block) return null;
  const inner = block.querySelector(S.ROW_SUBJECT_INNER) ?? (first && first.childElementCount > 0 ? first : block);
  return { parent: inner, before: inner.firstElementChild };
}
