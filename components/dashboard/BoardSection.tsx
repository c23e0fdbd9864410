import type { Settings } from '@/lib/domain/settings';
import { stageName } from '@/lib/i18n';
import { useI18n } from '../i18n';
import { Section } from './Section';

/** One column per stage, in the rep's order and colours. */
export function BoardSection({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  return (
    <Section id="board" title={t('dash.section.board')}>
      <div data-testid="sidecar-board" className="flex gap-3 overflow-x-auto pb-2">
        {settings.stages.map((stage) => (
          <div
            key={stage.id}
            data-testid="sidecar-board-column"
            data-stage={stage.id}
            className="w-64 shrink-0 rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
          >
            <h3 className="flex items-center gap-2 border-b border-slate-200 px-3 py-2 text-sm font-semibold dark:border-slate-800">
              <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ background: stage.color }} />
              {stageName(stage, t)}
            </h3>
          </div>
        ))}
      </div>
    </Section>
  );
}
