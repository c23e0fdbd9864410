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
 * Whether the framed sidebar is really seen, where the platform can tell: Chromium's IntersectionObserver v2
 * (`trackVisibility`) reports an element the page made see-through (by dimming our frame), transformed or
 * covered as not visible. A page that dims the genuine frame to opacity 0.01 and puts its own button on top gets
 * no click through to a command. What is watched are five one-pixel dots fixed at the frame's corners and centre,
 * above all of the sidebar's own content: the sidebar's controls themselves would read "not visible" when our own
 * UI overlaps them or they are scrolled half out of view (and stay so for the observer's 100 ms after a scroll),
 * which refused honest clicks; the dots are hidden only by what the page does to the frame.
 */
const dots = new Map<Element, boolean | null>();

function watchVisibility(): void {
  if (typeof IntersectionObserver === 'undefined') return;
  let io: IntersectionObserver;
  try {
    io = new IntersectionObserver(
      (entries) => {
        for (const e of entries as (IntersectionObserverEntry & { isVisible?: boolean })[]) if (typeof e.isVisible === 'boolean') dots.set(e.target, e.isVisible);
        // Shown on the frame's root, for tests to wait on (the observer reports at most every 100 ms).
        document.documentElement.dataset.sidecarSeen = String(frameSeen());
      },
      // trackVisibility is not in the DOM typings yet; 100 ms is the least delay it allows.
      { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
  } catch {
    return; // An engine that rejects the option: the platform cannot tell, so nothing is refused.
  }
  const at = [
    { left: '0', top: '0' },
    { right: '0', top: '0' },
    { left: '0', bottom: '0' },
    { right: '0', bottom: '0' },
    { left: '50%', top: '50%' },
  ];
  for (const place of at) {
    const dot = document.createElement('div');
    dot.setAttribute('aria-hidden', 'true');
    // Opaque (a see-through dot is never "visible"), in the page's own background colour, never in the way.
    Object.assign(dot.style, { position: 'fixed', width: '1px', height: '1px', zIndex: '2147483647', pointerEvents: 'none', background: 'Canvas', ...place });
    document.documentElement.append(dot);
    dots.set(dot, null);
    io.observe(dot);
  }
}

/** False only when the platform says the framed sidebar is dimmed, transformed or covered by the page. */
export function frameSeen(): boolean {
  for (const v of dots.values()) if (v === false) return false;
  return true;
}

/** The secret to add to commands, when this page is a framed sidebar that got one. */
export const frameToken = (): string | null => token;
