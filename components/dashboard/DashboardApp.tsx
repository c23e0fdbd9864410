import { useEffect, useState } from 'react';
import type { OwnerFilter } from '@/lib/domain/deal-owner';
import type { PeriodId } from '@/lib/domain/metrics';
import type { Settings } from '@/lib/domain/settings';
import { useLive, useSettings } from '../hooks';
import { I18nProvider, useI18n } from '../i18n';
import { AnnounceProvider } from '../Announcer';
import { focusRing } from '../ui';
import { BoardSection } from './BoardSection';
import { CalculatorSection } from './CalculatorSection';
import { DataSection } from './DataSection';
import { MetricsSection } from './MetricsSection';
import { PeopleSection } from './PeopleSection';
import { ReviewSection } from './ReviewSection';
import { SampleData } from './SampleData';

// One page with every section in the DOM at once (no tabs that unmount): the
// nav only scrolls, so anything on the page can be found without a click.
const SECTIONS = [
  { id: 'board', key: 'dash.section.board' },
  { id: 'people', key: 'dash.section.people' },
  { id: 'metrics', key: 'dash.section.metrics' },
  { id: 'review', key: 'dash.section.review' },
  { id: 'calculator', key: 'dash.section.calculator' },
  { id: 'data', key: 'dash.section.data' },
] as const;

function Dashboard({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const [period, setPeriod] = useState<PeriodId>('all');
  // Whose deals the board and the metrics count: each its own choice, everyone's at first (as People & deals').
  const [boardOwner, setBoardOwner] = useState<OwnerFilter>('all');
  const [metricsOwner, setMetricsOwner] = useState<OwnerFilter>('all');
  // The person open in People & deals; the review's lines open theirs there too.
  const [openId, setOpenId] = useState<string | null>(null);
  const openPerson = (id: string) => {
    setOpenId(id);
    document.getElementById('people')?.scrollIntoView();
  };
  // The board's first screen and the metrics first; the whole pipeline (10,000 rows are megabytes on the port,
  // for People & deals and the review below) once they are in, so it does not hold them up.
  const board = useLive({ name: 'board', owner: boardOwner });
  const metrics = useLive({ name: 'metrics', period, owner: metricsOwner });
  const later = useAfter(board !== undefined, metrics !== undefined, 1500);
  const pipeline = useLive(later ? { name: 'pipeline' } : null);
  return (
    <div className="min-h-screen bg-slate-50 text-slate-900">
      <a href="#board" className={`sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 ${focusRing}`}>
        {t('dash.skip')}
      </a>
      <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-6 gap-y-2 px-6 py-2">
          <h1 className="flex items-center gap-2 text-base font-semibold">
            <span aria-hidden className="grid h-6 w-6 place-items-center rounded bg-slate-900 text-xs font-bold text-white">
              S
            </span>
            {t('dash.title')}
          </h1>
          <nav aria-label={t('dash.nav')}>
            <ul className="flex flex-wrap gap-1">
              {SECTIONS.map((s) => (
                <li key={s.id}>
                  <a href={`#${s.id}`} className={`rounded px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 ${focusRing}`}>
                    {t(s.key)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main className="mx-auto max-w-screen-2xl space-y-10 px-6 py-6">
        {board && <SampleData loaded={board.sample} empty={board.people === 0} />}
        <BoardSection settings={settings} board={board} metrics={metrics?.metrics} owner={boardOwner} onOwner={setBoardOwner} />
        <PeopleSection settings={settings} rows={pipeline?.rows} openId={openId} onOpen={setOpenId} />
        <MetricsSection settings={settings} view={metrics} rows={pipeline?.rows} period={period} onPeriod={setPeriod} owner={metricsOwner} onOwner={setMetricsOwner} />
        <ReviewSection settings={settings} rows={pipeline?.rows} onOpen={openPerson} />
        <CalculatorSection settings={settings} metrics={metrics?.metrics} />
        <DataSection />
      </main>
    </div>
  );
}

/** True once `first` holds and `second` too, or `waitMs` after `first` when `second` is slow (a cold background). */
function useAfter(first: boolean, second: boolean, waitMs: number): boolean {
  const [waited, setWaited] = useState(false);
  useEffect(() => {
    if (!first || second) return;
    const timer = setTimeout(() => setWaited(true), waitMs);
    return () => clearTimeout(timer);
  }, [first, second, waitMs]);
  const ready = first && (second || waited);
  // Once asked for, the pipeline stays subscribed (a period change must not drop it).
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (ready) setDone(true);
  }, [ready]);
  return ready || done;
}

export function DashboardApp() {
  const settings = useSettings();
  if (!settings) return null;
  return (
    <I18nProvider setting={settings.language}>
      <AnnounceProvider>
        <Dashboard settings={settings} />
      </AnnounceProvider>
    </I18nProvider>
  );
}
