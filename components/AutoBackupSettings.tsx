import { useEffect, useState } from 'react';
import type { Settings } from '@/lib/domain/settings';
import { followBackupState, type BackupState } from '@/lib/platform/auto-backup';
import { requestDownloads } from '@/lib/platform/permissions';
import { useI18n } from './i18n';
import { ErrorText, focusRing, Toggle } from './ui';

/** Opt-in automatic backups to the Downloads folder: how often, how many kept, when the last one was made. */
export function AutoBackupSettings({ backups, save }: { backups: Settings['backups']; save: (patch: Partial<Settings>) => Promise<void> }) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<BackupState | null>(null);
  const [denied, setDenied] = useState(false);
  useEffect(() => {
    const ac = new AbortController();
    followBackupState(setState, ac.signal);
    return () => ac.abort();
  }, []);
  const field = `rounded-md border border-slate-300 px-2 py-1 text-sm ${focusRing}`;
  return (
    <section aria-labelledby="backup-title" className="space-y-2">
      <h2 id="backup-title" className="text-base font-semibold">
        {t('options.backup.title')}
      </h2>
      <Toggle
        data-testid="sidecar-option-backups"
        label={t('options.backup.enable')}
        checked={backups.enabled}
        onChange={async (e) => {
          const enabled = e.target.checked;
          // The downloads permission is asked for only now, from the rep's own click; never at install.
          if (enabled && !(await requestDownloads())) return setDenied(true);
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
      {denied && <ErrorText>{t('options.backup.denied')}</ErrorText>}
    </section>
  );
}
