import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { fakeBrowser } from 'wxt/testing';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** For a component test (happy-dom): the fake browser reset and a fresh React root in its own element per test, unmounted after. */
export function reactHostPerTest(): { readonly root: Root; readonly host: HTMLElement } {
  const ctx = {} as { root: Root; host: HTMLElement };
  beforeEach(() => {
    fakeBrowser.reset();
    ctx.host = document.createElement('div');
    document.body.append(ctx.host);
    ctx.root = createRoot(ctx.host);
  });
  afterEach(() => {
    act(() => ctx.root.unmount());
    ctx.host.remove();
    vi.restoreAllMocks();
  });
  return ctx;
}
