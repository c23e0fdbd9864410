import { useMemo, useState, type ReactNode } from 'react';
import { weekRange, weekStart, type ReviewDecider } from '@/lib/domain/pipeline-review';
import type { Settings } from '@/lib/domain/settings';
import { stageName, type Translate } from '@/lib/i18n';
import { activityKindKey, missingDetailKey, triggerKindKey } from '@/lib/i18n/keys';
import type { PipelineRow } from '@/lib/services/dashboard';
import { useLive, useShowMore } from '../hooks';
import { useI18n } from '../i18n';
import { Button, focusRing } from '../ui';
import { useFormat } from './format';
import { Section } from './Section';

type Part = 'moved' | 'won' | 'lost' | 'stale' | 'missing';

/**
 * Lines shown per part before "Show more", and how many more each press shows. The parts come sorted by what
 * matters most (lib/domain/pipeline-review.ts), and over 10,000 deals "gone quiet" and "missing details" run to
 * thousands of lines: drawn whole they were 40,000 elements, and every frame of the page (a drag on the board, a
 * keystroke in the search) paid for them in style and paint, and so did the Gmail sidebar, which shares this
 * page's renderer.
 */
const REVIEW_FIRST = 10;
const REVIEW_MORE = 25;

/**
 * The weekly pipeline meeting's agenda (lib/domain/pipeline-review.ts) for a
 * week the rep picks: what moved, what was won and what decided it, what was
 * lost and why, what went quiet or is stuck, what lacks details. Each line
 * opens the person and their deal in People & deals.
 */
export function ReviewSection({ settings, rows, onOpen }: { settings: Settings; rows: PipelineRow[] | undefined; onOpen: (contactId: string) => void }) {
  const { t } = useI18n();
  const f = useFormat();
  const [from, setWeek] = useState(() => weekStart(Date.now()));
  const shown = useShowMore<HTMLDivElement>(REVIEW_FIRST, REVIEW_MORE);
  // Another week's agenda starts again from its first lines.
  const setFrom = (week: number) => {
    setWeek(week);
    shown.reset();
  };
  // Below the fold: asked for once the pipeline (the board, People & deals) has come, so it does not hold that up.
  const review = useLive(rows ? { name: 'review', from } : null);
  const names = useMemo(() => new Map((rows ?? []).map((r) => [r.contactId, r.name])), [rows]);
  const stage = (id: string) => {
    const s = settings.stages.find((x) => x.id === id);
    return s ? stageName(s, t) : id === 'won' ? t('board.won') : id === 'lost' ? t('board.lost') : id;
  };
  const { to } = weekRange(from);
  const line = (part: Part, dealId: string, contactId: string, text: ReactNode) => (
    <li key={`${part}:${dealId}`}>
      <button type="button" data-testid="sidecar-review-item" data-deal-id={dealId} data-contact-id={contactId} onClick={() => onOpen(contactId)} className={`w-full rounded px-2 py-1 text-left hover:bg-slate-100 ${focusRing}`}>
        <span dir="auto" className="font-medium">
          {names.get(contactId) ?? t('review.unknown')}
        </span>{' '}
        <span className="text-slate-600">{text}</span>
      </button>
    </li>
  );
  /** One part of the agenda: its first lines (only those are built), the total, and a button for the next ones. */
  const list = <T,>(part: Part, title: string, all: readonly T[], render: (item: T) => ReactNode) => {
    const limit = shown.limit(part);
    const rest = all.length - limit;
    return (
      <div data-testid={`sidecar-review-${part}`} data-count={all.length} className="space-y-1 rounded-lg border border-slate-200 bg-white p-3">
        <h3 className="text-sm font-semibold">
          {title} <span className="font-normal text-slate-500">({f.int(all.length)})</span>
        </h3>
        {all.length ? <ul className="text-sm">{all.slice(0, limit).map(render)}</ul> : <p className="text-sm text-slate-500">{t('review.nothing')}</p>}
        {rest > 0 && (
          <Button data-testid="sidecar-review-more" onClick={() => shown.more(part, `[data-testid=sidecar-review-${part}] [data-testid=sidecar-review-item]`)}>
            {t('review.more', { count: f.int(Math.min(rest, REVIEW_MORE)), total: f.int(rest) })}
          </Button>
        )}
      </div>
    );
  };
  return (
    <Section
      id="review"
      title={t('dash.section.review')}
      actions={
        <div className="flex items-center gap-2" role="group" aria-label={t('review.week')}>
          <Button data-testid="sidecar-review-prev" onClick={() => setFrom(weekRange(from, -1).from)}>
            {t('review.prev')}
          </Button>
          <span data-testid="sidecar-review-week" data-from={from} aria-live="polite" className="text-sm tabular-nums">
            {t('review.range', { from: f.date(from), to: f.date(to - 1) })}
          </span>
          <Button data-testid="sidecar-review-next" onClick={() => setFrom(weekRange(from, 1).from)}>
            {t('review.next')}
          </Button>
        </div>
      }
    >
      <p className="text-sm text-slate-600">{t('review.help')}</p>
      {!review ? (
        <p className="text-sm">{t('dash.loading')}</p>
      ) : (
        <div ref={shown.container} data-testid="sidecar-review" className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {list(
            'moved',
            t('review.moved'),
            review.moved,
            (m) => line('moved', m.dealId, m.contactId, `${stage(m.fromStageId)} → ${stage(m.toStageId)}${m.forward ? '' : ` (${t('review.back')})`}`),
          )}
          {list(
            'won',
            t('review.won'),
            review.won,
            (w) =>
              line('won', w.dealId, w.contactId, [f.moneyMinor(w.valueMinor, w.currency), t('review.cycle', { days: f.int(w.cycleDays) }), decidedBy(w.decidedBy, t)].filter(Boolean).join(' · ')),
          )}
          {list(
            'lost',
            t('review.lost'),
            review.lost,
            (l) => line('lost', l.dealId, l.contactId, [stage(l.stageId), l.reason ?? t('review.noReason')].join(' · ')),
          )}
          {list(
            'stale',
            t('review.stale'),
            review.stale,
            (s) =>
              line(
                'stale',
                s.dealId,
                s.contactId,
                [
                  stage(s.stageId),
                  s.quietDays !== null ? t('review.quiet', { days: f.int(s.quietDays) }) : null,
                  s.stuckDays !== null ? t('review.stuck', { days: f.int(s.stuckDays), limit: f.int(s.stuckLimitDays ?? 0) }) : null,
                ]
                  .filter(Boolean)
                  .join(' · '),
              ),
          )}
          {list(
            'missing',
            t('review.missing'),
            review.missing,
            (m) => line('missing', m.dealId, m.contactId, `${stage(m.stageId)} · ${m.missing.map((x) => t(missingDetailKey(x))).join(', ')}`),
          )}
        </div>
      )}
    </Section>
  );
}

function decidedBy(d: ReviewDecider | null, t: Translate): string | null {
  if (!d) return null;
  if (d.kind === 'reason') return t('review.decided', { what: d.text });
  if (d.kind === 'signal') return t('review.decided', { what: triggerKindKey.has(d.trigger) ? t(triggerKindKey(d.trigger)) : d.trigger });
  const what = activityKindKey.has(d.activity) ? t(activityKindKey(d.activity)) : d.activity;
  return t('review.decided', { what: d.text ? `${what}: ${d.text}` : what });
}
