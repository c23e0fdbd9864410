import { useEffect, useState } from 'react';
import { BANT_FIELDS } from '@/lib/domain/bant';
import { ActivityKindSchema } from '@/lib/domain/records';
import { FIT_RULES, ICP_KEYWORD_LISTS, SCORED_BANT_STATES, type ScoringConfig } from '@/lib/domain/scoring-config';
import { bantFieldKey, bantStateKey, engagementKey, fitRuleKey, icpListKey } from '@/lib/i18n/keys';
import { useSettingsSave } from './hooks';
import { useI18n } from './i18n';
import { SaveBar } from './SaveBar';
import { inputClass, labelClass, SectionTitle } from './ui';

const LISTS = ICP_KEYWORD_LISTS;
const toList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
const num = (s: string) => (s.trim() === '' ? NaN : Number(s));

/** The ICP, points per rule and the threshold; the background validates the whole config before saving. */
export function ScoringEditor({ scoring }: { scoring: ScoringConfig }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(scoring);
  const [lists, setLists] = useState(() => Object.fromEntries(LISTS.map((k) => [k, scoring.icp[k].join(', ')])) as Record<(typeof LISTS)[number], string>);
  const { saved, issues, save: saveSettings, command } = useSettingsSave();
  useEffect(() => {
    setDraft(scoring);
    setLists(Object.fromEntries(LISTS.map((k) => [k, scoring.icp[k].join(', ')])) as Record<(typeof LISTS)[number], string>);
  }, [scoring]);

  const save = async () => {
    const next: ScoringConfig = { ...draft, icp: { ...draft.icp, ...Object.fromEntries(LISTS.map((k) => [k, toList(lists[k])])) } };
    await saveSettings({ scoring: next });
  };
  const numberInput = (label: string, value: number | null, onChange: (n: number) => void, testId?: string) => (
    <label className="space-y-0.5">
      <span className={labelClass}>{label}</span>
      <input type="number" data-testid={testId} className={inputClass} value={value ?? ''} onChange={(e) => onChange(num(e.target.value))} />
    </label>
  );
  const setFit = (k: string, v: number) => setDraft((d) => ({ ...d, fit: { ...d.fit, [k]: v } }));

  return (
    <section aria-labelledby="sc-scoring" className="space-y-4">
      <SectionTitle id="sc-scoring">{t('scoring.title')}</SectionTitle>
      <fieldset className="grid grid-cols-2 gap-3">
        <legend className="mb-1 text-sm font-medium">{t('scoring.icp')}</legend>
        {LISTS.map((k) => (
          <label key={k} className="space-y-0.5">
            <span className={labelClass}>
              {t(icpListKey(k))} <span className="text-slate-500">({t('scoring.listHelp')})</span>
            </span>
            <input data-testid={`sidecar-icp-${k}`} className={inputClass} value={lists[k]} onChange={(e) => setLists((l) => ({ ...l, [k]: e.target.value }))} />
          </label>
        ))}
        {numberInput(t('scoring.minEmployees'), draft.icp.minEmployees, (n) => setDraft((d) => ({ ...d, icp: { ...d.icp, minEmployees: Number.isNaN(n) ? null : n } })))}
        {numberInput(t('scoring.maxEmployees'), draft.icp.maxEmployees, (n) => setDraft((d) => ({ ...d, icp: { ...d.icp, maxEmployees: Number.isNaN(n) ? null : n } })))}
      </fieldset>
      <fieldset className="grid grid-cols-3 gap-3">
        <legend className="mb-1 text-sm font-medium">{t('scoring.fitPoints')}</legend>
        {FIT_RULES.map((r) => (
          <div key={r}>{numberInput(t(fitRuleKey(r)), draft.fit[r], (n) => setFit(r, n), `sidecar-fit-points-${r}`)}</div>
        ))}
        {BANT_FIELDS.flatMap((f) =>
          SCORED_BANT_STATES.map((s) => (
            <div key={`${f}.${s}`}>
              {numberInput(
                t('scoring.bantState', { field: t(bantFieldKey(f)), state: t(bantStateKey(s)) }),
                draft.fit.bant[f][s],
                (n) => setDraft((d) => ({ ...d, fit: { ...d.fit, bant: { ...d.fit.bant, [f]: { ...d.fit.bant[f], [s]: n } } } })),
              )}
            </div>
          )),
        )}
      </fieldset>
      <fieldset className="grid grid-cols-3 gap-3">
        <legend className="mb-1 text-sm font-medium">{t('scoring.engagementPoints')}</legend>
        {ActivityKindSchema.options.map((k) => (
          <div key={k}>
            {numberInput(t(engagementKey(k)), draft.engagement.points[k], (n) =>
              setDraft((d) => ({ ...d, engagement: { ...d.engagement, points: { ...d.engagement.points, [k]: n } } })),
            )}
          </div>
        ))}
        {numberInput(t('scoring.halfLife'), draft.engagement.halfLifeDays, (n) => setDraft((d) => ({ ...d, engagement: { ...d.engagement, halfLifeDays: n } })), 'sidecar-halflife')}
        {numberInput(t('scoring.maxPerKind'), draft.engagement.maxPerKind, (n) => setDraft((d) => ({ ...d, engagement: { ...d.engagement, maxPerKind: n } })))}
        {numberInput(t('scoring.triggerPoints'), draft.engagement.triggerPoints, (n) => setDraft((d) => ({ ...d, engagement: { ...d.engagement, triggerPoints: n } })))}
      </fieldset>
      <div className="w-48">{numberInput(t('scoring.threshold'), draft.threshold, (n) => setDraft((d) => ({ ...d, threshold: n })), 'sidecar-threshold')}</div>
      <SaveBar
        command={command}
        label={t('scoring.save')}
        testId="sidecar-scoring-save"
        onSave={save}
        saved={saved}
        issues={issues}
      />
    </section>
  );
}
