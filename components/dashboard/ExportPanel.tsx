import { useState } from 'react';
import { CSV_TABLES, type CsvTableName } from '@/lib/domain/csv-tables';
import { csvTableKey } from '@/lib/i18n/keys';
import { dataClient, saveBlob } from '@/lib/platform/data-client';
import { useI18n } from '../i18n';
import { Button, ErrorText } from '../ui';
import { datedName } from './import-flow';

/** Full backup and per-table CSV downloads, streamed from the background a piece at a time. */
export function ExportPanel() {
  const { t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (label: string, what: Parameters<ReturnType<typeof dataClient>['exportBlob']>[0], file: string, type: string) => {
    setBusy(label);
    setError(null);
    setStatus(t('data.export.working', { what: label }));
    try {
      saveBlob(await dataClient().exportBlob(what, type), file);
      setStatus(t('data.export.done', { file }));
    } catch (e) {
      setStatus(null);
      setError(t('data.error.failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold">{t('data.export.title')}</h3>
      <p className="text-sm text-slate-600">{t('data.export.help')}</p>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="dark"
          data-testid="sidecar-export-json"
          disabled={busy !== null}
          onClick={() => run(t('data.export.json'), { kind: 'backup' }, datedName('backup', 'json'), 'application/json')}
        >
          {t('data.export.json')}
        </Button>
        {CSV_TABLES.map((table: CsvTableName) => (
          <Button
            key={table}
            data-testid="sidecar-export-csv"
            data-table={table}
            disabled={busy !== null}
            onClick={() => run(t(csvTableKey(table)), { kind: 'csv', table }, datedName(table, 'csv'), 'text/csv;charset=utf-8')}
          >
            {t(csvTableKey(table))}
          </Button>
        ))}
      </div>
      {status && (
        <p role="status" className="text-sm text-slate-700">
          {status}
        </p>
      )}
      {error && <ErrorText>{error}</ErrorText>}
    </div>
  );
}
