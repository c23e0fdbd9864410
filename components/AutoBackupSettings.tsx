import { useEffect, useState } from 'react';
import type { Settings } from '@/lib/domain/settings';
import { followBackupState, NO_DOWNLOADS, type BackupState } from '@/lib/platform/auto-backup';
import { hasDownloads, requestDownloads } from '@/lib/platform/permissions';
import { useI18n } from './i18n';
import { ErrorText, focusRing, Toggle } from './ui';

/** Opt-in automatic backups to the Downloads folder: how often, how many kept, when the last one was made. */
export function AutoBackupSettings({ backups, save }: { backups: Settings['backups']; save: (patch: Partial<Settings>) => Promise<void> }) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<BackupState | null>(null);
  const [denied, setDenied] = useState(false);
  // Null until known: a restored backup can switch backups on in a browser that never granted the permission.
  const [allowed, setAllowed] = useState<boolean | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    followBackupState(setState, ac.signal);
    void hasDownloads().then((ok) => !ac.signal.aborted && setAllowed(ok));
    return () => ac.abort();
  }, []);
  const running = backups.enabled && allowed !== false;
  // Why backups are not being made: no permission, or the last run failed (its permission error is stale once granted).
  const problem = !backups.enabled
    ? null
    : allowed === false
      ? t('options.backup.noPermission')
      : state?.error && state.error !== NO_DOWNLOADS
        ? t('options.backup.failed', { why: state.error })
        : null;
  const field = `rounded-md border border-slate-300 px-2 py-1 text-sm ${focusRing}`;
  return (
    <section aria-labelledby="backup-title" className="space-y-2">
      <h2 id="backup-title" className="text-base font-semibold">
        {t('options.backup.title')}
      </h2>
      <Toggle
        data-testid="sidecar-option-backups"
        label={t('options.backup.enable')}
        checked={running}
        onChange={async (e) => {
          const enabled = e.target.checked;
          // The downloads permission is asked for only now, from the rep's own click; never at install.
          if (enabled && !(await requestDownloads())) return setDenied(true);
          if (enabled) setAllowed(true);
          setDenied(false);
          await save({ backups: { ...backups, enabled } });
        }}
      />
      <div className="flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2 text-sm">
          {t('options.backup.every')}
          <select data-testid="sidecar-option-backup-every" className={field} value={backups.every} onChange={(e) => void save({ backups: { ...backups, every: e.target.value as 'daily' | 'weekly' } })}>
            <option value="daily">{t('options.backup.daily')}</option>
            <option value="weekly">{t('options.backup.weekly')}</option>
          </select>
        </label>
        <label className="flex items-center gap-2 text-sm">
          {t('options.backup.keep')}
          <input
            type="number"
            min={1}
            max={30}
            data-testid="sidecar-option-backup-keep"
            className={`${field} w-20`}
            value={backups.keep}
            onChange={(e) => {
              const keep = Number(e.target.value);
              if (Number.isInteger(keep) && keep >= 1 && keep <= 30) void save({ backups: { ...backups, keep } });
            }}
          />
        </label>
      </div>
      <p data-testid="sidecar-backup-last" data-last={state?.last ?? ''} className="text-sm text-slate-600">
        {state?.last ? t('options.backup.last', { when: new Date(state.last).toLocaleString(lang) }) : t('options.backup.never')}
      </p>
      {problem && (
        <p data-testid="sidecar-auto-backup-error" role="alert" className="text-sm text-red-700">
          {problem}
        </p>
      )}
      {denied && <ErrorText>{t('options.backup.denied')}</ErrorText>}
    </section>
  );
}
