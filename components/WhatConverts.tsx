import type { ScoringConfig } from '@/lib/domain/scoring-config';
import { parseConversionAttribute } from '@/lib/domain/what-converts';
import { bantFieldKey, bantStateKey, fitRuleKey } from '@/lib/i18n/keys';
import { CommandError } from './CommandError';
import { useCommand, useLive } from './hooks';
import { useI18n } from './i18n';
import { Button, SectionTitle } from './ui';

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);

/** Which attributes actually go with winning, from the rep's own history; a suggested weight is adopted with one click. */
export function WhatConverts({ scoring }: { scoring: ScoringConfig }) {
  const { t } = useI18n();
  const data = useLive({ name: 'conversions' });
  const cmd = useCommand();
  if (!data) return null;
  const label = (attr: string) => {
    const a = parseConversionAttribute(attr);
    if (!a) return attr;
    return 'fit' in a ? t(fitRuleKey(a.fit)) : t('scoring.bantState', { field: t(bantFieldKey(a.bant)), state: t(bantStateKey(a.state)) });
  };
  const adopt = (attr: string, points: number) => {
    const a = parseConversionAttribute(attr);
    if (!a) return;
    const fit = structuredClone(scoring.fit);
    if ('fit' in a) fit[a.fit] = points;
    else fit.bant[a.bant][a.state] = points;
    void cmd.run({ type: 'ui/update-settings', patch: { scoring: { ...scoring, fit } } }, (r) => r.ok || cmd.refuse(t('options.invalid', { issues: r.issues.join('; ') })));
  };
  return (
    <section aria-labelledby="sc-converts" className="space-y-2">
      <SectionTitle id="sc-converts">{t('converts.title')}</SectionTitle>
      <p className="text-xs text-slate-500">{t('converts.help', { won: data.won, lost: data.lost })}</p>
      {data.won + data.lost === 0 ? (
        <p className="text-sm text-slate-500">{t('converts.none')}</p>
      ) : (
        <table data-testid="sidecar-converts" className="w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1">{t('converts.attribute')}</th>
              <th>
                {t('converts.with')} / {t('converts.without')}
              </th>
              <th>{t('converts.sample')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.attribute} data-attribute={r.attribute} className="border-t border-slate-100">
                <td className="py-1">{label(r.attribute)}</td>
                <td className="tabular-nums">
                  {pct(r.winRateWith)} / {pct(r.winRateWithout)}
                </td>
                <td className="tabular-nums">
                  {r.sample} {!r.reliable && <span className="text-xs text-amber-700">({t('converts.few')})</span>}
                </td>
                <td>
                  {r.suggestedPoints !== null && (
                    <Button data-testid="sidecar-converts-adopt" onClick={() => adopt(r.attribute, r.suggestedPoints!)}>
                      {t('converts.adopt', { points: r.suggestedPoints })}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CommandError command={cmd} />
    </section>
  );
}
