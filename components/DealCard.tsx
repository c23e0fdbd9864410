import type { Deal } from '@/lib/domain/records';
import { nextStage, stageIndex, type Stage } from '@/lib/domain/stages';
import { stageName } from '@/lib/i18n';
import { useCommand } from './hooks';
import { useI18n } from './i18n';

export function StageBadge({ stage, status }: { stage: Stage | undefined; status: Deal['status'] }) {
  const { t } = useI18n();
  const label = status === 'open' ? (stage ? stageName(stage, t) : '?') : t(status === 'won' ? 'deal.status.won' : 'deal.status.lost');
  const color = status === 'won' ? '#15803d' : status === 'lost' ? '#b91c1c' : (stage?.color ?? '#64748b');
  return (
    <span data-testid="sidecar-stage" className="inline-block rounded-full px-2.5 py-0.5 text-sm font-medium text-white" style={{ background: color }}>
      {label}
    </span>
  );
}

export function DealCard({ deal, stages }: { deal: Deal; stages: readonly Stage[] }) {
  const { t } = useI18n();
  const { busy, error, run, setError } = useCommand();
  const stage = stages.find((s) => s.id === deal.stageId);
  const next = deal.status === 'open' ? nextStage(stages, deal.stageId) : null;

  const advance = async () => {
    const r = await run({ type: 'ui/move-stage', dealId: deal.id });
    if (r && !r.ok) setError(r.reason);
  };

  return (
    <section className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t('deal.stage')}</span>
        <StageBadge stage={stage} status={deal.status} />
      </div>
      <ol aria-hidden className="flex gap-0.5">
        {stages.map((s, i) => (
          <li key={s.id} className="h-1.5 flex-1 rounded-full" style={{ background: i <= stageIndex(stages, deal.stageId) ? s.color : '#e2e8f0' }} />
        ))}
      </ol>
      {next ? (
        <button
          type="button"
          data-testid="sidecar-advance-stage"
          disabled={busy}
          onClick={advance}
          className="w-full rounded-md bg-slate-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60"
        >
          {t('deal.advance', { stage: stageName(next, t) })}
        </button>
      ) : (
        deal.status === 'open' && <p className="text-xs text-slate-500">{t('deal.lastStage')}</p>
      )}
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {t('error.generic', { message: error })}
        </p>
      )}
    </section>
  );
}
