import type { MessageKey, Translate } from '@/lib/i18n';
import type { Command } from './hooks';
import { useI18n } from './i18n';
import { focusRing } from './ui';

/** A command's failure, where the rep acted: plain words, and "Try again" when sending it again can help. */
export function CommandError({ command }: { command: Pick<Command, 'failure'> }) {
  const { t } = useI18n();
  const failure = command.failure;
  if (!failure) return null;
  return (
    <div role="alert" data-testid="sidecar-command-error" className="flex items-center justify-between gap-2 rounded-md bg-red-50 px-2 py-1 text-xs text-red-800">
      <span>{'key' in failure ? t(failure.key) : failure.text}</span>
      {failure.retry && (
        <button type="button" data-testid="sidecar-command-retry" onClick={failure.retry} className={`shrink-0 font-medium underline ${focusRing}`}>
          {t('command.retry')}
        </button>
      )}
    </div>
  );
}

/** The reasons services give for refusing a command, in the rep's words. */
const REFUSALS: Record<string, MessageKey> = {
  not_found: 'refusal.not_found',
  not_open: 'refusal.not_open',
  last_stage: 'refusal.last_stage',
  unknown_stage: 'refusal.unknown_stage',
  same_stage: 'refusal.same_stage',
  reason_required: 'deal.error.reason_required',
  already_linked: 'linkedin.error.already_linked',
  no_url: 'refusal.no_url',
};

export function refusalText(reason: string, t: Translate): string {
  const key = REFUSALS[reason];
  return key ? t(key) : t('command.failed');
}
