import { useEffect, useState } from 'react';
import type { Backup } from '@/lib/domain/backup-format';
import { dataClient, saveBlob } from '@/lib/platform/data-client';
import type { RestoreMode } from '@/lib/services/restore';
import { useI18n } from '../i18n';
import { Button, ErrorText, focusRing } from '../ui';
import { datedName, sendRestore } from './import-flow';
import type { ReportCounts } from './ImportReport';
import { Progress } from './Progress';

/** A checked backup: what it holds, replace or merge when the database has data, then restore. */
export function RestorePreview({ backup, onDone, onCancel }: { backup: Backup; onDone: (counts: ReportCounts) => void; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const [current, setCurrent] = useState<{ contacts: number; deals: number; activities: number } | null>(null);
  const [mode, setMode] = useState<RestoreMode>('merge');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void dataClient().call({ op: 'counts' }).then(setCurrent, (e) => setError(String(e)));
  }, []);
  const empty = current !== null && current.contacts + current.deals + current.activities === 0;

  const confirm = async () => {
    setError(null);
    setProgress(0);
    try {
      const chosen: RestoreMode = empty ? 'replace' : mode;
      // Replacing a pipeline that has data: its own backup is saved first, so nothing is ever lost.
      if (chosen === 'replace' && !empty) saveBlob(await dataClient().exportBlob({ kind: 'backup' }, 'application/json'), datedName('backup-before-restore', 'json'));
      const r = await sendRestore(backup, chosen, (done, total) => setProgress(total ? done / total : 1));
      onDone({ created: r.created, merged: r.merged, skipped: r.skipped, errors: 0 });
    } catch (e) {
      setProgress(null);
      setError(t('data.error.failed', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  return (
    <div className="space-y-3 text-sm">
      <p>
        {t('data.import.preset')}:{' '}
        <strong data-testid="sidecar-import-preset" data-preset="backup">
          backup
        </strong>{' '}
        <span className="text-slate-600">({t('data.preset.backup')})</span>
      </p>
      <p data-testid="sidecar-restore-summary">
        {t('data.restore.summary', {
          date: new Date(backup.header.exportedAt).toLocaleString(lang),
          version: backup.header.version,
          contacts: backup.tables.contacts.length,
          deals: backup.tables.deals.length,
          activities: backup.tables.activities.length,
        })}
      </p>
      {current && !empty && (
        <fieldset className="space-y-1">
          <legend>{t('data.restore.mode', { contacts: current.contacts })}</legend>
          {(['merge', 'replace'] as const).map((m) => (
            <label key={m} className="flex items-start gap-2">
              <input type="radio" name="restore-mode" data-testid={`sidecar-restore-${m}`} className={`mt-1 ${focusRing}`} checked={mode === m} onChange={() => setMode(m)} />
              <span>{t(`data.restore.${m}`)}</span>
            </label>
          ))}
          {mode === 'replace' && (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-2 text-red-900">
              {t('data.restore.warning')}
            </p>
          )}
        </fieldset>
      )}
      {progress !== null && <Progress value={progress} label={t('data.progress')} />}
      {error && <ErrorText>{error}</ErrorText>}
      <div className="flex gap-2">
        <Button variant={mode === 'replace' && !empty ? 'danger' : 'dark'} data-testid="sidecar-import-confirm" disabled={current === null || progress !== null} onClick={() => void confirm()}>
          {t('data.confirm.restore')}
        </Button>
        <Button data-testid="sidecar-import-cancel" disabled={progress !== null} onClick={onCancel}>
          {t('data.cancel')}
        </Button>
      </div>
    </div>
  );
}
