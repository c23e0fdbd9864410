import { OWNER_FILTERS, type OwnerFilter } from '@/lib/domain/deal-owner';
import { peopleOwnerKey } from '@/lib/i18n/keys';
import { useI18n } from './i18n';
import { ChoiceSelect } from './ui';

/**
 * Everyone's deals, the rep's own, or their teammates' (deal-owner.ts): the board's, the metrics' and the nudge
 * list's choice, worded as People & deals' Owner filter. A labelled native select: keyboard-reachable, focus ring.
 */
export function OwnerChoice({ view, value, onChange }: { view: 'board' | 'metrics' | 'nudges'; value: OwnerFilter; onChange: (v: OwnerFilter) => void }) {
  const { t } = useI18n();
  return (
    <ChoiceSelect
      inline
      data-testid="sidecar-owner-filter"
      data-view={view}
      label={t('people.filter.owner')}
      values={OWNER_FILTERS}
      value={value}
      text={(v) => t(peopleOwnerKey(v))}
      onChange={onChange}
    />
  );
}
