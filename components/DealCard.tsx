import { useEffect, useRef, useState } from 'react';
import type { BantField } from '@/lib/domain/bant';
import { gateMissing } from '@/lib/domain/bant';
import { textOn } from '@/lib/domain/contrast';
import type { Deal } from '@/lib/domain/records';
import type { Settings } from '@/lib/domain/settings';
import { nextStage, stageIndex, type Stage } from '@/lib/domain/stages';
import { stageName, type Translate } from '@/lib/i18n';
import { bantFieldKey } from '@/lib/i18n/keys';
import { DealDetails } from './DealDetails';
import { useCommand } from './hooks';
import { dealOwnership } from '@/lib/domain/deal-owner';
import { useI18n } from './i18n';
import { useAnnounce } from './Announcer';
import { CommandError, refusalText } from './CommandError';
import { Button, inputClass, labelClass } from './ui';

export function StageBadge({ stage, status }: { stage: Stage | undefined; status: Deal['status'] }) {
  const { t } = useI18n();
  const label = status === 'open' ? (stage ? stageName(stage, t) : '?') : t(status === 'won' ? 'deal.status.won' : 'deal.status.lost');
  const color = status === 'won' ? '#15803d' : status === 'lost' ? '#b91c1c' : (stage?.color ?? '#64748b');
  return (
    <span data-testid="sidecar-stage" className="inline-block rounded-full px-2.5 py-0.5 text-sm font-medium" style={{ background: color, color: textOn(color) }}>
      {label}
    </span>
  );
}

const fieldList = (fields: readonly string[], t: Translate) => fields.filter(bantFieldKey.has).map((f) => t(bantFieldKey(f))).join(', ');

