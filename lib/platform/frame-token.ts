/**
 * The sidebar frame proves it is the one Sidecar placed. A site page can read the frame's session address from
 * the iframe and embed a copy of its own (transparent, under the cursor); the copy runs our code, but nothing hands
 * it the secret. The content script asks the background for a fresh secret for its tab each time its frame
 * loads and posts it into that frame; the frame adds it to every command; the background's router refuses
 * commands from frames inside site tabs without it (lib/messaging/router.ts). The side panel needs none.
 *
 * The same secret signs the content script's request that the frame take the keyboard focus (the rep's
 * shortcut, lib/platform/focus-sidebar.ts): the page shares the content script's window and can post into the
 * frame too, but without the secret it cannot move the focus onto a control of ours under the rep's next key.
 */
import { sendToBackground } from './messaging';

const TYPE = 'sidecar-frame-token';
const FOCUS_TYPE = 'sidecar-frame-focus';
let token: string | null = null;

export interface FrameLink {
  /** Asks the frame to focus its first useful control (after the iframe itself was focused). */
  askFocus(): void;
}

/** Content script: hands the frame it placed a fresh secret, on every load of that frame. */
export function handFrameToken(iframe: HTMLIFrameElement, signal: AbortSignal): FrameLink {
  let handed: string | null = null;
  iframe.addEventListener(
    'load',
    () => {
      handed = null;
      void sendToBackground({ type: 'cs/frame-token' })
        // '*': the frame's dynamic address may not be its document's origin. A secret posted to a page that
        // navigated the frame away is worth nothing there: only an extension frame can send commands.
        .then((secret) => {
          handed = secret;
          iframe.contentWindow?.postMessage({ type: TYPE, token: secret }, '*');
        })
        .catch(() => {});
    },
    { signal },
  );
  return {
    askFocus() {
      if (handed) iframe.contentWindow?.postMessage({ type: FOCUS_TYPE, token: handed }, '*');
    },
  };
}

/**
 * Sidebar page, when framed: keeps the secret its parent (the content script's world) posts, and runs
 * `onFocus` when the parent asks for the focus with that same secret.
 */
export function listenForFrameToken(onFocus: () => void = () => {}): void {
  if (window.parent === window) return;
  watchVisibility();
  window.addEventListener('message', (e) => {
    if (e.source !== window.parent) return;
    const data = e.data as { type?: unknown; token?: unknown } | null;
    if (typeof data?.token !== 'string' || data.token.length > 100) return;
    if (data.type === TYPE) token = data.token;
    else if (data.type === FOCUS_TYPE && token !== null && data.token === token) onFocus();
  });
}

/**
 * Whether what the rep acts on in the framed sidebar is really seen, where the platform can tell: Chromium's
 * IntersectionObserver v2 (`trackVisibility`) reports an element the page made see-through (by dimming our
 * frame), transformed or covered as not visible. A page that dims the genuine frame to opacity 0.01 and puts its
 * own button on top gets no click through to a command. Each control is observed, not the whole document: our
 * own modal dialog covers the rest of the sidebar, and its buttons must still work.
 */
const seen = new WeakMap<Element, boolean>();
const CONTROLS = 'button, input, select, textarea, a[href], [role="button"], [tabindex]';

function watchVisibility(): void {
  if (typeof IntersectionObserver === 'undefined') return;
  let io: IntersectionObserver;
  try {
    io = new IntersectionObserver(
      (entries) => {
        for (const e of entries as (IntersectionObserverEntry & { isVisible?: boolean })[]) if (typeof e.isVisible === 'boolean') seen.set(e.target, e.isVisible);
      },
      // trackVisibility is not in the DOM typings yet; 100 ms is the least delay it allows.
      { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
  } catch {
    return; // An engine that rejects the option: the platform cannot tell, so nothing is refused.
  }
  const watch = (node: Node) => {
    if (!(node instanceof Element)) return;
    if (node.matches(CONTROLS)) io.observe(node);
    for (const el of node.querySelectorAll(CONTROLS)) io.observe(el);
  };
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) watch(n);
  }).observe(document, { childList: true, subtree: true });
  watch(document.documentElement);
}

/** False only when the control the rep used (the focused one: a click focuses it) is known to be hidden or covered. */
export function frameSeen(): boolean {
  const el = document.activeElement;
  return !el || seen.get(el) !== false;
}

/** The secret to add to commands, when this page is a framed sidebar that got one. */
export const frameToken = (): string | null => token;
