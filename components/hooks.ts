import { useEffect, useRef, useState } from 'react';
import type { Settings } from '@/lib/domain/settings';
import type { MessageKey } from '@/lib/i18n';
import type { LiveQuery } from '@/lib/messaging/live';
import type { PageContext, ReplyTo, Request, UIMessageType } from '@/lib/messaging/protocol';
import { liveClient } from '@/lib/platform/live-client';
import { BackgroundError, sendToBackground } from '@/lib/platform/messaging';
import type { ViewOf } from '@/lib/services/views';

/**
 * A live view from the background; undefined while loading. Re-renders on every change behind it.
 * A null query asks for nothing yet (a section that waits for what the first screen needs).
 */
export function useLive<Q extends LiveQuery>(query: Q | null): ViewOf<Q> | undefined {
  return useLiveResult(query).data;
}

/** A live view with its failure: `error` when the background could not answer, `retry` to ask again. */
export function useLiveResult<Q extends LiveQuery>(query: Q | null): { data: ViewOf<Q> | undefined; error: string | null; retry: () => void } {
  const key = query === null ? null : JSON.stringify(query);
  const [attempt, setAttempt] = useState(0);
  // The background may have sent this query's answer ahead, with the page context: drawn at once.
  const [state, setState] = useState<{ key: string; data?: ViewOf<Q>; error?: string } | undefined>(() => {
    const data = key === null ? undefined : liveClient().aheadOf<Q>(key);
    return data === undefined ? undefined : { key: key!, data };
  });
  // The query is rebuilt from its key, so an equal query written anew does not resubscribe.
  useEffect(() => {
    if (key === null) return;
    return liveClient().subscribe(
      JSON.parse(key) as Q,
      (data) => setState({ key, data }),
      (error) => setState({ key, error }),
    );
  }, [key, attempt]);
  // A query that changed under a mounted component may have its answer sent ahead too.
  const mine = state?.key === key ? state : key === null ? undefined : { key, data: liveClient().aheadOf<Q>(key) };
  return { data: mine?.data, error: mine?.error ?? null, retry: () => setAttempt((n) => n + 1) };
}

export function useSettings(): Settings | undefined {
  return useLive({ name: 'settings' });
}

/** undefined while loading, null when the page shows nobody. */
export function usePageContext(): PageContext | null | undefined {
  return useLive({ name: 'page' });
}

/**
 * Why a command did not go through, for the rep: either plain words by error
 * kind (`key`), or a refusal the component worded itself (`text`). `retry`
 * sends the same command again, with the same follow-up, when that can help.
 */
export type CommandFailure = ({ key: MessageKey } | { text: string }) & { retry: (() => void) | null };

/** Plain words per kind of failure; only an unreachable or failing background is worth a retry. */
const FAILURES: Record<string, { key: MessageKey; retry: boolean }> = {
  unreachable: { key: 'command.unreachable', retry: true },
  internal: { key: 'command.failed', retry: true },
  storage_full: { key: 'command.storageFull', retry: true },
  storage_failed: { key: 'command.storageFailed', retry: true },
  not_visible: { key: 'command.notVisible', retry: true },
  bad_request: { key: 'command.rejected', retry: false },
  forbidden: { key: 'command.rejected', retry: false },
};

/**
 * Every command an extension page sends goes through here, so none can fail
 * silently. `run` sends one; `then` gets the reply (also after a retry). A
 * failure is kept in `failure` for <CommandError> to show where the rep acted,
 * and `run` then resolves to undefined. `refuse` shows a refusal the background
 * answered (a gate, a missing reason) in the component's own words.
 */
export function useCommand() {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CommandFailure | null>(null);
  function run<K extends UIMessageType>(message: { type: K } & NoInfer<Request<K>>, then?: (reply: ReplyTo<K>) => void): Promise<ReplyTo<K> | undefined> {
    setBusy(true);
    setFailure(null);
    return sendToBackground<K>(message).then(
      (reply) => {
        setBusy(false);
        // Outside the failure path: a follow-up that throws is a bug to see, not a command to retry.
        then?.(reply);
        return reply;
      },
      (e: unknown) => {
        setBusy(false);
        console.error('[sidecar]', message.type, e);
        const kind = FAILURES[e instanceof BackgroundError ? e.code : 'internal'] ?? FAILURES.internal!;
        setFailure({ key: kind.key, retry: kind.retry ? () => void run(message, then) : null });
        return undefined;
      },
    );
  }
  return { busy, failure, run, refuse: (text: string) => setFailure({ text, retry: null }), clear: () => setFailure(null) };
}
export type Command = ReturnType<typeof useCommand>;

/** An options-page editor's save: the whole patch is validated by the background; "Saved" or the reasons it was refused. */
export function useSettingsSave() {
  const [saved, setSaved] = useState(false);
  const [issues, setIssues] = useState<string[]>([]);
  const command = useCommand();
  const save = (patch: Partial<Settings>) => {
    setSaved(false);
    return command.run({ type: 'ui/update-settings', patch }, (r) => {
      setIssues(r.ok ? [] : r.issues);
      setSaved(r.ok);
    });
  };
  return { saved, issues, save, command };
}

/**
 * Lists that draw their first `first` items and `step` more at each "Show more", kept per list (a board column, a
 * part of the review). After a press the keyboard goes on to the first item it drew, since the button may be gone:
 * `more` names the list's items by a selector inside `container`.
 */
export function useShowMore<E extends HTMLElement>(first: number, step: number) {
  const [shown, setShown] = useState<Record<string, number>>({});
  const container = useRef<E>(null);
  const focusNext = useRef<{ selector: string; index: number } | null>(null);
  useEffect(() => {
    const r = focusNext.current;
    if (!r) return;
    focusNext.current = null;
    container.current?.querySelectorAll<HTMLElement>(r.selector)[r.index]?.focus();
  });
  const limit = (list: string) => shown[list] ?? first;
  return {
    container,
    limit,
    more(list: string, itemSelector: string) {
      focusNext.current = { selector: itemSelector, index: limit(list) };
      setShown({ ...shown, [list]: limit(list) + step });
    },
    reset: () => setShown({}),
  };
}
