import { placeholderScore } from '@/lib/domain/score';
import type { Activity } from '@/lib/domain/records';
import type { MessageKey } from '@/lib/i18n';
import { useI18n } from './i18n';

export function ScoreCard({ activities, stageIndex }: { activities: Activity[]; stageIndex: number }) {
  const { t } = useI18n();
  const score = placeholderScore(
    activities.map((a) => a.kind),
    Math.max(0, stageIndex),
  );
  return (
    <section className="rounded-lg border border-slate-200 p-3">
      <div className="flex items-baseline justify-between">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t('score.title')}</h3>
        <span data-testid="sidecar-lead-score" className="text-2xl font-semibold tabular-nums text-slate-900">
          {score.total}
        </span>
      </div>
      <details className="mt-1 text-sm">
        <summary className="cursor-pointer rounded text-slate-600 focus-visible:outline-2 focus-visible:outline-sky-600">
          {t('score.explain')}
        </summary>
        {score.parts.length === 0 ? (
          <p className="mt-1 text-xs text-slate-500">{t('score.empty')}</p>
        ) : (
          <ul data-testid="sidecar-score-breakdown" className="mt-1 space-y-0.5">
            {score.parts.map((p) => (
              <li key={p.rule} data-points={p.points} className="flex justify-between text-xs text-slate-700">
                <span>{t(p.rule as MessageKey)}</span>
                <span className="tabular-nums">{t('score.points', { points: p.points })}</span>
              </li>
            ))}
          </ul>
        )}
      </details>
    </section>
  );
}
