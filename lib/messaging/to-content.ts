import { ask, type MessageOf } from './table';

/**
 * Background → content script. Apart from the request tables, so a content
 * script carries only these rows, not the schemas of every message the
 * background answers. Content scripts answer nothing.
 */
export const BG_TO_CS = {
  /** Stages or contacts changed: inbox chips are stale. */
  'bg/chips-stale': ask({}).answers<void>(),
  /** Report who is on screen again (with message bodies): a new contact's thread is then scanned for triggers. */
  'bg/resend': ask({}).answers<void>(),
  /**
   * The rep pressed the sidebar's shortcut (lib/platform/focus-sidebar.ts): the content script moves the keyboard
   * focus into its sidebar frame; in side-panel mode the panel's page takes it.
   */
  'bg/focus-sidebar': ask({}).answers<void>(),
};
export type BGtoCSMessage = MessageOf<typeof BG_TO_CS>;

/**
 * A message from the background, checked by hand: every row above carries no field, so the type is the whole
 * message and anything else on it is dropped (to-content.test.ts keeps the rows field-free and this equal to
 * parsing by the row). Without zod, whose bytes would load into every Gmail and LinkedIn page.
 */
export function readBackgroundMessage(raw: unknown): BGtoCSMessage | null {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  return typeof type === 'string' && Object.hasOwn(BG_TO_CS, type) ? ({ type } as BGtoCSMessage) : null;
}
