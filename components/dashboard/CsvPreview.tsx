import { useEffect, useMemo, useState } from 'react';
import type { Settings } from '@/lib/domain/settings';
import type { CsvTable } from '@/lib/domain/csv-read';
import { formatMoney } from '@/lib/domain/money';
import { importOps, planImport, stageValues, type DuplicateChoice, type Existing, type PlanRow } from '@/lib/domain/import-plan';
import { IMPORT_FIELDS, type ColumnMapping, type ImportField, type Recognised } from '@/lib/domain/import-presets';
import { readRows, type ImportIssue, type ImportRecord } from '@/lib/domain/import-rows';
import { LOST, suggestStageMap, WON, type StageTarget } from '@/lib/domain/import-stages';
import { detectDateOrder, type DateOrder } from '@/lib/domain/import-values';
import { stageName } from '@/lib/i18n';
import { importFieldKey, importIssueKey, importPresetKey, importRowActionKey } from '@/lib/i18n/keys';
import { dataClient } from '@/lib/platform/data-client';
import { useI18n } from '../i18n';
import { Button, ErrorText, focusRing, inputClass } from '../ui';
import { matchExisting, sendImport } from './import-flow';
import type { ReportCounts } from './ImportReport';
import { Progress } from './Progress';

const SHOWN_ROWS = 500;
const DATE_FIELDS: ReadonlySet<ImportField> = new Set(['contactCreatedAt', 'connectedAt', 'dealCreatedAt', 'closeDate', 'closedAt', 'wonAt', 'lostAt', 'expectedCloseAt', 'activityAt']);
const NOBODY: Existing = { byEmail: new Map(), byLinkedIn: new Map() };

function dateOrderOf(table: CsvTable, mapping: ColumnMapping, preset: DateOrder | null): DateOrder {
  const cols = mapping.flatMap((f, i) => (f && DATE_FIELDS.has(f) ? [i] : []));
  const found = detectDateOrder(table.rows.flatMap((r) => cols.map((c) => r[c] ?? '')));
  return found === 'mdy' || found === 'dmy' ? found : (preset ?? 'mdy');
}

