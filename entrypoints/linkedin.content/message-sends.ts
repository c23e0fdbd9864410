import { sendToBackground } from '@/lib/platform/messaging';
import { findMessageComposers, isMessageSendControl, readConversation } from '@/lib/sites/linkedin/read-messaging';

/**
 * The rep sending a LinkedIn message (send button, or Enter in the composer)
 * to a contact is logged by the background, if the rep left that switched on.
 * Only observed: we never click, type or send for the rep.
 */
export function watchMessageSends(signal: AbortSignal) {
  const composerOf = (target: EventTarget | null) =>
    target instanceof Element ? (findMessageComposers(document).find((f) => f.contains(target)) ?? null) : null;

  const sent = (form: HTMLElement) => {
    const box = form.querySelector('[contenteditable=true], textarea');
    const text = (box instanceof HTMLTextAreaElement ? box.value : box?.textContent ?? '').trim();
    if (!text) return;
    const conversation = readConversation(document, location.href);
    if (conversation) void sendToBackground({ type: 'cs/linkedin-sent', conversation }).catch(() => {});
  };

  document.addEventListener(
    'click',
    (e) => {
      // Only the rep's own click sends: a page script's synthetic click (isTrusted false) logs nothing.
      if (!e.isTrusted) return;
      const form = composerOf(e.target);
      if (form && isMessageSendControl(e.target as Element, form)) sent(form);
    },
    { capture: true, signal },
  );
  document.addEventListener(
    'keydown',
    (e) => {
      if (!e.isTrusted) return;
      if (e.key !== 'Enter' || e.shiftKey || e.isComposing) return;
      const form = composerOf(e.target);
      if (form && (e.target as Element).closest('[contenteditable=true]')) sent(form);
    },
    { capture: true, signal },
  );
}
