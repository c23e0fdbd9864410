import { confirmAddress, type Settings } from '@/lib/domain/settings';
import { CommandError } from './CommandError';
import { useCommand } from './hooks';
import { useI18n } from './i18n';
import { Button } from './ui';

/**
 * A Gmail account the page showed that is not yet the rep's: asked once, in the sidebar, where the rep is.
 * Until confirmed it is not treated as the rep's (a page could have put it there).
 */
export function ProposedAddresses({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const cmd = useCommand();
  const email = settings.proposedAddresses[0];
  if (!email) return null;
  const answer = (mine: boolean) =>
    cmd.run({ type: 'ui/update-settings', patch: mine ? confirmAddress(settings, email) : { proposedAddresses: settings.proposedAddresses.filter((e) => e !== email) } });
  return (
    <section data-testid="sidecar-proposed-address" data-email={email} aria-labelledby="sc-proposed" className="space-y-2 rounded-lg border border-slate-300 bg-white p-3">
      <p id="sc-proposed" className="text-sm text-slate-800">
        {t('me.sidebarAsk', { email })}
      </p>
      <div className="flex gap-2">
        <Button variant="primary" data-testid="sidecar-proposed-address-confirm" disabled={cmd.busy} onClick={() => void answer(true)}>
          {t('me.confirmShort')}
        </Button>
        <Button data-testid="sidecar-proposed-address-dismiss" disabled={cmd.busy} onClick={() => void answer(false)}>
          {t('me.dismissShort')}
        </Button>
      </div>
      <CommandError command={cmd} />
    </section>
  );
}
