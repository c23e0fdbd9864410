import { useEffect, useState } from 'react';
import type { Stage } from '@/lib/domain/stages';
import type { TriggerRule } from '@/lib/domain/triggers';
import { stageName } from '@/lib/i18n';
import { triggerKindKey } from '@/lib/i18n/keys';
import { useSettingsSave } from './hooks';
import { useI18n } from './i18n';
import { SaveBar } from './SaveBar';
import { inputClass, SectionTitle } from './ui';

type Draft = Omit<TriggerRule, 'phrases'> & { phrases: string };

const toDraft = (rules: readonly TriggerRule[]): Draft[] => rules.map((r) => ({ ...r, phrases: r.phrases.join('\n') }));

export function TriggerEditor({ rules, stages }: { rules: readonly TriggerRule[]; stages: readonly Stage[] }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft[]>(() => toDraft(rules));
  const { saved, issues, save: saveSettings, command } = useSettingsSave();
  useEffect(() => setDraft(toDraft(rules)), [rules]);
  const patch = (i: number, p: Partial<Draft>) => setDraft((d) => d.map((r, j) => (j === i ? { ...r, ...p } : r)));
  const save = async () => {
    const triggers = draft.map((r) => ({ ...r, phrases: r.phrases.split('\n').map((p) => p.trim()).filter(Boolean) }));
    await saveSettings({ triggers });
  };
  return (
    <section aria-labelledby="sc-triggers" className="space-y-3">
      <SectionTitle id="sc-triggers">{t('triggers.title')}</SectionTitle>
      <p className="text-xs text-slate-500">{t('triggers.help')}</p>
      <ul className="space-y-2">
        {draft.map((r, i) => {
          const kind = t(triggerKindKey(r.kind));
          return (
            <li key={r.id} data-testid="sidecar-trigger-rule" className="space-y-1 rounded-lg border border-slate-200 p-3">
              <div className="flex items-center gap-3 text-sm">
                <label className="flex items-center gap-1">
                  <input type="checkbox" checked={r.enabled} onChange={(e) => patch(i, { enabled: e.target.checked })} />
                  {t('triggers.enabled')}
                </label>
                <span className="font-medium">{kind}</span>
                <label className="ml-auto flex items-center gap-1">
                  {t('triggers.stage')}
                  <select className={`${inputClass} w-auto`} value={r.stageId} onChange={(e) => patch(i, { stageId: e.target.value })}>
                    {stages.map((s) => (
                      <option key={s.id} value={s.id}>
                        {stageName(s, t)}
                      </option>
                    ))}
                    <option value="lost">{t('triggers.lost')}</option>
                  </select>
                </label>
              </div>
              <textarea
                data-testid={`sidecar-trigger-phrases-${r.kind}`}
                aria-label={t('triggers.phrases', { kind })}
                rows={3}
                className={inputClass}
                value={r.phrases}
                onChange={(e) => patch(i, { phrases: e.target.value })}
              />
            </li>
          );
        })}
      </ul>
      <SaveBar
        command={command}
        label={t('triggers.save')}
        testId="sidecar-triggers-save"
        onSave={save}
        saved={saved}
        issues={issues}
      />
    </section>
  );
}
