import { useState } from 'react';
import { activityKindKey } from '@/lib/i18n/keys';
import { CommandError } from './CommandError';
import { useCommand } from './hooks';
import { useI18n } from './i18n';
import { fitColumns } from './ui';

const KINDS = ['linkedin_connect', 'linkedin_message', 'linkedin_inmail', 'call', 'meeting', 'note'] as const;
type LogKind = (typeof KINDS)[number];

/** One click per touch, with an optional short text, and undo for a mis-click. */
export function OutreachLog({ contactId }: { contactId: string }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [last, setLast] = useState<{ id: string; kind: LogKind } | null>(null);
  const cmd = useCommand();

  const log = (kind: LogKind) =>
    cmd.run({ type: 'ui/log-activity', contactId, kind, text: text.trim() || null }, (r) => {
      setLast({ id: r.activityId, kind });
      setText('');
    });
  const undo = () => last && cmd.run({ type: 'ui/delete-activity', id: last.id }, () => setLast(null));

  return (
    <section aria-labelledby="sc-log" className="space-y-2 rounded-lg border border-slate-200 p-3">
      <h3 id="sc-log" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {t('log.title')}
      </h3>
      <label className="block">
        <span className="sr-only">{t('log.text')}</span>
        <input
          data-testid="sidecar-log-text"
          value={text}
          maxLength={1000}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('log.text')}
          className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-sky-600"
        />
      </label>
      <div className={`${fitColumns} gap-1.5`}>
        {KINDS.map((kind) => (
          <button
            key={kind}
            type="button"
            data-testid={`sidecar-log-${kind}`}
            disabled={cmd.busy}
            onClick={() => log(kind)}
            className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 disabled:opacity-60"
          >
            {t(activityKindKey(kind))}
          </button>
        ))}
      </div>
      {last && (
        <p role="status" className="flex items-center justify-between text-xs text-slate-600">
          <span>{t('log.logged', { kind: t(activityKindKey(last.kind)) })}</span>
          <button type="button" data-testid="sidecar-undo" onClick={undo} className="font-medium text-sky-700 underline focus-visible:outline-2 focus-visible:outline-sky-600">
            {t('log.undo')}
          </button>
        </p>
      )}
      <CommandError command={cmd} />
    </section>
  );
}
