import { useState } from 'react';
import { nudgeWhyText } from '@/lib/i18n/nudge-why';
import { nudgeKindKey } from '@/lib/i18n/keys';
import type { OwnerFilter } from '@/lib/domain/deal-owner';
import type { NudgeItem } from '@/lib/services/views';
import { useCommand, useLive } from './hooks';
import { useI18n } from './i18n';
import { useAnnounce } from './Announcer';
import { CommandError } from './CommandError';
import { OwnerChoice } from './OwnerChoice';
import { Button, inputClass } from './ui';

/** "Park" after an unanswered sequence: the nudge sleeps for about three months. */
const PARK_MS = 90 * 86_400_000;

function NudgeRow({ item, showPerson }: { item: NudgeItem; showPerson: boolean }) {
  const { t, lang } = useI18n();
  const cmd = useCommand();
  const [custom, setCustom] = useState(false);
  const announce = useAnnounce();
  const { nudge, contact } = item;
  const snooze = (until: '1d' | '3d' | 'nextWeek' | number) => cmd.run({ type: 'ui/nudge-snooze', id: nudge.id, until });
  return (
    <li
      data-testid="sidecar-nudge"
      data-kind={nudge.kind}
      data-contact-email={contact.email ?? ''}
      data-priority={nudge.priority}
      className="space-y-1.5 rounded-lg border border-amber-200 bg-amber-50 p-3"
    >
      <div className="flex items-baseline justify-between gap-2">
        <span className="text-sm font-semibold text-amber-950">{t(nudgeKindKey(nudge.kind))}</span>
        {showPerson && (
          <span dir="auto" className="truncate text-sm text-slate-700">
            {contact.name}
          </span>
        )}
      </div>
      <p className="text-xs text-slate-700">{nudgeWhyText(item.nudge.why, t, lang, Date.now())}</p>
      <div className="flex flex-wrap gap-1.5">
        {showPerson && (
          <Button data-testid="sidecar-nudge-open" onClick={() => cmd.run({ type: 'ui/open-contact', contactId: contact.id })}>
            {t('nudge.open')}
          </Button>
        )}
        <Button variant="dark" data-testid="sidecar-nudge-done" disabled={cmd.busy} onClick={() => cmd.run({ type: 'ui/nudge-done', id: nudge.id }, () => announce(t('live.nudgeDone', { nudge: t(nudgeKindKey(nudge.kind)) })))}>
          {t('nudge.done')}
        </Button>
        <Button data-testid="sidecar-nudge-snooze" disabled={cmd.busy} onClick={() => snooze('1d')}>
          {t('nudge.snooze')} · {t('nudge.snooze.1d')}
        </Button>
        <select
          data-testid="sidecar-nudge-snooze-choice"
          aria-label={t('nudge.snooze')}
          className={`${inputClass} w-auto`}
          value=""
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'custom') setCustom(true);
            else if (v === '3d' || v === 'nextWeek') void snooze(v);
          }}
        >
          <option value="">{t('nudge.snooze')}…</option>
          <option value="3d">{t('nudge.snooze.3d')}</option>
          <option value="nextWeek">{t('nudge.snooze.nextWeek')}</option>
          <option value="custom">{t('nudge.snooze.custom')}</option>
        </select>
        {nudge.why.params.suggest === 'lost_or_park' && nudge.dealId && (
          <>
            <Button
              data-testid="sidecar-nudge-mark-lost"
              disabled={cmd.busy}
              onClick={() => cmd.run({ type: 'ui/close-deal', dealId: nudge.dealId!, outcome: 'lost', reason: t('nudge.lostReason') })}
            >
              {t('nudge.markLost')}
            </Button>
            <Button data-testid="sidecar-nudge-park" disabled={cmd.busy} onClick={() => snooze(Date.now() + PARK_MS)}>
              {t('nudge.park')}
            </Button>
          </>
        )}
        {nudge.dealId && (
          <Button data-testid="sidecar-nudge-dismiss" disabled={cmd.busy} onClick={() => cmd.run({ type: 'ui/nudge-dismiss-deal', dealId: nudge.dealId! })}>
            {t('nudge.dismiss')}
          </Button>
        )}
      </div>
      {custom && (
        <input
          type="datetime-local"
          data-testid="sidecar-nudge-snooze-until"
          aria-label={t('nudge.snooze.customLabel')}
          className={inputClass}
          onChange={(e) => {
            const at = new Date(e.target.value).getTime();
            if (Number.isFinite(at) && at > Date.now()) void snooze(at);
          }}
        />
      )}
      <CommandError command={cmd} />
    </li>
  );
}

/** Due nudges by priority: every one in the popup, or the person's own in the sidebar. */
export function NudgeList({ items: given, emptyText = true }: { items?: NudgeItem[]; emptyText?: boolean }) {
  // Given by the contact view in the sidebar; the popup subscribes to all of them.
  return given ? <Items items={given} emptyText={emptyText} showPerson={false} /> : <AllNudges emptyText={emptyText} />;
}

/** Every due nudge, or those of the rep's own deals or their teammates' (the choice is not kept: everyone's at first). */
function AllNudges({ emptyText }: { emptyText: boolean }) {
  const [owner, setOwner] = useState<OwnerFilter>('all');
  const items = useLive({ name: 'nudges', owner });
  return (
    <div className="space-y-2">
      <OwnerChoice view="nudges" value={owner} onChange={setOwner} />
      {items && <Items items={items} emptyText={emptyText} showPerson />}
    </div>
  );
}

function Items({ items, emptyText, showPerson }: { items: NudgeItem[]; emptyText: boolean; showPerson: boolean }) {
  const { t } = useI18n();
  if (items.length === 0) return emptyText ? <p className="text-sm text-slate-500">{t('nudge.none')}</p> : null;
  return (
    <ul aria-label={t('nudge.title')} className="space-y-2">
      {items.map((item) => (
        <NudgeRow key={item.nudge.id} item={item} showPerson={showPerson} />
      ))}
    </ul>
  );
}
