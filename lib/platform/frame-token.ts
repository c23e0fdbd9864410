/**
 * The sidebar frame proves it is the one Sidecar placed. A site page can read the frame's session address from
 * the iframe and embed a copy of its own (transparent, under the cursor); the copy runs our code, but nothing hands
 * it the secret. The content script asks the background for a fresh secret for its tab each time its frame
 * loads and posts it into that frame; the frame adds it to every command; the background's router refuses
 * commands from frames inside site tabs without it (lib/messaging/router.ts). The side panel needs none.
 */
import { sendToBackground } from './messaging';

const TYPE = 'sidecar-frame-token';
let token: string | null = null;

/** Content script: hands the frame it placed a fresh secret, on every load of that frame. */
export function handFrameToken(iframe: HTMLIFrameElement, signal: AbortSignal): void {
  iframe.addEventListener(
    'load',
    () =>
      void sendToBackground({ type: 'cs/frame-token' })
        // '*': the frame's dynamic address may not be its document's origin. A secret posted to a page that
        // navigated the frame away is worth nothing there: only an extension frame can send commands.
        .then((secret) => iframe.contentWindow?.postMessage({ type: TYPE, token: secret }, '*'))
        .catch(() => {}),
    { signal },
  );
}

/** Sidebar page, when framed: keeps the secret its parent (the content script's world) posts. */
export function listenForFrameToken(): void {
  if (window.parent === window) return;
  watchVisibility();
  window.addEventListener('message', (e) => {
    if (e.source !== window.parent) return;
    const data = e.data as { type?: unknown; token?: unknown } | null;
    if (data?.type === TYPE && typeof data.token === 'string' && data.token.length <= 100) token = data.token;
  });
}

/**
 * Whether the framed sidebar is really seen, where the platform can tell: Chromium's IntersectionObserver v2
 * (`trackVisibility`) reports a frame the page made see-through, transformed or covered as not visible. A page
 * that dims the genuine frame to opacity 0.01 and puts its own button on top gets no click through to a command.
 * null: not framed, not known yet, or a browser without it (Firefox): nothing to refuse on.
 */
let visible: boolean | null = null;

function watchVisibility(): void {
  if (typeof IntersectionObserver === 'undefined') return;
  try {
    const io = new IntersectionObserver(
      (entries) => {
        const last = entries.at(-1) as (IntersectionObserverEntry & { isVisible?: boolean }) | undefined;
        if (typeof last?.isVisible === 'boolean') visible = last.isVisible;
      },
      // trackVisibility is not in the DOM typings yet; 100 ms is the least delay it allows.
      { trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    io.observe(document.documentElement);
  } catch {
    // An engine that rejects the option: the platform cannot tell, so nothing is refused.
  }
}

/** False only when this framed sidebar is known to be hidden, dimmed or covered by the page. */
export const frameSeen = (): boolean => visible !== false;

/** The secret to add to commands, when this page is a framed sidebar that got one. */
export const frameToken = (): string | null => token;