/** Preview of a CSV import: columns (for other CSVs), date order, stage map, duplicates, the rows, then confirm. */
export function CsvPreview({
  table,
  recognised,
  headerKey,
  settings,
  onDone,
  onCancel,
}: {
  table: CsvTable;
  recognised: Recognised;
  headerKey: string;
  settings: Settings;
  onDone: (counts: ReportCounts) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [mapping, setMapping] = useState<ColumnMapping>(recognised.mapping);
  const [dateOrder, setDateOrder] = useState<DateOrder>(() => dateOrderOf(table, recognised.mapping, recognised.dateOrder));
  const [duplicates, setDuplicates] = useState<DuplicateChoice>('merge');
  const [rowChoices, setRowChoices] = useState<Map<number, DuplicateChoice>>(new Map());
  const [existing, setExisting] = useState<Existing | null>(null);
  const [stageOverrides, setStageOverrides] = useState<Map<string, StageTarget>>(new Map());
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const now = useMemo(() => Date.now(), []);

  const records: ImportRecord[] = useMemo(() => readRows(table, mapping, { dateOrder, currency: settings.currency, now }), [table, mapping, dateOrder, settings.currency, now]);
  useEffect(() => {
    let live = true;
    setExisting(null);
    matchExisting(records).then(
      (e) => live && setExisting(e),
      (e) => live && setError(String(e instanceof Error ? e.message : e)),
    );
    return () => {
      live = false;
    };
  }, [records]);
  const plan = useMemo(() => planImport(records, existing ?? NOBODY, { duplicates, rows: rowChoices }), [records, existing, duplicates, rowChoices]);
  const values = useMemo(() => stageValues(records), [records]);
  const names = useMemo(() => Object.fromEntries(settings.stages.map((s) => [s.id, stageName(s, t)])), [settings.stages, t]);
  const stageMap = useMemo(() => {
    const m = suggestStageMap(values, settings.stages, names);
    for (const [k, v] of stageOverrides) m.set(k, v);
    return m;
  }, [values, settings.stages, names, stageOverrides]);
  const ambiguous = records.flatMap((r) => r.issues).find((i) => i.code === 'ambiguous_date');
  const hasDuplicates = plan.rows.some((r) => r.existingId !== null || r.sameAs !== null);

  const confirm = async () => {
    setError(null);
    setProgress(0);
    try {
      if (recognised.preset === 'custom') await dataClient().call({ op: 'mapping-put', key: headerKey, mapping }).catch(() => {});
      const ops = importOps(records, plan.rows, stageMap, settings.stages, settings.currency);
      // Every row skipped or in error: nothing to write, but the rep still gets the report of what was decided.
      const report = ops.length > 0 ? await sendImport(ops, (done, total) => setProgress(total ? done / total : 1)) : { created: 0, merged: 0 };
      onDone({ created: report.created, merged: report.merged, skipped: plan.totals.skip, errors: plan.totals.error });
    } catch (e) {
      setProgress(null);
      setError(t('data.error.failed', { message: e instanceof Error ? e.message : String(e) }));
    }
  };

  const issueText = (i: ImportIssue) => t(importIssueKey(i.code), { value: i.value ?? '' });
  const targets = [...settings.stages.map((s) => ({ id: s.id, label: names[s.id]! })), { id: WON, label: t('data.stages.won') }, { id: LOST, label: t('data.stages.lost') }];

  return (
    <div className="space-y-4">
      <p className="text-sm">
        {t('data.import.preset')}:{' '}
        <strong data-testid="sidecar-import-preset" data-preset={recognised.preset}>
          {recognised.preset}
        </strong>{' '}
        <span className="text-slate-600">({t(importPresetKey(recognised.preset))})</span>
      </p>

      {recognised.preset === 'custom' && (
        <fieldset className="space-y-2" data-testid="sidecar-import-mapping">
          <legend className="text-sm font-semibold">{t('data.mapping.title')}</legend>
          <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {table.header.map((h, i) => (
              <label key={i} className="flex flex-col gap-1 text-xs">
                <span>{t('data.mapping.column', { name: h || `#${i + 1}` })}</span>
                <select
                  className={inputClass}
                  value={mapping[i] ?? ''}
                  onChange={(e) => setMapping(mapping.map((m, j) => (j === i ? ((e.target.value || null) as ImportField | null) : m)))}
                >
                  <option value="">{t('data.mapping.ignore')}</option>
                  {IMPORT_FIELDS.map((f) => (
                    <option key={f} value={f}>
                      {t(importFieldKey(f))}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {ambiguous && (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" data-testid="sidecar-import-date-order">
          <p>{t('data.dates.title', { example: ambiguous.value ?? '' })}</p>
          <label className="mt-1 flex items-center gap-2">
            <span>{t('data.dates.order')}</span>
            <select className={`${inputClass} w-auto`} value={dateOrder} onChange={(e) => setDateOrder(e.target.value as DateOrder)}>
              <option value="mdy">{t('data.dates.mdy')}</option>
              <option value="dmy">{t('data.dates.dmy')}</option>
            </select>
          </label>
        </div>
      )}

      {values.length > 0 && (
        <fieldset data-testid="sidecar-import-stage-map" className="space-y-2">
          <legend className="text-sm font-semibold">{t('data.stages.title')}</legend>
          <p className="text-xs text-slate-600">{t('data.stages.help')}</p>
          <div className="grid gap-2 sm:grid-cols-2">
            {values.map((v) => (
              <label key={v} className="flex items-center justify-between gap-2 text-sm" data-testid="sidecar-import-stage-row" data-source={v}>
                <span>{t('data.stages.from', { value: v })}</span>
                <select
                  className={`${inputClass} w-48`}
                  value={stageMap.get(v) ?? settings.stages[0]!.id}
                  onChange={(e) => setStageOverrides(new Map(stageOverrides).set(v, e.target.value))}
                >
                  {targets.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {hasDuplicates && (
        <label className="flex flex-wrap items-center gap-2 text-sm">
          <span>{t('data.dupes.label')}</span>
          <select data-testid="sidecar-import-duplicates" className={`${inputClass} w-auto`} value={duplicates} onChange={(e) => { setDuplicates(e.target.value as DuplicateChoice); setRowChoices(new Map()); }}>
            <option value="merge">{t('data.dupes.merge')}</option>
            <option value="skip">{t('data.dupes.skip')}</option>
          </select>
        </label>
      )}

      <div className="space-y-2">
        <h3 className="text-sm font-semibold">{t('data.preview.title')}</h3>
        <p className="text-sm" data-testid="sidecar-import-totals">
          {t('data.preview.totals', { ...plan.totals })}
        </p>
        {records.length > SHOWN_ROWS && <p className="text-xs text-slate-600">{t('data.preview.more', { shown: SHOWN_ROWS, total: records.length })}</p>}
        <div className="max-h-[28rem] overflow-auto rounded-md border border-slate-200">
          <table className="w-full text-left text-xs">
            <thead className="sticky top-0 bg-slate-100">
              <tr>
                <th className="px-2 py-1">{t('data.preview.line')}</th>
                <th className="px-2 py-1">{t('data.preview.action')}</th>
                <th className="px-2 py-1">{t('data.preview.person')}</th>
                <th className="px-2 py-1">{t('data.preview.deal')}</th>
                <th className="px-2 py-1">{t('data.preview.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.rows.slice(0, SHOWN_ROWS).map((p: PlanRow) => {
                const r = records[p.index]!;
                const duplicate = p.existingId !== null || p.sameAs !== null;
                return (
                  <tr key={p.index} data-testid="sidecar-import-row" data-action={p.action} data-line={r.line} className="border-t border-slate-200 align-top">
                    <td className="px-2 py-1 tabular-nums">{r.line}</td>
                    <td className="px-2 py-1">
                      {duplicate && p.action !== 'error' ? (
                        <select
                          aria-label={t('data.row.choice', { line: r.line })}
                          className={`rounded border border-slate-300 px-1 ${focusRing}`}
                          value={p.action}
                          onChange={(e) => setRowChoices(new Map(rowChoices).set(p.index, e.target.value as DuplicateChoice))}
                        >
                          <option value="merge">{t('data.action.merge')}</option>
                          <option value="skip">{t('data.action.skip')}</option>
                        </select>
                      ) : (
                        t(importRowActionKey(p.action))
                      )}
                    </td>
                    <td className="px-2 py-1">
                      <div className="font-medium">{r.contact.name}</div>
                      <div className="text-slate-600">{[r.contact.emails[0], r.contact.company].filter(Boolean).join(' · ')}</div>
                    </td>
                    <td className="px-2 py-1">
                      {r.deal && (
                        <>
                          <div>{r.deal.title}</div>
                          <div className="text-slate-600">
                            {[r.deal.stage, r.deal.valueMinor !== null ? formatMoney(r.deal.valueMinor, r.deal.currency ?? settings.currency, navigator.language) : null].filter(Boolean).join(' · ')}
                          </div>
                        </>
                      )}
                    </td>
                    <td className="px-2 py-1">
                      <ul>
                        {p.issues.map((i, k) => (
                          <li key={k} className={i.level === 'error' ? 'text-red-700' : 'text-amber-800'}>
                            {issueText(i)}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>

      {progress !== null && <Progress value={progress} label={t('data.progress')} />}
      {error && <ErrorText>{error}</ErrorText>}
      <div className="flex gap-2">
        <Button variant="dark" data-testid="sidecar-import-confirm" disabled={existing === null || progress !== null} onClick={() => void confirm()}>
          {t('data.confirm')}
        </Button>
        <Button data-testid="sidecar-import-cancel" disabled={progress !== null} onClick={onCancel}>
          {t('data.cancel')}
        </Button>
      </div>
    </div>
  );
}
