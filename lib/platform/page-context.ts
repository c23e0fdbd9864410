import { contextKey, PageContextSchema, type PageContext } from '../messaging/protocol';

/**
 * The tab this sidebar serves: the tab hosting its iframe, or, in the side
 * panel (no hosting tab), the active tab of its window, followed as it changes.
 */
export function followTab(onTab: (tabId: number | null) => void, signal: AbortSignal): void {
  void browser.tabs.getCurrent().then(async (tab) => {
    if (signal.aborted) return;
    if (tab?.id !== undefined) return onTab(tab.id);
    const win = await browser.windows.getCurrent();
    const active = async () => {
      const [t] = await browser.tabs.query({ active: true, windowId: win.id });
      if (!signal.aborted) onTab(t?.id ?? null);
    };
    const onActivated = (info: { windowId: number }) => info.windowId === win.id && void active();
    browser.tabs.onActivated.addListener(onActivated);
    signal.addEventListener('abort', () => browser.tabs.onActivated.removeListener(onActivated));
    await active();
  });
}

/** A tab's page context as the background stored it, re-validated, then every change. */
export function followPageContext(tabId: number, onContext: (ctx: PageContext | null) => void, signal: AbortSignal): void {
  const key = contextKey(tabId);
  const parse = (v: unknown) => {
    const r = PageContextSchema.safeParse(v);
    return r.success ? r.data : null;
  };
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'session' && key in changes) onContext(parse(changes[key]!.newValue));
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged));
  void browser.storage.session.get(key).then((all) => {
    if (!signal.aborted) onContext(parse(all[key]));
  });
}
