import type { ContentScriptContext } from 'wxt/utils/content-script-context';

const WIDTH = 340;
const COLLAPSED_KEY = 'sidebarCollapsed';

export interface SidebarFrame {
  /** Show the sidebar for a person on screen, or hide it (nothing to show). */
  setActive(active: boolean): void;
  readonly iframe: HTMLIFrameElement;
}

function styleAll(el: HTMLElement, css: Partial<CSSStyleDeclaration>) {
  // CSSOM, not a <style> element: a strict page CSP (style-src) cannot block it.
  Object.assign(el.style, css);
}

/**
 * Places the sidebar page (an extension page, cross-origin to the site) on the
 * right of the page, pushes the page's content left so nothing is covered, and
 * remembers whether the rep collapsed it.
 */
export function mountSidebarFrame(ctx: ContentScriptContext): SidebarFrame {
  let active = false;
  let collapsed = false;
  const html = document.documentElement;
  const originalWidth = html.style.width;

  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.setAttribute('data-sidecar-toggle', '');
  styleAll(toggle, {
    position: 'absolute', top: '72px', left: '-28px', width: '28px', height: '44px', padding: '0', margin: '0',
    border: '1px solid #cbd5e1', borderRight: 'none', borderRadius: '8px 0 0 8px', background: '#0f172a', color: '#fff',
    font: '600 14px/1 system-ui, sans-serif', cursor: 'pointer', boxShadow: '0 1px 3px rgba(0,0,0,.2)',
  });

  const ui = createIframeUi(ctx, {
    page: '/sidebar.html',
    position: 'inline',
    anchor: 'body',
    onMount(wrapper, iframe) {
      wrapper.setAttribute('data-sidecar-root', '');
      styleAll(wrapper, { position: 'fixed', top: '0', right: '0', height: '100vh', zIndex: '2147483000', display: 'none' });
      iframe.setAttribute('data-sidecar-sidebar', '');
      iframe.title = 'Sidecar CRM';
      styleAll(iframe, { width: `${WIDTH}px`, height: '100%', border: 'none', borderLeft: '1px solid #cbd5e1', background: '#fff', display: 'block', colorScheme: 'normal' });
      wrapper.prepend(toggle);
    },
  });
  ui.mount();

  const render = () => {
    const open = active && !collapsed;
    styleAll(ui.wrapper, { display: active ? 'block' : 'none', width: open ? `${WIDTH}px` : '0' });
    styleAll(ui.iframe, { visibility: open ? 'visible' : 'hidden' });
    html.style.width = open ? `calc(100% - ${WIDTH}px)` : originalWidth;
    const label = browser.i18n.getMessage(open ? 'sidebarCollapse' : 'sidebarExpand') || (open ? 'Collapse' : 'Open');
    toggle.textContent = open ? '›' : '‹';
    toggle.setAttribute('aria-label', label);
    toggle.title = label;
    toggle.setAttribute('aria-expanded', String(open));
  };

  toggle.addEventListener(
    'click',
    () => {
      collapsed = !collapsed;
      render();
      void browser.storage.local.set({ [COLLAPSED_KEY]: collapsed });
    },
    { signal: ctx.signal },
  );
  void browser.storage.local.get(COLLAPSED_KEY).then((v) => {
    collapsed = v[COLLAPSED_KEY] === true;
    render();
  });
  ctx.onInvalidated(() => {
    html.style.width = originalWidth;
  });
  render();

  return {
    iframe: ui.iframe,
    setActive(next) {
      if (next === active) return;
      active = next;
      render();
    },
  };
}
