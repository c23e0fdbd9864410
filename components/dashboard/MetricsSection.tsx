import type { ReactNode } from 'react';
import { PERIODS, type Metrics, type PeriodId, type VelocityPoint } from '@/lib/domain/metrics';
import type { OwnerFilter } from '@/lib/domain/deal-owner';
import type { Settings } from '@/lib/domain/settings';
import { stageName, type MessageKey } from '@/lib/i18n';
import type { PipelineRow } from '@/lib/services/dashboard';
import { useI18n } from '../i18n';
import { OwnerChoice } from '../OwnerChoice';
import { ChoiceSelect } from '../ui';
import { Figure, HBars, LineChart } from './charts';
import { sourceName, useFormat } from './format';
import { Section } from './Section';

/** One figure: its raw number in data-value (the contract: money in major units, rates 0-1, days), the words beside it. */
function Tile({ testId, label, value, text, sub }: { testId: string; label: string; value: number; text: string; sub?: ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="text-xs font-medium text-slate-500">{label}</div>
      <div data-testid={testId} data-value={String(value)} className="text-xl font-semibold tabular-nums">
        {text}
      </div>
      {sub && <div className="text-xs text-slate-500">{sub}</div>}
    </div>
  );
}

const th = 'px-2 py-1 text-left text-xs font-medium text-slate-500';
const td = 'px-2 py-1 tabular-nums';

