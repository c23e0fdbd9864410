import type { PageContext } from '@/lib/messaging/protocol';
import { readMessageBodies } from '@/lib/sites/gmail/read-bodies';
import { readThread } from '@/lib/sites/gmail/read-thread';

/**
 * Reads who is on screen each frame and reports it when it changed: thread
 * open, thread switch, a message expanded, back to the list.
 */
export function createThreadContext(report: (context: PageContext, hasPerson: boolean, bodies: Record<string, string>) => void) {
  let last = '';
  const onFrame = (account: string | null) => {
    const thread = readThread(document, location.href);
    // The report carries at most 4,000 characters of URL (the protocol's cap): a longer one is cut, never refused whole.
    const context: PageContext = { site: 'gmail', url: location.href.slice(0, 4000), account, thread };
    // The URL alone changes with every list page; only a different reading is news.
    const key = JSON.stringify([account, thread]);
    if (key === last) return;
    last = key;
    // Bodies are read only when something changed, and only for trigger scanning in the background.
    report(context, thread !== null, thread ? readMessageBodies(document) : {});
  };
  return {
    onFrame,
    /** The background asked: report again on the next frame even if nothing changed. */
    forget: () => {
      last = '';
    },
  };
}
