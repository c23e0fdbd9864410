import { useState } from 'react';
import type { Metrics } from '@/lib/domain/metrics';
import { pipelineSize } from '@/lib/domain/pipeline-size';
import type { Settings } from '@/lib/domain/settings';
import { useI18n } from '../i18n';
import { inputClass, labelClass } from '../ui';
import { useFormat } from './format';
import { Section } from './Section';

/** A plain decimal from what the rep typed ("100000", "100,000", "100.000", "0,8"), or NaN. */
function parseNumber(text: string): number {
  const s = text.replace(/[\s\u00a0]/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return Number.NaN;
  // A separator followed by exactly three digits, repeated, is grouping; a last one with 1-2 digits is decimal.
  const m = /^(.*?)[.,](\d{1,2})$/.exec(s);
  return m ? Number(`${m[1]!.replace(/[.,]/g, '')}.${m[2]}`) : Number(s.replace(/[.,]/g, ''));
}

type Field = 'target' | 'avgDeal' | 'closeRate' | 'reps';

const round = (x: number, digits = 2) => String(Math.round(x * 10 ** digits) / 10 ** digits);

/** The method's size calculator, prefilled from the rep's own figures (all editable). */
export function CalculatorSection({ settings, metrics }: { settings: Settings; metrics: Metrics | undefined }) {
  const { t } = useI18n();
  const f = useFormat();
  // What the rep typed, per field; a field not typed in follows the figures as they arrive.
  // (Derived at render, not copied in an effect, so typing can never race the figures.)
  const [typed, setTyped] = useState<Partial<Record<Field, string>>>({});
  const avg = metrics?.avgDealSize;
  const prefill: Record<Field, string> = {
    target: !metrics ? '' : metrics.velocityPer30Days > 0 ? round(metrics.velocityPer30Days, 0) : avg ? round(avg * 10, 0) : '',
    avgDeal: avg ? round(avg) : '',
    closeRate: metrics && metrics.closeRate !== null ? round(metrics.closeRate * 100, 1) : '',
    reps: '1',
  };
  const fields = { ...prefill, ...typed };
  const set = (k: Field) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.target.value;
    setTyped((x) => ({ ...x, [k]: value }));
  };
  const open = metrics?.openDeals;
  const r = pipelineSize({
    target: parseNumber(fields.target),
    avgDeal: parseNumber(fields.avgDeal),
    closeRate: parseNumber(fields.closeRate) / 100,
    reps: parseNumber(fields.reps),
    openLeads: open,
  });
  const input = (k: Field, testId: string, label: string, suffix?: string) => (
    <label className="block space-y-1">
      <span className={labelClass}>
        {label}
        {suffix ? ` (${suffix})` : ''}
      </span>
      <input data-testid={testId} inputMode="decimal" className={`${inputClass}`} value={fields[k]} onChange={set(k)} />
    </label>
  );
  // A fraction of a sale is still a sale to find: shown rounded up, the exact quotient in data-value.
  const out = (testId: string, label: string, value: number | undefined) => (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="text-xs font-medium text-slate-500">{label}</div>
      <output data-testid={testId} data-value={value === undefined ? '' : String(value)} className="block text-2xl font-semibold tabular-nums">
        {value === undefined ? '—' : f.int(Math.ceil(value - 1e-9))}
      </output>
    </div>
  );
  return (
    <Section id="calculator" title={t('dash.section.calculator')}>
      <p className="text-sm text-slate-600">{t('calc.intro')}</p>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {input('target', 'sidecar-calc-target', t('calc.target'), settings.currency)}
        {input('avgDeal', 'sidecar-calc-avg-deal', t('calc.avgDeal'), settings.currency)}
        {input('closeRate', 'sidecar-calc-close-rate', t('calc.closeRate'))}
        {input('reps', 'sidecar-calc-reps', t('calc.reps'))}
      </div>
      <div aria-live="polite" className="grid gap-3 sm:grid-cols-3">
        {out('sidecar-calc-deals', t('calc.deals'), r?.deals)}
        {out('sidecar-calc-leads', t('calc.leads'), r?.leads)}
        {out('sidecar-calc-per-rep', t('calc.perRep'), r?.perRep)}
      </div>
      <p data-testid="sidecar-calc-compare" className="text-sm">
        {!r
          ? t('calc.invalid')
          : r.moreLeads === null
            ? ''
            : r.moreLeads > 0
              ? t('calc.compare', { open: f.int(open ?? 0), more: f.int(r.moreLeads) })
              : t('calc.enough', { open: f.int(open ?? 0) })}
      </p>
    </Section>
  );
}