export function MetricsSection({
  settings,
  view,
  rows,
  period,
  onPeriod,
  owner,
  onOwner,
}: {
  settings: Settings;
  view: { metrics: Metrics; velocity: VelocityPoint[] } | undefined;
  rows: PipelineRow[] | undefined;
  period: PeriodId;
  onPeriod: (p: PeriodId) => void;
  owner: OwnerFilter;
  onOwner: (o: OwnerFilter) => void;
}) {
  const { t } = useI18n();
  const f = useFormat();
  const m = view?.metrics;
  const cur = settings.currency;
  const none = t('metrics.none');
  const money = (x: number | null) => (x === null ? none : f.money(x, cur));
  const days = (x: number | null) => (x === null ? none : t('metrics.days', { days: f.num(x) }));
  const stage = (id: string) => {
    const s = settings.stages.find((x) => x.id === id);
    return s ? stageName(s, t) : id;
  };
  const nameOf = new Map((rows ?? []).filter((r) => r.deal).map((r) => [r.deal!.id, r.name]));

  const picker = (
    <div className="flex flex-wrap items-center gap-3">
      <OwnerChoice view="metrics" value={owner} onChange={onOwner} />
      <ChoiceSelect
        inline
        data-testid="sidecar-metric-period"
        label={t('metrics.period')}
        values={PERIODS}
        value={period}
        text={(p) => t(`metrics.period.${p}` as MessageKey)}
        onChange={onPeriod}
      />
    </div>
  );

  return (
    <Section id="metrics" title={t('dash.section.metrics')} actions={picker}>
      {!m ? (
        <p className="text-sm text-slate-500">{t('dash.loading')}</p>
      ) : (
        <div className="space-y-4">
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-7">
            <Tile testId="sidecar-metric-leads" label={t('metrics.leads')} value={m.leads} text={f.int(m.leads)} />
            <Tile testId="sidecar-metric-qualified" label={t('metrics.qualified')} value={m.qualified} text={f.int(m.qualified)} sub={m.leads ? t('metrics.qualifiedOf', { rate: f.pct(m.qualified / m.leads) }) : undefined} />
            <Tile testId="sidecar-metric-avg-deal" label={t('metrics.avgDeal')} value={m.avgDealSize ?? 0} text={money(m.avgDealSize)} sub={t('metrics.wonLost', { won: m.won, lost: m.lost })} />
            <Tile
              testId="sidecar-metric-cycle-days"
              label={t('metrics.cycle')}
              value={m.cycleDays.mean ?? 0}
              text={days(m.cycleDays.mean)}
              sub={m.cycleDays.median !== null ? t('metrics.median', { days: f.num(m.cycleDays.median) }) : undefined}
            />
            <Tile
              testId="sidecar-metric-close-rate"
              label={t('metrics.closeRate')}
              value={m.closeRate ?? 0}
              text={m.closeRate === null ? none : f.pct(m.closeRate)}
              sub={m.leadConversion !== null ? t('metrics.conversion', { rate: f.pct(m.leadConversion) }) : undefined}
            />
            <Tile
              testId="sidecar-metric-lifetime-days"
              label={t('metrics.lifetime')}
              value={m.lifetimeDays.mean ?? 0}
              text={days(m.lifetimeDays.mean)}
              sub={m.lifetimeDays.median !== null ? t('metrics.median', { days: f.num(m.lifetimeDays.median) }) : undefined}
            />
            <Tile
              testId="sidecar-metric-velocity"
              label={t('metrics.velocity')}
              value={m.velocityPerDay}
              text={t('metrics.perDay', { value: f.money(m.velocityPerDay, cur) })}
              sub={t('metrics.per30', { value: f.money(m.velocityPer30Days, cur) })}
            />
          </div>
          {m.otherCurrencyWon > 0 && <p className="text-xs text-slate-500">{t('metrics.otherCurrency', { count: m.otherCurrencyWon })}</p>}

          <div className="grid gap-4 xl:grid-cols-2">
            <Figure
              title={t('metrics.funnel')}
              summary={t('metrics.funnelText', {
                leads: m.leads,
                steps: m.stages.map((s) => `${stage(s.stageId)} ${s.reached}`).join(', '),
                won: m.won,
              })}
            >
              <HBars
                label={t('metrics.funnel')}
                bars={[
                  ...m.stages.map((s) => ({ label: stage(s.stageId), value: s.reached, text: f.int(s.reached), color: settings.stages.find((x) => x.id === s.stageId)?.color })),
                  { label: t('board.won'), value: m.won, text: f.int(m.won), color: '#15803d' },
                ]}
              />
            </Figure>
            <VelocityTrend points={view.velocity} currency={cur} oneOwner={owner !== 'all'} />
          </div>

          <Figure title={t('metrics.stages')} summary={weakest(m, stage, t, f.pct)}>
            <div className="overflow-x-auto">
              <table className="min-w-full text-sm">
                <thead>
                  <tr>
                    <th className={th}>{t('metrics.stage')}</th>
                    <th className={th}>{t('metrics.reached')}</th>
                    <th className={th}>{t('metrics.toNext')}</th>
                    <th className={th}>{t('metrics.medianDays')}</th>
                    <th className={th}>{t('metrics.winRate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.stages.map((s) => (
                    <tr key={s.stageId} className="border-t border-slate-100">
                      <td className="px-2 py-1">{stage(s.stageId)}</td>
                      <td className={td}>{f.int(s.reached)}</td>
                      <td className={td}>
                        {s.conversion === null ? none : (
                          <span className="flex items-center gap-2">
                            <span aria-hidden className="inline-block h-2 rounded bg-sky-600" style={{ width: `${Math.round(s.conversion * 80)}px` }} />
                            {f.pct(s.conversion)}
                          </span>
                        )}
                      </td>
                      <td className={td}>{s.medianDays === null ? none : f.num(s.medianDays)}</td>
                      <td className={td}>{s.winRate === null ? none : f.pct(s.winRate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Figure>

          <div className="grid gap-4 xl:grid-cols-2">
            <section aria-labelledby="sc-forecast" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
              <h3 id="sc-forecast" className="text-sm font-semibold">
                {t('metrics.forecast')}
              </h3>
              <p data-testid="sidecar-metric-forecast" data-value={String(m.forecast)} className="text-sm">
                {t('metrics.forecastText', { open: f.money(m.openValue, cur), forecast: f.money(m.forecast, cur) })}
              </p>
              <h4 className="pt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">{t('metrics.winnable')}</h4>
              <table className="min-w-full text-sm">
                <thead>
                  <tr>
                    <th className={th}>{t('metrics.deals')}</th>
                    <th className={th}>{t('metrics.stage')}</th>
                    <th className={th}>{t('metrics.probability')}</th>
                    <th className={th}>{t('metrics.value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.winnable.map((w) => (
                    <tr key={w.dealId} className="border-t border-slate-100">
                      <td className="px-2 py-1">{nameOf.get(w.dealId) ?? w.dealId}</td>
                      <td className="px-2 py-1">{stage(w.stageId)}</td>
                      <td className={td}>{f.pct(w.probability)}</td>
                      <td className={td}>{f.money(w.value, w.currency)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <Figure
              title={t('metrics.reasons')}
              summary={m.lostReasons.length ? m.lostReasons.map((r) => `${r.reason || t('metrics.reasonNone')}: ${r.count}`).join('; ') : t('metrics.reasonsEmpty')}
            >
              {m.lostReasons.length > 0 && (
                <HBars label={t('metrics.reasons')} bars={m.lostReasons.map((r) => ({ label: r.reason || t('metrics.reasonNone'), value: r.count, text: f.int(r.count), color: '#b91c1c' }))} />
              )}
            </Figure>
          </div>

          <section aria-labelledby="sc-sources" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
            <h3 id="sc-sources" className="text-sm font-semibold">
              {t('metrics.bySource')}
            </h3>
            <div className="overflow-x-auto">
              <table data-testid="sidecar-metric-sources" className="min-w-full text-sm">
                <thead>
                  <tr>
                    <th className={th}>{t('metrics.source')}</th>
                    <th className={th}>{t('metrics.leads')}</th>
                    <th className={th}>{t('board.won')}</th>
                    <th className={th}>{t('metrics.closeRate')}</th>
                    <th className={th}>{t('metrics.avgDeal')}</th>
                    <th className={th}>{t('metrics.cycle')}</th>
                  </tr>
                </thead>
                <tbody>
                  {m.bySource.map((s) => (
                    <tr key={String(s.source)} className="border-t border-slate-100">
                      <td className="px-2 py-1">{sourceName(s.source, t)}</td>
                      <td className={td}>{f.int(s.leads)}</td>
                      <td className={td}>{f.int(s.won)}</td>
                      <td className={td}>{s.closeRate === null ? none : f.pct(s.closeRate)}</td>
                      <td className={td}>{money(s.avgDealSize)}</td>
                      <td className={td}>{days(s.cycleDays)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}
    </Section>
  );
}

function weakest(m: Metrics, stage: (id: string) => string, t: ReturnType<typeof useI18n>['t'], pct: (r: number) => string): string {
  const known = m.stages.filter((s) => s.conversion !== null && s.reached >= 3);
  if (known.length === 0) return m.stages.map((s) => `${stage(s.stageId)}: ${s.reached}`).join(', ');
  const w = known.reduce((a, b) => (b.conversion! < a.conversion! ? b : a));
  return t('metrics.weakest', { stage: stage(w.stageId), rate: pct(w.conversion!) });
}

/** `oneOwner`: the past days are not the stored snapshots but worked out again (lib/services/dashboard metricsView). */
function VelocityTrend({ points, currency, oneOwner }: { points: VelocityPoint[]; currency: string; oneOwner: boolean }) {
  const { t } = useI18n();
  const f = useFormat();
  const ys = points.map((p) => p.velocityPerDay);
  const trend =
    points.length < 2
      ? t('metrics.velocityTrendEmpty')
      : t('metrics.velocityTrendText', {
          days: points.length,
          first: f.money(ys[0]!, currency),
          last: f.money(ys[ys.length - 1]!, currency),
          min: f.money(Math.min(...ys), currency),
          max: f.money(Math.max(...ys), currency),
        });
  const summary = oneOwner && points.length > 1 ? `${trend} ${t('metrics.velocityTrendOwner')}` : trend;
  return (
    <Figure
      title={t('metrics.velocityTrend')}
      summary={summary}
      table={
        points.length > 1 ? (
          <details className="text-xs">
            <summary className="cursor-pointer text-slate-600">{t('metrics.chartTable')}</summary>
            <table className="mt-1">
              <tbody>
                {points.slice(-60).map((p) => (
                  <tr key={p.day}>
                    <td className="pr-3">{f.date(p.at)}</td>
                    <td className="tabular-nums">{f.money(p.velocityPerDay, currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        ) : undefined
      }
    >
      <LineChart label={t('metrics.velocityTrend')} points={points.map((p) => ({ x: p.at, y: p.velocityPerDay }))} format={(y) => f.money(y, currency, true)} />
    </Figure>
  );
}
