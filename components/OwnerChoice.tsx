import { OWNER_FILTERS, type OwnerFilter } from '@/lib/domain/deal-owner';
import { peopleOwnerKey } from '@/lib/i18n/keys';
import { useI18n } from './i18n';
import { inputClass, labelClass } from './ui';

/**
 * Everyone's deals, the rep's own, or their teammates' (deal-owner.ts): the board's, the metrics' and the nudge
 * list's choice, worded as People & deals' Owner filter. A labelled native select: keyboard-reachable, focus ring.
 */
export function OwnerChoice({ view, value, onChange }: { view: 'board' | 'metrics' | 'nudges'; value: OwnerFilter; onChange: (v: OwnerFilter) => void }) {
  const { t } = useI18n();
  return (
    <label className="flex items-center gap-2">
      <span className={labelClass}>{t('people.filter.owner')}</span>
      <select
        data-testid="sidecar-owner-filter"
        data-view={view}
        className={`${inputClass} w-auto`}
        value={value}
        onChange={(e) => onChange(OWNER_FILTERS.find((v) => v === e.target.value) ?? 'all')}
      >
        {OWNER_FILTERS.map((v) => (
          <option key={v} value={v}>
            {t(peopleOwnerKey(v))}
          </option>
        ))}
      </select>
    </label>
  );
}
