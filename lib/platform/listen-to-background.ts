import { readBackgroundMessage, type BGtoCSMessage } from '../messaging/to-content';

export type BackgroundHandlers = { [K in BGtoCSMessage['type']]?: (message: Extract<BGtoCSMessage, { type: K }>) => void };

/**
 * A content script's ear for the background: each message is checked
 * (readBackgroundMessage), then handed to the handler of its type; anything else is ignored.
 * Stops listening when `signal` aborts (the content script was invalidated).
 */
export function listenToBackground(handlers: BackgroundHandlers, signal: AbortSignal): void {
  const onMessage = (raw: unknown) => {
    const message = readBackgroundMessage(raw);
    if (!message) return;
    const handler = handlers[message.type] as ((m: BGtoCSMessage) => void) | undefined;
    handler?.(message);
  };
  browser.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage), { once: true });
}
