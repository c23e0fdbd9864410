import { FUTURE_TOLERANCE_MS } from '@/lib/domain/activity-summary';
import type { Activity } from '@/lib/domain/records';
import type { Stage } from '@/lib/domain/stages';
import { stageName } from '@/lib/i18n';
import { activityKindKey } from '@/lib/i18n/keys';
import { useI18n } from './i18n';

const ICONS: Record<Activity['kind'], string> = {
  email_in: '↙', email_out: '↗', linkedin_connect: '⊕', linkedin_message: '✉', linkedin_inmail: '✉',
  call: '☎', meeting: '◷', note: '✎', stage_change: '→',
};

function describe(a: Activity, stages: readonly Stage[], t: ReturnType<typeof useI18n>['t']): string | null {
  if (a.kind !== 'stage_change' || !a.text) return a.text;
  const [from, to] = a.text.split('→');
  const name = (id: string | undefined) => {
    const s = stages.find((x) => x.id === id);
    return s ? stageName(s, t) : (id ?? '');
  };
  return `${name(from)} → ${name(to)}`;
}

export function ActivityList({ activities, stages }: { activities: Activity[] | undefined; stages: readonly Stage[] }) {
  const { t, lang } = useI18n();
  if (!activities) return null;
  // Dated in the future (a wrong clock, a forged header): shown, flagged, and ignored by the "gone quiet" nudges.
  const now = Date.now();
  const fmt = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en', { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <section aria-labelledby="sc-activity" className="space-y-2">
      <h3 id="sc-activity" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {t('activity.title')}
      </h3>
      {activities.length === 0 ? (
        <p className="text-sm text-slate-500">{t('activity.empty')}</p>
      ) : (
        <ol className="space-y-1.5">
          {activities.map((a) => (
            <li key={a.id} data-testid="sidecar-activity" data-kind={a.kind} className="flex gap-2 text-sm">
              <span aria-hidden className="w-4 shrink-0 text-center text-slate-400">
                {ICONS[a.kind]}
              </span>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap justify-between gap-x-2">
                  <span className="font-medium text-slate-800">{t(activityKindKey(a.kind))}</span>
                  <time className="shrink-0 text-xs text-slate-500" dateTime={new Date(a.at).toISOString()}>
                    {fmt.format(a.at)}
                    {a.at > now + FUTURE_TOLERANCE_MS && (
                      <span data-testid="sidecar-activity-future" className="ml-1 rounded bg-amber-100 px-1 text-amber-900" title={t('activity.future')}>
                        ⚠ {t('activity.future')}
                      </span>
                    )}
                  </time>
                </div>
                {a.text && <p className="truncate text-xs text-slate-600">{describe(a, stages, t)}</p>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
