import { useEffect, useState } from 'react';
import { scoreLead, type LeadInput } from '@/lib/domain/scoring';
import type { Settings } from '@/lib/domain/settings';
import { useI18n } from './i18n';

/** Re-renders every minute: engagement decays as time passes, without the rep doing anything. */
function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export function ScoreCard({ input, settings }: { input: LeadInput; settings: Settings }) {
  const { t } = useI18n();
  const now = useNow();
  const score = scoreLead(input, settings.scoring, now);
  return (
    <section className="rounded-lg border border-slate-200 p-3">
      <div className="flex flex-wrap items-baseline justify-between gap-x-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t('score.title')}</h3>
        <span className="flex items-baseline gap-2">
          {score.salesReady && (
            <span data-testid="sidecar-sales-ready" className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">
              {t('score.salesReady')}
            </span>
          )}
          <span data-testid="sidecar-lead-score" className="text-2xl font-semibold tabular-nums text-slate-900">
            {score.total}
          </span>
        </span>
      </div>
      {/* A <dl> holds only dt/dd groups (axe: definition-list), so the threshold sits beside it, not in it. */}
      <div className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-600">
        <dl className="flex flex-wrap gap-x-4">
          <div className="flex gap-1">
            <dt>{t('score.fit')}</dt>
            <dd data-testid="sidecar-fit-score" className="font-semibold tabular-nums text-slate-800">
              {score.fit}
            </dd>
          </div>
          <div className="flex gap-1">
            <dt>{t('score.engagement')}</dt>
            <dd data-testid="sidecar-engagement-score" className="font-semibold tabular-nums text-slate-800">
              {score.engagement}
            </dd>
          </div>
        </dl>
        <p className="ml-auto text-slate-500">{t('score.threshold', { threshold: settings.scoring.threshold })}</p>
      </div>
      <details className="mt-1 text-sm" open>
        <summary className="cursor-pointer rounded text-slate-600 focus-visible:outline-2 focus-visible:outline-sky-600">{t('score.explain')}</summary>
        <ul data-testid="sidecar-score-breakdown" className="mt-1 space-y-0.5">
          {score.parts.map((p) => (
            <li key={p.rule} data-rule={p.rule} data-group={p.group} data-points={p.points} className="flex justify-between gap-2 text-xs text-slate-700">
              <span>
                {t(p.rule)}
                {p.count !== undefined && p.count > 1 && <span className="text-slate-500"> {t('score.count', { count: p.count })}</span>}
              </span>
              <span className={`tabular-nums ${p.points < 0 ? 'text-red-700' : ''}`}>{t('score.points', { points: p.points > 0 ? `+${p.points}` : p.points })}</span>
            </li>
          ))}
        </ul>
        {score.parts.length === 0 && <p className="mt-1 text-xs text-slate-500">{t('score.empty')}</p>}
      </details>
    </section>
  );
}