export function LostForm({ deal, reasons, onDone }: { deal: Pick<Deal, 'id'>; reasons: readonly string[]; onDone: () => void }) {
  const { t } = useI18n();
  const [choice, setChoice] = useState(reasons[0] ?? '');
  const [other, setOther] = useState('');
  const cmd = useCommand();
  const reason = choice === '__other' ? other.trim() : choice;
  const confirm = () =>
    cmd.run({ type: 'ui/close-deal', dealId: deal.id, outcome: 'lost', reason }, (r) => (r.ok ? onDone() : cmd.refuse(refusalText(r.reason, t))));
  return (
    <div className="space-y-2 rounded-md border border-red-200 bg-red-50 p-2">
      <label className="block space-y-1">
        <span className={labelClass}>{t('deal.lostReason')}</span>
        <select data-testid="sidecar-lost-reason" className={inputClass} value={choice} onChange={(e) => setChoice(e.target.value)}>
          {reasons.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
          <option value="__other">{t('deal.lostOther')}</option>
        </select>
      </label>
      {choice === '__other' && (
        <input data-testid="sidecar-lost-other" aria-label={t('deal.lostOther')} className={inputClass} maxLength={300} value={other} onChange={(e) => setOther(e.target.value)} />
      )}
      <div className="flex gap-2">
        <Button variant="danger" data-testid="sidecar-lost-confirm" disabled={cmd.busy} onClick={confirm}>
          {t('deal.confirmLost')}
        </Button>
        <Button onClick={onDone}>{t('deal.cancel')}</Button>
      </div>
      <CommandError command={cmd} />
    </div>
  );
}

export function DealCard({ deal, settings }: { deal: Deal; settings: Settings }) {
  const { t } = useI18n();
  const { stages } = settings;
  const cmd = useCommand();
  const [gated, setGated] = useState<{ stageId: string; missing: BantField[] } | null>(null);
  const [losing, setLosing] = useState(false);
  const stage = stages.find((s) => s.id === deal.stageId);
  const open = deal.status === 'open';
  const next = open ? nextStage(stages, deal.stageId) : null;
  const hint = next ? gateMissing(next.gate, deal.bant) : [];

  const advance = () => {
    setGated(null);
    return cmd.run({ type: 'ui/move-stage', dealId: deal.id }, (r) => {
      if (r.ok) return;
      if (r.reason === 'gated') setGated({ stageId: r.stageId, missing: r.missing });
      else cmd.refuse(refusalText(r.reason, t));
    });
  };
  const gatedStage = gated && stages.find((s) => s.id === gated.stageId);
  useAnnounceMove(deal, stage ? stageName(stage, t) : deal.stageId);

  return (
    <section className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t('deal.stage')}</span>
        <StageBadge stage={stage} status={deal.status} />
      </div>
      {dealOwnership(deal, settings.myAddresses) === 'team' && (
        <p data-testid="sidecar-deal-owner" className="text-xs text-slate-600">
          {t('deal.owner.team', { owner: deal.owner! })}
        </p>
      )}
      <ol aria-hidden className="flex gap-0.5">
        {stages.map((s, i) => (
          <li key={s.id} className="h-1.5 flex-1 rounded-full" style={{ background: i <= stageIndex(stages, deal.stageId) ? s.color : 'var(--color-slate-200, #e2e8f0)' }} />
        ))}
      </ol>
      {open && next && (
        <Button variant="dark" className="w-full" data-testid="sidecar-advance-stage" disabled={cmd.busy} onClick={advance}>
          {t('deal.advance', { stage: stageName(next, t) })}
        </Button>
      )}
      {open && !next && <p className="text-xs text-slate-500">{t('deal.lastStage')}</p>}
      {open && next && hint.length > 0 && !gated && (
        <p data-testid="sidecar-gate-hint" className="text-xs text-amber-800">
          {t('deal.gateHint', { stage: stageName(next, t), fields: fieldList(hint, t) })}
        </p>
      )}
      {gated && gatedStage && (
        <p role="alert" data-testid="sidecar-gate-missing" className="rounded-md bg-amber-50 p-2 text-xs text-amber-900">
          {t('deal.gated', { stage: stageName(gatedStage, t), fields: fieldList(gated.missing, t) })}
        </p>
      )}
      {open && !losing && (
        <div className="flex flex-wrap gap-2">
          <Button className="flex-1" data-testid="sidecar-deal-won" disabled={cmd.busy} onClick={() => cmd.run({ type: 'ui/close-deal', dealId: deal.id, outcome: 'won' })}>
            {t('deal.markWon')}
          </Button>
          <Button variant="danger" className="flex-1" data-testid="sidecar-deal-lost" onClick={() => setLosing(true)}>
            {t('deal.markLost')}
          </Button>
        </div>
      )}
      {open && losing && <LostForm deal={deal} reasons={settings.lostReasons} onDone={() => setLosing(false)} />}
      {!open && (
        <div className="space-y-1">
          {deal.lostReason && <p className="text-xs text-slate-600">{t('deal.closedBecause', { reason: deal.lostReason })}</p>}
          <Button data-testid="sidecar-deal-reopen" onClick={() => cmd.run({ type: 'ui/reopen-deal', dealId: deal.id })}>
            {t('deal.reopen')}
          </Button>
        </div>
      )}
      <CommandError command={cmd} />
      <DealDetails deal={deal} />
    </section>
  );
}

/**
 * Says when this deal's stage or outcome changes, whatever moved it (the button, an accepted suggestion, the board
 * in another tab): the live query brings the change, this hears it. Another deal shown in its place is not a move.
 */
function useAnnounceMove(deal: Deal, stageLabel: string) {
  const { t } = useI18n();
  const announce = useAnnounce();
  const seen = useRef({ id: deal.id, stageId: deal.stageId, status: deal.status });
  useEffect(() => {
    const was = seen.current;
    seen.current = { id: deal.id, stageId: deal.stageId, status: deal.status };
    if (was.id !== deal.id || (was.stageId === deal.stageId && was.status === deal.status)) return;
    announce(deal.status === 'open' ? t('live.stageMoved', { stage: stageLabel }) : t(deal.status === 'won' ? 'live.dealWon' : 'live.dealLost'));
  }, [deal.id, deal.stageId, deal.status, stageLabel, announce, t]);
}
