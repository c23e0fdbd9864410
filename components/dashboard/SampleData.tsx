import { CommandError } from '../CommandError';
import { useCommand } from '../hooks';
import { useI18n } from '../i18n';
import { Button } from '../ui';

/** "Try with a sample pipeline" (always offered until loaded) and "Remove sample data". */
export function SampleData({ loaded, empty }: { loaded: boolean; empty: boolean }) {
  const { t } = useI18n();
  const cmd = useCommand();
  if (loaded) {
    return (
      <div role="status" className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-300 bg-amber-50 px-4 py-2 text-sm text-amber-950">
        <span>{t('dash.sample.loaded')}</span>
        <Button variant="danger" data-testid="sidecar-sample-remove" disabled={cmd.busy} onClick={() => void cmd.run({ type: 'ui/remove-sample' })}>
          {cmd.busy ? t('dash.sample.busy') : t('dash.sample.remove')}
        </Button>
        <CommandError command={cmd} />
      </div>
    );
  }
  return (
    <div className={empty ? 'space-y-3 rounded-lg border border-slate-200 bg-white p-6' : 'flex flex-wrap items-center gap-3'}>
      {empty && (
        <>
          <h2 className="text-lg font-semibold">{t('dash.empty.title')}</h2>
          <p className="max-w-3xl text-sm text-slate-600">{t('dash.empty.body')}</p>
        </>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button variant={empty ? 'primary' : 'secondary'} data-testid="sidecar-sample-data" disabled={cmd.busy} onClick={() => void cmd.run({ type: 'ui/load-sample' })} aria-describedby="sc-sample-help">
          {cmd.busy ? t('dash.sample.busy') : t('dash.sample.try')}
        </Button>
        <p id="sc-sample-help" className="max-w-2xl text-xs text-slate-500">
          {t('dash.sample.help')}
        </p>
      </div>
      <CommandError command={cmd} />
    </div>
  );
}
