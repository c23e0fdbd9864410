import { useEffect, useState } from 'react';
import { formatAmountInput, parseAmount } from '@/lib/domain/amount-input';
import type { Deal } from '@/lib/domain/records';
import { CommandError, refusalText } from './CommandError';
import { useCommand } from './hooks';
import { useI18n } from './i18n';
import { fitColumns, inputClass, labelClass } from './ui';

const toDateInput = (t: number | null) => (t === null ? '' : new Date(t).toISOString().slice(0, 10));

/** Value and expected close: what "missing details" nudges ask for. Saved on change, validated by the background. */
export function DealDetails({ deal }: { deal: Deal }) {
  const { t, lang } = useI18n();
  const cmd = useCommand();
  const [amount, setAmount] = useState('');
  // Shown back in the currency's format of the rep's language, whatever shorthand was typed ("50jt", "1.5M").
  useEffect(() => setAmount(deal.valueMinor ? formatAmountInput(deal.valueMinor, deal.currency, lang) : ''), [deal.valueMinor, deal.currency, lang]);
  // false: the deal is gone (deleted elsewhere) by the time the edit arrived.
  const update = (patch: { valueMinor?: number; expectedCloseAt?: number | null }) =>
    void cmd.run({ type: 'ui/update-deal', dealId: deal.id, patch }, (r) => r.ok || cmd.refuse(refusalText('not_found', t)));
  const saveAmount = () => {
    const minor = amount.trim() === '' ? 0 : parseAmount(amount, deal.currency, lang);
    if (minor === null) return cmd.refuse(t('input.amountInvalid'));
    cmd.clear();
    setAmount(minor ? formatAmountInput(minor, deal.currency, lang) : '');
    if (minor !== deal.valueMinor) update({ valueMinor: minor });
  };
  return (
    <div className="space-y-1">
      <div className={`${fitColumns} gap-2`}>
        <label className="space-y-0.5">
          <span className={labelClass}>
            {t('deal.value')} ({deal.currency})
          </span>
          <input
            data-testid="sidecar-deal-value"
            className={inputClass}
            value={amount}
            aria-invalid={cmd.failure !== null}
            placeholder={t('deal.value.example')}
            onChange={(e) => setAmount(e.target.value)}
            onBlur={saveAmount}
            onKeyDown={(e) => e.key === 'Enter' && saveAmount()}
          />
        </label>
        <label className="space-y-0.5">
          <span className={labelClass}>{t('deal.expectedClose')}</span>
          <input
            type="date"
            data-testid="sidecar-deal-close"
            className={inputClass}
            value={toDateInput(deal.expectedCloseAt)}
            onChange={(e) => {
              const v = e.target.valueAsNumber;
              update({ expectedCloseAt: Number.isFinite(v) ? v : null });
            }}
          />
        </label>
      </div>
      <CommandError command={cmd} />
    </div>
  );
}
