import { useEffect, useState } from 'react';
import { NUDGE_NUMBER_SETTINGS, type NudgeNumberSetting, type NudgeSettings } from '@/lib/domain/nudges';
import type { Weekday } from '@/lib/domain/working-time';
import { nudgeSettingKey, weekdayKey } from '@/lib/i18n/keys';
import { useSettingsSave } from './hooks';
import { useI18n } from './i18n';
import { SaveBar } from './SaveBar';
import { inputClass, labelClass, SectionTitle } from './ui';

/** Monday first. */
const DAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 0];

/** Working days, quiet hours, cadence and the limits of each rule; validated whole by the background. */
export function NudgeSettingsEditor({ nudges }: { nudges: NudgeSettings }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(nudges);
  const [cadence, setCadence] = useState(nudges.cadenceDays.join(', '));
  const { saved, issues, save: saveSettings, command } = useSettingsSave();
  useEffect(() => {
    setDraft(nudges);
    setCadence(nudges.cadenceDays.join(', '));
  }, [nudges]);
  const schedule = draft.schedule;
  const save = async () => {
    const cadenceDays = cadence.split(',').map((x) => x.trim()).filter(Boolean).map(Number);
    await saveSettings({ nudges: { ...draft, cadenceDays } });
  };
  const number = (key: NudgeNumberSetting) => (
    <label key={key} className="space-y-0.5">
      <span className={labelClass}>{t(nudgeSettingKey(key))}</span>
      <input
        type="number"
        step="any"
        data-testid={`sidecar-nudge-setting-${key}`}
        className={inputClass}
        value={draft[key]}
        onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value === '' ? NaN : Number(e.target.value) }))}
      />
    </label>
  );
  return (
    <section aria-labelledby="sc-nudge-settings" className="space-y-3">
      <SectionTitle id="sc-nudge-settings">{t('nudgeSettings.title')}</SectionTitle>
      <fieldset className="flex flex-wrap items-center gap-3 text-sm">
        <legend className={labelClass}>{t('nudgeSettings.workingDays')}</legend>
        {DAYS.map((d) => (
          <label key={d} className="flex items-center gap-1">
            <input
              type="checkbox"
              data-testid={`sidecar-workday-${d}`}
              checked={schedule.workingDays.includes(d)}
              onChange={(e) =>
                setDraft((x) => ({
                  ...x,
                  schedule: { ...x.schedule, workingDays: e.target.checked ? [...x.schedule.workingDays, d].sort() : x.schedule.workingDays.filter((y) => y !== d) },
                }))
              }
            />
            {t(weekdayKey(d))}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className={labelClass}>{t('nudgeSettings.quiet')}</span>
        <label className="flex items-center gap-1">
          {t('nudgeSettings.quietStart')}
          <input type="time" className={`${inputClass} w-auto`} value={schedule.quietStart} onChange={(e) => setDraft((x) => ({ ...x, schedule: { ...x.schedule, quietStart: e.target.value } }))} />
        </label>
        <label className="flex items-center gap-1">
          {t('nudgeSettings.quietEnd')}
          <input type="time" className={`${inputClass} w-auto`} value={schedule.quietEnd} onChange={(e) => setDraft((x) => ({ ...x, schedule: { ...x.schedule, quietEnd: e.target.value } }))} />
        </label>
      </div>
      <div className="grid grid-cols-2 gap-3">
        {NUDGE_NUMBER_SETTINGS.map(number)}
      </div>
      <label className="block space-y-0.5">
        <span className={labelClass}>{t('nudgeSettings.cadence')}</span>
        <input data-testid="sidecar-nudge-cadence" className={inputClass} value={cadence} onChange={(e) => setCadence(e.target.value)} />
      </label>
      <SaveBar
        command={command}
        label={t('nudgeSettings.save')}
        testId="sidecar-nudge-settings-save"
        onSave={save}
        saved={saved}
        issues={issues}
      />
    </section>
  );
}
