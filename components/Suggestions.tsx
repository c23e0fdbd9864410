import type { Suggestion } from '@/lib/domain/records';
import type { Settings } from '@/lib/domain/settings';
import { stageName } from '@/lib/i18n';
import { bantFieldKey, triggerKindKey } from '@/lib/i18n/keys';
import { useCommand } from './hooks';
import { useI18n } from './i18n';
import { useAnnounce } from './Announcer';
import { CommandError, refusalText } from './CommandError';
import { Button } from './ui';

/** "Demo requested → move to Meeting?": the rep decides; a deal never moves on its own. */
export function Suggestions({ suggestions, settings }: { suggestions: readonly Suggestion[]; settings: Settings }) {
  const { t } = useI18n();
  const cmd = useCommand();
  const announce = useAnnounce();
  const open = suggestions.filter((s) => s.status === 'open');
  if (open.length === 0) return null;
  return (
    <section className="space-y-2">
      {open.map((s) => {
        // A stored suggestion may name a kind this version no longer has: then it shows as stored.
        const kind = triggerKindKey.has(s.kind) ? t(triggerKindKey(s.kind)) : s.kind;
        const stage = settings.stages.find((x) => x.id === s.stageId);
        const lost = s.stageId === 'lost';
        return (
          <div key={s.id} data-testid="sidecar-trigger" data-stage={s.stageId} data-kind={s.kind} className="space-y-1.5 rounded-lg border border-sky-300 bg-sky-50 p-3">
            <p className="text-sm font-medium text-sky-950">
              {lost ? t('trigger.suggestLost', { kind }) : t('trigger.suggest', { kind, stage: stage ? stageName(stage, t) : s.stageId })}
            </p>
            <p dir="auto" className="truncate text-xs italic text-slate-600">
              {t('trigger.quote', { phrase: s.phrase })}
            </p>
            <div className="flex flex-wrap gap-2">
              <Button
                variant="primary"
                data-testid="sidecar-trigger-accept"
                disabled={cmd.busy}
                onClick={() =>
                  cmd.run({ type: 'ui/accept-suggestion', id: s.id, lostReason: kind }, (r) => {
                    if (r.ok) return announce(t('live.suggestionAccepted'));
                    const gateStage = r.reason === 'gated' ? settings.stages.find((x) => x.id === r.stageId) : undefined;
                    cmd.refuse(
                      r.reason === 'gated' && gateStage
                        ? t('deal.gated', { stage: stageName(gateStage, t), fields: r.missing.map((f) => t(bantFieldKey(f))).join(', ') })
                        : refusalText(r.reason, t),
                    );
                  })
                }
              >
                {lost ? t('trigger.acceptLost') : t('trigger.accept')}
              </Button>
              <Button data-testid="sidecar-trigger-dismiss" disabled={cmd.busy} onClick={() => cmd.run({ type: 'ui/dismiss-suggestion', id: s.id })}>
                {t('trigger.dismiss')}
              </Button>
            </div>
          </div>
        );
      })}
      <CommandError command={cmd} />
    </section>
  );
}
