import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { isLanguage, matchLanguage, type Language } from '../i18n/languages';
import { handFrameToken, type FrameLink } from './frame-token';
import { COLLAPSED_KEY, LANGUAGE_KEY, SIDE_PANEL_KEY } from './storage-keys';

const WIDTH = 340;

// The only words the content script shows; the language is the rep's setting, mirrored by the background.
const LABELS: Readonly<Record<Language, { collapse: string; expand: string }>> = {
  en: { collapse: 'Collapse Sidecar', expand: 'Open Sidecar' },
  id: { collapse: 'Ciutkan Sidecar', expand: 'Buka Sidecar' },
};

export interface SidebarFrame {
  /** Show the sidebar for a person on screen, or hide it (nothing to show). */
  setActive(active: boolean): void;
  /** The rep's shortcut: open the sidebar if it was collapsed and move the keyboard focus into it. */
  focus(): void;
}

function styleAll(el: HTMLElement, css: Partial<CSSStyleDeclaration>) {
  // CSSOM, not a <style> element: a strict page CSP (style-src) cannot block it.
  Object.assign(el.style, css);
}

/**
 * Places the sidebar page (an extension page, cross-origin to the site) on the
 * right of the page, pushes the page's content left so nothing is covered, and
 * remembers whether the rep collapsed it. In side-panel mode it adds nothing
 * to the page at all.
 */
export function mountSidebarFrame(ctx: ContentScriptContext): SidebarFrame {
  let active = false;
  let collapsed = false;
  // Until the stored setting arrives: the browser's language, asked only when a label is drawn
  // (an extension API call costs about a millisecond, and list pages never draw one).
  let language: Language | null = null;
  const labels = () => LABELS[(language ??= matchLanguage([browser.i18n.getUILanguage()]) ?? 'en')];
  let ui: { wrapper: HTMLDivElement; iframe: HTMLIFrameElement } | null = null;
  let toggle: HTMLButtonElement | null = null;
  let link: FrameLink | null = null;
  const html = document.documentElement;
  const originalWidth = html.style.width;

  const setCollapsed = (next: boolean) => {
    collapsed = next;
    render();
    void browser.storage.local.set({ [COLLAPSED_KEY]: collapsed });
  };

  const mount = () => {
    const button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('data-sidecar-toggle', '');
    styleAll(button, {
      position: 'absolute', top: '72px', left: '-28px', width: '28px', height: '44px', padding: '0', margin: '0', boxSizing: 'border-box',
      border: '1px solid #cbd5e1', borderRight: 'none', borderRadius: '8px 0 0 8px', background: '#0f172a', color: '#fff',
      font: '600 14px/1 system-ui, sans-serif', cursor: 'pointer',
      // No shadow: its blur painted a pixel over the frame's edge, which made the whole frame "covered" to
      // IntersectionObserver v2, and a covered sidebar refuses to act (lib/platform/frame-token.ts).
      boxShadow: 'none',
    });
    button.addEventListener(
      'click',
      () => setCollapsed(!collapsed),
      { signal: ctx.signal },
    );
    // Our own two elements rather than WXT's createIframeUi: its mounting options (anchors, auto-mount) cost the
    // content script 5 KB that every Gmail and LinkedIn page loads.
    const wrapper = document.createElement('div');
    const iframe = document.createElement('iframe');
    iframe.src = browser.runtime.getURL('/sidebar.html');
    wrapper.setAttribute('data-sidecar-root', '');
    styleAll(wrapper, { position: 'fixed', top: '0', right: '0', height: '100vh', zIndex: '2147483000', display: 'none' });
    iframe.setAttribute('data-sidecar-sidebar', '');
    link = handFrameToken(iframe, ctx.signal);
    iframe.title = 'Sidecar CRM';
    styleAll(iframe, { width: `${WIDTH}px`, height: '100%', boxSizing: 'border-box', border: 'none', borderLeft: '1px solid #cbd5e1', background: '#fff', display: 'block', colorScheme: 'normal' });
    wrapper.append(button, iframe);
    document.body.append(wrapper);
    ui = { wrapper, iframe };
    toggle = button;
    render();
  };

  const unmount = () => {
    ui?.wrapper.remove();
    ui = null;
    toggle = null;
    link = null;
    html.style.width = originalWidth;
  };

  function render() {
    if (!ui || !toggle) return;
    const open = active && !collapsed;
    styleAll(ui.wrapper, { display: active ? 'block' : 'none', width: open ? `${WIDTH}px` : '0' });
    styleAll(ui.iframe, { visibility: open ? 'visible' : 'hidden' });
    html.style.width = open ? `calc(100% - ${WIDTH}px)` : originalWidth;
    const label = labels()[open ? 'collapse' : 'expand'];
    toggle.textContent = open ? '›' : '‹';
    toggle.setAttribute('aria-label', label);
    toggle.title = label;
    toggle.setAttribute('aria-expanded', String(open));
  }

  let sidePanel = false;
  // Built when someone is on screen, or, hidden, at the rep's first input on a page that shows nobody (warm, below).
  const wantFrame = () => !sidePanel && !ui && !ctx.isInvalid;
  const apply = (panel: boolean) => {
    sidePanel = panel;
    if (panel) return unmount();
    if (ui) return render();
    if (active) mount();
    else warmOnInput();
  };
  let settled = false;
  void browser.storage.local.get([COLLAPSED_KEY, SIDE_PANEL_KEY, LANGUAGE_KEY]).then((v) => {
    if (ctx.isInvalid) return;
    settled = true;
    if (isLanguage(v[LANGUAGE_KEY])) language = v[LANGUAGE_KEY];
    collapsed = v[COLLAPSED_KEY] === true;
    apply(v[SIDE_PANEL_KEY] === true);
  });
  // An inbox or a feed shows nobody, but the rep's next click usually opens someone. At the rep's first mouse move,
  // touch or key press on such a page the frame loads, hidden, so that thread or profile is drawn like a switch, not
  // a frame load (BENCHMARKS.md, "Inbox → open a thread"). Not before: a tab nobody touches costs nothing, and the
  // site's own start never shares the machine with our frame.
  let warming: AbortController | null = null;
  function warmOnInput() {
    if ((warming && !warming.signal.aborted) || ctx.isInvalid) return;
    const done = (warming = new AbortController());
    // Gone at the first input, or with the content script.
    const signal = AbortSignal.any([done.signal, ctx.signal]);
    const warm = () => {
      done.abort();
      if (wantFrame() && settled) mount();
    };
    for (const type of ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart'] as const) {
      window.addEventListener(type, warm, { capture: true, passive: true, signal });
    }
  }
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local') return;
    const lang = changes[LANGUAGE_KEY]?.newValue;
    if (isLanguage(lang)) {
      language = lang;
      render();
    }
    if (SIDE_PANEL_KEY in changes) apply(changes[SIDE_PANEL_KEY]!.newValue === true);
  };
  browser.storage.onChanged.addListener(onChanged);
  ctx.onInvalidated(() => {
    browser.storage.onChanged.removeListener(onChanged);
    ui?.wrapper.remove();
    html.style.width = originalWidth;
  });

  return {
    setActive(next) {
      if (next === active) return;
      active = next;
      if (active && wantFrame() && settled) mount();
      render();
    },
    focus() {
      // Nobody on screen, or side-panel mode: there is no frame to go to.
      if (!ui || !active) return;
      if (collapsed) setCollapsed(false);
      ui.iframe.focus();
      link?.askFocus();
    },
  };
}
