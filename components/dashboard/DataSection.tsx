import { useRef, useState } from 'react';
import { useSettings } from '../hooks';
import { useI18n } from '../i18n';
import { useAnnounce } from '../Announcer';
import { focusRing, labelClass } from '../ui';
import { CsvPreview } from './CsvPreview';
import { ExportPanel } from './ExportPanel';
import { readChosenFile, type Chosen, type Problem } from './import-flow';
import { ImportReport, type ReportCounts } from './ImportReport';
import { Progress } from './Progress';
import { RestorePreview } from './RestorePreview';
import { Section } from './Section';

type State =
  | { step: 'idle' }
  | { step: 'reading'; file: string; share: number }
  | { step: 'preview'; chosen: Exclude<Chosen, { kind: 'refused' }> }
  | { step: 'report'; counts: ReportCounts; problem: Problem | null };

const NONE: ReportCounts = { created: 0, merged: 0, skipped: 0, errors: 0 };

/**
 * Backup, restore and CSV import/export. Everything the rep starts from is in
 * the DOM from the start (export buttons, the file input); the preview, stage
 * map and report appear once a file is chosen. Nothing is written before the
 * rep confirms, and a refused file changes nothing.
 */
export function DataSection() {
  const { t } = useI18n();
  const settings = useSettings();
  const [state, setState] = useState<State>({ step: 'idle' });
  const announce = useAnnounce();
  const input = useRef<HTMLInputElement>(null);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setState({ step: 'reading', file: file.name, share: 0 });
    try {
      const chosen = await readChosenFile(file, (share) => setState({ step: 'reading', file: file.name, share }));
      setState(chosen.kind === 'refused' ? { step: 'report', counts: { ...NONE, errors: 1 }, problem: chosen.problem } : { step: 'preview', chosen });
      if (chosen.kind === 'refused') announce(t('live.importRefused'));
    } catch (e) {
      announce(t('live.importRefused'));
      setState({ step: 'report', counts: { ...NONE, errors: 1 }, problem: { key: 'data.error.failed', params: { message: e instanceof Error ? e.message : String(e) } } });
    }
    // The same file chosen again (after fixing it) must be read again.
    if (input.current) input.current.value = '';
  };
  const reset = () => {
    setState({ step: 'idle' });
    if (input.current) input.current.value = '';
  };
  const done = (counts: ReportCounts) => {
    setState({ step: 'report', counts, problem: null });
    announce(t('live.importDone', { ...counts }));
    if (input.current) input.current.value = '';
  };

  return (
    <Section id="data" title={t('dash.section.data')}>
      <div className="grid gap-6 rounded-lg border border-slate-200 bg-white p-4">
        <ExportPanel />
        <div className="space-y-2">
          <h3 className="text-sm font-semibold">{t('data.import.title')}</h3>
          <p className="text-sm text-slate-600">{t('data.import.help')}</p>
          <label className="flex flex-col gap-1">
            <span className={labelClass}>{t('data.import.file')}</span>
            <input
              ref={input}
              type="file"
              data-testid="sidecar-import-file"
              accept=".csv,.json,text/csv,application/json"
              className={`text-sm ${focusRing}`}
              onChange={(e) => void choose(e.target.files?.[0])}
            />
          </label>
          {state.step === 'reading' && (
            <div role="status" className="space-y-1 text-sm">
              <p>{t('data.import.reading', { file: state.file })}</p>
              <Progress value={state.share} label={t('data.progress')} />
            </div>
          )}
          {state.step === 'preview' && state.chosen.kind === 'csv' && settings && (
            <CsvPreview table={state.chosen.table} recognised={state.chosen.recognised} headerKey={state.chosen.key} settings={settings} onDone={done} onCancel={reset} />
          )}
          {state.step === 'preview' && state.chosen.kind === 'backup' && <RestorePreview backup={state.chosen.backup} onDone={done} onCancel={reset} />}
          {state.step === 'report' && <ImportReport counts={state.counts} problem={state.problem} />}
        </div>
      </div>
    </Section>
  );
}
