import type { CStoBGMessage, Reply, ReplyData, UItoBGMessage } from '../messaging/protocol';

export class BackgroundError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Sends a typed request to the background and unwraps its reply. Imports only
 * types from the protocol, so content scripts do not carry the schemas.
 */
export async function sendToBackground<M extends CStoBGMessage | UItoBGMessage>(message: M): Promise<ReplyData[M['type']]> {
  const reply = (await browser.runtime.sendMessage(message)) as Reply<ReplyData[M['type']]> | undefined;
  if (!reply || typeof reply !== 'object') throw new BackgroundError('internal', 'no reply from the background');
  if (!reply.ok) throw new BackgroundError(reply.error.code, reply.error.message);
  return reply.data;
}
