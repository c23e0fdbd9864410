import { GmailInboxRowSchema, type GmailInboxRow } from './types';
import { cleanId, normaliseEmail } from './people';
import * as S from './selectors';

/**
 * Thread-list rows (`tr.zA` in `[gh=tl]`) under `root` — a document, the list,
 * or a freshly rendered row itself. Rows whose data fails the schema are dropped.
 */
export function readInboxRows(root: ParentNode): Array<{ row: HTMLElement; data: GmailInboxRow }> {
  const out: Array<{ row: HTMLElement; data: GmailInboxRow }> = [];
  try {
    const rows: Element[] = [...root.querySelectorAll(S.LIST_ROW)];
    if (isElement(root) && root.matches(S.LIST_ROW)) rows.unshift(root);
    for (const row of rows) {
      const data = readRow(row);
      if (data) out.push({ row: row as HTMLElement, data });
    }
  } catch {
    // An odd DOM yields the rows read so far.
  }
  return out;
}

function isElement(node: ParentNode): node is Element {
  return typeof (node as Element).matches === 'function';
}

/**
 * The senders of one row, normalised and checked (normaliseEmail), in row
 * order, at most 50: all the inbox chips need, read on every changed row, so
 * without the whole row's schema parse.
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

function readRow(row: Element): GmailInboxRow | null {
  try {
    const parsed = GmailInboxRowSchema.safeParse({ threadId: rowThreadId(row), senders: readRowSenders(row) });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** "thread-f:<dec>" from `data-thread-id`, else the legacy hex id, else null (pre-2018 rows). */
function rowThreadId(row: Element): string | null {
  const attrs: Array<[string, string]> = [
    [S.ROW_THREAD_ID, S.ROW_THREAD_ID_ATTR],
    [S.ROW_LEGACY_THREAD_ID, S.ROW_LEGACY_THREAD_ID_ATTR],
  ];
  for (const [selector, attr] of attrs) {
    const el = row.matches(selector) ? row : row.querySelector(selector);
    const id = cleanId(el?.getAttribute(attr));
    if (id) return id;
  }
  return null;
}

/**
 * Where a stage chip goes in a row: before `.y6` in the subject block (InboxSDK's
 * spot), else before the container of `span.bog` (newer markup), else at the start
 * of the subject cell; null when the row has none of these.
 */
export function chipSlot(row: HTMLElement): { parent: Element; before: Element | null } | null {
  try {
    const y6 = row.querySelector(S.ROW_SUBJECT_Y6);
    if (y6?.parentElement) return { parent: y6.parentElement, before: y6 };
    const bogContainer = row.querySelector(S.ROW_SUBJECT_BOG)?.parentElement;
    if (bogContainer?.parentElement && row.contains(bogContainer.parentElement)) {
      return { parent: bogContainer.parentElement, before: bogContainer };
    }
    const cell = row.querySelector(S.ROW_SUBJECT_CELL);
    if (cell) {
      const inner = cell.querySelector(S.ROW_SUBJECT_INNER) ?? cell;
      return { parent: inner, before: inner.firstElementChild };
    }
    return null;
  } catch {
    return null;
  }
}
