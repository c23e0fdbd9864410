import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { getDb } from '@/lib/db';
import type { Settings } from '@/lib/domain/settings';
import type { PageContext } from '@/lib/messaging/protocol';
import { followPageContext, followTab } from '@/lib/platform/page-context';
import { sendToBackground } from '@/lib/platform/messaging';
import { loadSettings } from '@/lib/services/settings';

export const locale = () => navigator.language || 'en';

/** Live settings; undefined while loading. */
export function useSettings(): Settings | undefined {
  return useLiveQuery(() => loadSettings(getDb(), locale()), []);
}

/** undefined while loading, null when the page shows nobody. */
export function usePageContext(): PageContext | null | undefined {
  const [tabId, setTabId] = useState<number | null | undefined>(undefined);
  const [context, setContext] = useState<PageContext | null | undefined>(undefined);
  useEffect(() => {
    const ac = new AbortController();
    followTab(setTabId, ac.signal);
    return () => ac.abort();
  }, []);
  useEffect(() => {
    if (tabId === undefined) return;
    if (tabId === null) return setContext(null);
    const ac = new AbortController();
    followPageContext(tabId, setContext, ac.signal);
    return () => ac.abort();
  }, [tabId]);
  return context;
}

/** Tells open pages that CRM data changed (inbox chips redraw). */
export function announceChange(): void {
  void sendToBackground({ type: 'ui/changed' }).catch(() => {});
}
