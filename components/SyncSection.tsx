import { useState } from 'react';
import { syncErrorKey } from '@/lib/i18n/keys';
import { CommandError } from './CommandError';
import { useCommand, useLive } from './hooks';
import { useI18n } from './i18n';
import { Button, focusRing } from './ui';

/**
 * Optional sync in the options page: the server's address and a pairing code
 * to connect; then the state (sidecar-sync-status carries data-state,
 * data-pending and data-received), the last sync, what is waiting to be sent,
 * how many records came in, and errors in plain words; "Sync now" and
 * "Disconnect" (which keeps every record).
 */
export function SyncSection() {
  const { t, lang } = useI18n();
  const status = useLive({ name: 'syncStatus' });
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const cmd = useCommand();
  const busy = cmd.busy;
  const state = status?.state ?? 'off';
  const field = `block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm ${focusRing}`;
  const explain = (f: { code: string; message: string }) => {
    // The server's message is English for its log: the rep reads plain words for its code, in their language.
    return syncErrorKey.has(f.code) ? t(syncErrorKey(f.code)) : t('sync.error.other', { code: f.code });
  };
  // Not connected, nothing retries by itself: an unreachable server is the address or the server to check, and
  // after too many wrong codes it is the rep who tries again. A request the server cannot read, when pairing, is
  // a code of the wrong shape (too short, too long): the rep's code, not the versions, is what to check.
  const connectReason = (f: { code: string; message: string }) =>
    f.code === 'network' ? t('sync.connectUnreachable')
    : f.code === 'rate_limited' ? t('sync.connectRateLimited')
    : f.code === 'bad_request' ? t('sync.error.bad_code')
    : explain(f);
  const connect = () => cmd.run({ type: 'ui/sync-connect', url, code }, (r) => (r.ok ? setCode('') : cmd.refuse(connectReason(r))));
  const lastSync = status?.lastSyncAt ? new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(status.lastSyncAt) : null;
  // A first sync of a large pipeline takes a while: how many records have come in (of this run, or the last).
  const received = status?.received ?? 0;
  const stateColor = { off: 'bg-slate-400', syncing: 'bg-sky-500', ok: 'bg-emerald-500', error: 'bg-rose-500' }[state];

  return (
    <section aria-labelledby="sync-title" className="space-y-3">
      <h2 id="sync-title" className="text-base font-semibold">
        {t('sync.title')}
      </h2>
      <p className="text-sm text-slate-600">{t('sync.intro')}</p>
      <div data-testid="sidecar-sync-status" data-state={state} data-pending={status?.pending ?? 0} data-received={received} aria-live="polite" className="space-y-1 rounded-md border border-slate-200 p-3 text-sm">
        <p className="flex items-center gap-2 font-medium">
          <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${stateColor}`} />
          {t(`sync.state.${state}`)}
        </p>
        {status?.url && <p>{t('sync.connectedTo', { url: status.url })}</p>}
        {state !== 'off' && <p>{lastSync ? t('sync.lastSync', { time: lastSync }) : t('sync.never')}</p>}
        {state !== 'off' && <p>{t('sync.pending', { count: status?.pending ?? 0 })}</p>}
        {state !== 'off' && received > 0 && <p>{t(state === 'syncing' ? 'sync.receiving' : 'sync.received', { count: new Intl.NumberFormat(lang).format(received) })}</p>}
        {state === 'error' && status?.error && <p className="text-rose-700">{explain(status.error)}</p>}
        {!!status?.skipped && <p className="text-amber-700">{t('sync.skipped', { count: status.skipped })}</p>}
      </div>
      {state === 'off' ? (
        <form
          className="space-y-2"
          // The address is checked by the background, which says what is wrong in the page's words (the browser's
          // own check would stop "127.0.0.1:8787" with a bubble of its own and nothing in the page).
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void connect();
          }}
        >
          <label className="block space-y-1">
            <span className="text-sm font-medium">{t('sync.url')}</span>
            <input data-testid="sidecar-sync-url" type="url" className={field} value={url} placeholder="https://" onChange={(e) => setUrl(e.target.value)} aria-describedby="sync-url-hint" />
            <span id="sync-url-hint" className="text-xs text-slate-500">
              {t('sync.urlHint')}
            </span>
          </label>
          <label className="block space-y-1">
            <span className="text-sm font-medium">{t('sync.code')}</span>
            <input data-testid="sidecar-sync-code" className={field} value={code} autoComplete="off" spellCheck={false} onChange={(e) => setCode(e.target.value)} aria-describedby="sync-code-hint" />
            <span id="sync-code-hint" className="text-xs text-slate-500">
              {t('sync.codeHint')}
            </span>
          </label>
          <Button data-testid="sidecar-sync-connect" type="submit" disabled={busy || !url.trim() || !code.trim()}>
            {busy ? t('sync.connecting') : t('sync.connect')}
          </Button>
        </form>
      ) : (
        <div className="flex flex-wrap items-center gap-2">
          <Button data-testid="sidecar-sync-now" disabled={busy} onClick={() => void cmd.run({ type: 'ui/sync-now' })}>
            {t('sync.now')}
          </Button>
          <Button data-testid="sidecar-sync-disconnect" disabled={busy} onClick={() => void cmd.run({ type: 'ui/sync-disconnect' })}>
            {t('sync.disconnect')}
          </Button>
          <span className="text-xs text-slate-500">{t('sync.disconnectHint')}</span>
        </div>
      )}
      <CommandError command={cmd} />
    </section>
  );
}
