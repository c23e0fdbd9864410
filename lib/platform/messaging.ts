import type { MessageType, Reply, ReplyTo, Request } from '../messaging/protocol';
import type { BGtoCSMessage } from '../messaging/to-content';
import { frameSeen, frameToken } from './frame-token';

export class BackgroundError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Sends a typed request to the background and unwraps its reply: the reply's
 * type is the one its row in the protocol table names. Imports only types from
 * the protocol, so content scripts do not carry the schemas. Extension pages
 * send through useCommand (components/hooks.ts), which reports failures.
 */
export async function sendToBackground<K extends MessageType>(message: { type: K } & NoInfer<Request<K>>): Promise<ReplyTo<K>> {
  // The transport is untyped; the router in the background answered this exact message type.
  let reply: Reply<ReplyTo<K>> | undefined;
  const secret = frameToken();
  // A framed sidebar acts only while the rep can see it (see frame-token.ts): a click through a dimmed copy does nothing.
  if (secret && !frameSeen()) throw new BackgroundError('not_visible', 'the sidebar is hidden or covered by the page');
  try {
    reply = await browser.runtime.sendMessage(secret ? { ...message, frameToken: secret } : message);
  } catch (e) {
    // The worker is gone (extension reloaded or updated under an open page).
    throw new BackgroundError('unreachable', e instanceof Error ? e.message : String(e));
  }
  if (!reply || typeof reply !== 'object') throw new BackgroundError('unreachable', 'no reply from the background');
  if (!reply.ok) throw new BackgroundError(reply.error.code, reply.error.message);
  return reply.data;
}

/** The background's side: a typed message to one tab's content script; a tab without a listener ignores it. */
export function sendToTab(tabId: number, message: BGtoCSMessage): void {
  browser.tabs.sendMessage(tabId, message).catch(() => {});
}
