import { contextKey, PageContextSchema, type PageContext } from '../messaging/protocol';

export const ACTIVE_TAB_KEY = 'activeTab';

/**
 * The tab this sidebar serves: the tab hosting its iframe, or, when it is not
 * in a page (the browser's side panel), the Gmail/LinkedIn tab the rep looked
 * at last, as the background tracks it.
 */
export function followTab(onTab: (tabId: number | null) => void, signal: AbortSignal): void {
  if (window.top !== window) {
    void browser.tabs.getCurrent().then((tab) => !signal.aborted && onTab(tab?.id ?? null));
    return;
  }
  const read = (v: unknown) => onTab(typeof v === 'number' ? v : null);
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'session' && ACTIVE_TAB_KEY in changes) read(changes[ACTIVE_TAB_KEY]!.newValue);
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged));
  void browser.storage.session.get(ACTIVE_TAB_KEY).then((all) => !signal.aborted && read(all[ACTIVE_TAB_KEY]));
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
