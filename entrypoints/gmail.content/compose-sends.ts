import { sendToBackground } from '@/lib/platform/messaging';
import type { GmailCompose } from '@/lib/sites/gmail/types';
import { findComposeRoots, isSendControl, readCompose } from '@/lib/sites/gmail/read-compose';

// Gmail closes a compose as soon as it accepts the send. If the compose is
// still there after this long, and Gmail shows no error dialog, we take the
// send as done (some layouts keep an inline reply box on screen).
const CONFIRM_AFTER_MS = 2500;

interface Pending {
  root: HTMLElement;
  compose: GmailCompose;
  at: number;
}

/** Detects sends (button click, Ctrl/Cmd+Enter) and confirms them when Gmail removes the compose. */
export function watchComposeSends(account: () => string | null, signal: AbortSignal) {
  const pending: Pending[] = [];

  const rootOf = (target: EventTarget | null): HTMLElement | null => {
    if (!(target instanceof Element)) return null;
    return findComposeRoots(document).find((r) => r.contains(target)) ?? null;
  };

  const arm = (root: HTMLElement) => {
    if (pending.some((p) => p.root === root)) return;
    const compose = readCompose(root);
    if (!compose || compose.recipients.length === 0) return;
    pending.push({ root, compose, at: Date.now() });
    setTimeout(check, CONFIRM_AFTER_MS + 50);
  };

  const confirm = (p: Pending) => {
    pending.splice(pending.indexOf(p), 1);
    void sendToBackground({ type: 'cs/compose-sent', compose: p.compose, account: account() }).catch(() => {});
  };

  function check() {
    for (const p of [...pending]) {
      const gone = !p.root.isConnected || p.root.getClientRects().length === 0;
      if (gone) confirm(p);
      else if (Date.now() - p.at >= CONFIRM_AFTER_MS) {
        if (document.querySelector('[role=alertdialog]')) pending.splice(pending.indexOf(p), 1);
        else confirm(p);
      }
    }
  }

  document.addEventListener(
    'click',
    (e) => {
      // Only the rep's own click sends: a page script's synthetic click (isTrusted false) logs nothing.
      if (!e.isTrusted) return;
      const root = rootOf(e.target);
      if (root && isSendControl(e.target as Element, root)) arm(root);
    },
    { capture: true, signal },
  );
  document.addEventListener(
    'keydown',
    (e) => {
      if (!e.isTrusted) return;
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
      const root = rootOf(e.target);
      if (root) arm(root);
    },
    { capture: true, signal },
  );

  return { onFrame: () => pending.length > 0 && check() };
}
