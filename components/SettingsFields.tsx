import { LanguageSettingSchema, type Settings } from '@/lib/domain/settings';
import { useI18n } from './i18n';

// The settings both the options page and the welcome page ask for, one control each.
export const CURRENCIES = ['IDR', 'USD', 'EUR', 'SGD', 'MYR', 'AUD', 'GBP', 'JPY'];
const field = 'block rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-sky-600';

type Save = (patch: Partial<Settings>) => unknown;

export function LanguageField({ value, save, testId }: { value: Settings['language']; save: Save; testId: string }) {
  const { t } = useI18n();
  return (
    <label className="block space-y-1">
      <span className="text-sm font-medium">{t('options.language')}</span>
      <select data-testid={testId} className={field} value={value} onChange={(e) => save({ language: LanguageSettingSchema.parse(e.target.value) })}>
        {LanguageSettingSchema.options.map((l) => (
          <option key={l} value={l}>
            {t(`options.language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CurrencyField({ value, save, testId }: { value: string; save: Save; testId: string }) {
  const { t } = useI18n();
  return (
    <label className="block space-y-1">
      <span className="text-sm font-medium">{t('options.currency')}</span>
      <select data-testid={testId} className={field} value={value} onChange={(e) => save({ currency: e.target.value })}>
        {[...new Set([value, ...CURRENCIES])].map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    </label>
  );
}
