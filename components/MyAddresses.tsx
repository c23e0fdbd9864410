import { useState } from 'react';
import { normalizeEmail } from '@/lib/domain/email';
import { confirmAddress, type Settings } from '@/lib/domain/settings';
import { useI18n } from './i18n';
import { Button, ErrorText, inputClass } from './ui';

/**
 * The rep's own addresses (never "the person" of a thread) and those Gmail pages proposed: the rep confirms,
 * adds and removes; a page can only propose (lib/domain/settings.ts, learnAddress).
 */
export function MyAddresses({ settings, save }: { settings: Pick<Settings, 'myAddresses' | 'proposedAddresses'>; save: (patch: Partial<Settings>) => unknown }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState('');
  const [bad, setBad] = useState(false);
  const { myAddresses: mine, proposedAddresses: proposed } = settings;
  const without = (list: readonly string[], e: string) => list.filter((x) => x !== e);
  const add = () => {
    const e = normalizeEmail(typed);
    setBad(e === null);
    if (!e) return;
    setTyped('');
    if (!mine.includes(e)) void save(confirmAddress(settings, e));
  };
  return (
    <section aria-labelledby="sc-my-addresses" className="space-y-2">
      <h2 id="sc-my-addresses" className="text-base font-semibold">
        {t('me.title')}
      </h2>
      <p className="text-sm text-slate-600">{t('me.help')}</p>
      {mine.length === 0 && <p className="text-sm text-slate-600">{t('me.none')}</p>}
      <ul className="space-y-1">
        {mine.map((e) => (
          <li key={e} data-testid="sidecar-my-address" data-email={e} className="flex items-center justify-between gap-2 text-sm">
            <span className="truncate">{e}</span>
            <Button data-testid="sidecar-my-address-remove" aria-label={t('me.remove', { email: e })} onClick={() => void save({ myAddresses: without(mine, e) })}>
              {t('me.removeShort')}
            </Button>
          </li>
        ))}
      </ul>
      {proposed.length > 0 && (
        <div className="space-y-1">
          <h3 className="text-sm font-medium">{t('me.proposed')}</h3>
          <ul className="space-y-1">
            {proposed.map((e) => (
              <li key={e} data-testid="sidecar-proposed-address" data-email={e} className="flex items-center justify-between gap-2 text-sm">
                <span className="truncate">{e}</span>
                <span className="flex gap-1">
                  <Button
                    variant="primary"
                    data-testid="sidecar-proposed-address-confirm"
                    aria-label={t('me.confirm', { email: e })}
                    onClick={() => void save(confirmAddress(settings, e))}
                  >
                    {t('me.confirmShort')}
                  </Button>
                  <Button data-testid="sidecar-proposed-address-dismiss" aria-label={t('me.dismiss', { email: e })} onClick={() => void save({ proposedAddresses: without(proposed, e) })}>
                    {t('me.dismissShort')}
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form
        noValidate
        className="flex items-end gap-2"
        onSubmit={(ev) => {
          ev.preventDefault();
          add();
        }}
      >
        <label className="grow space-y-0.5">
          <span className="text-xs font-medium text-slate-600">{t('me.add')}</span>
          <input
            type="email"
            data-testid="sidecar-my-address-input"
            className={inputClass}
            value={typed}
            aria-invalid={bad}
            onChange={(e) => setTyped(e.target.value)}
            placeholder="you@company.com"
          />
        </label>
        <Button type="submit" data-testid="sidecar-my-address-add">
          {t('me.addShort')}
        </Button>
      </form>
      {bad && <ErrorText>{t('me.invalid')}</ErrorText>}
    </section>
  );
}
