import { useI18n } from '../i18n';
import type { Problem } from './import-flow';

export interface ReportCounts {
  created: number;
  merged: number;
  skipped: number;
  errors: number;
}

/** The outcome of an import or restore, or why a file was refused (then nothing changed). */
export function ImportReport({ counts, problem }: { counts: ReportCounts; problem?: Problem | null }) {
  const { t } = useI18n();
  return (
    <div
      data-testid="sidecar-import-report"
      data-created={counts.created}
      data-merged={counts.merged}
      data-skipped={counts.skipped}
      data-errors={counts.errors}
      data-status={problem ? 'refused' : 'done'}
      role="status"
      className={`rounded-md border p-3 text-sm ${problem ? 'border-red-300 bg-red-50 text-red-900' : 'border-emerald-300 bg-emerald-50 text-emerald-900'}`}
    >
      <p className="font-semibold">{t('data.report.title')}</p>
      {problem ? (
        <>
          <p data-testid="sidecar-import-error">{t(problem.key, problem.params)}</p>
          <p>{t('data.report.refused')}</p>
        </>
      ) : (
        <p>{t('data.report.done', { ...counts })}</p>
      )}
    </div>
  );
}
