import { useEffect, useState } from 'react';
import type { Settings } from '@/lib/domain/settings';
import type { LiveQuery } from '@/lib/messaging/live';
import type { PageContext, UItoBGMessage } from '@/lib/messaging/protocol';
import { liveClient } from '@/lib/platform/live-client';
import { sendToBackground } from '@/lib/platform/messaging';
import type { ViewOf } from '@/lib/services/views';

/** A live view from the background; undefined while loading. Re-renders on every change behind it. */
export function useLive<Q extends LiveQuery>(query: Q): ViewOf<Q> | undefined {
  const key = JSON.stringify(query);
  const [state, setState] = useState<{ key: string; data: ViewOf<Q> } | undefined>(undefined);
  // The query is rebuilt from its key, so an equal query written anew does not resubscribe.
  useEffect(() => liveClient().subscribe(JSON.parse(key) as Q, (data) => setState({ key, data: data as ViewOf<Q> })), [key]);
  return state?.key === key ? state.data : undefined;
}

export function useSettings(): Settings | undefined {
  return useLive({ name: 'settings' });
}

/** undefined while loading, null when the page shows nobody. */
export function usePageContext(): PageContext | null | undefined {
  return useLive({ name: 'page' });
}

/** Runs a command in the background with busy and error state for the button that asked. */
export function useCommand() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run<M extends UItoBGMessage>(message: M) {
    setBusy(true);
    setError(null);
    try {
      return await sendToBackground(message);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, setError };
}

/** An options-page editor's save: the whole patch is validated by the background; "Saved" or the reasons it was refused. */
export function useSettingsSave() {
  const [saved, setSaved] = useState(false);
  const [issues, setIssues] = useState<string[]>([]);
  const save = async (patch: Partial<Settings>) => {
    setSaved(false);
    const r = await sendToBackground({ type: 'ui/update-settings', patch });
    setIssues(r.ok ? [] : r.issues);
    setSaved(r.ok);
  };
  return { saved, issues, save };
}
