import { ask, type MessageOf } from './table';

/**
 * Background → content script. Apart from the request tables, so a content
 * script carries only these rows, not the schemas of every message the
 * background answers; a content script parses each by its row (parseRow).
 * Content scripts answer nothing.
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
