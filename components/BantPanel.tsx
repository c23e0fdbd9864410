import { useEffect, useState } from 'react';
import { BANT_FIELDS, bantCompleteness, BantStateSchema, emptyBant, type Bant, type BantField, type BantPatch, type Evidence } from '@/lib/domain/bant';
import { formatAmountInput, parseAmount } from '@/lib/domain/amount-input';
import type { Activity, Deal } from '@/lib/domain/records';
import { activityKindKey, bantFieldKey, bantStateKey } from '@/lib/i18n/keys';
import { CommandError } from './CommandError';
import { useCommand } from './hooks';
import { useI18n } from './i18n';
import { fitColumns, inputClass, SectionTitle } from './ui';


/** A text field that saves when the rep leaves it (or presses Enter), not on every key. */
function CommitInput({ value, onCommit, testId, label, ...rest }: { value: string; onCommit: (v: string) => void; testId: string; label: string } & React.InputHTMLAttributes<HTMLInputElement>) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const commit = () => draft !== value && onCommit(draft);
  return (
    <input
      data-testid={testId}
      aria-label={label}
      placeholder={label}
      className={inputClass}
      value={draft}
      maxLength={500}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      {...rest}
    />
  );
}

const quarters = (now: number) => {
  const y = new Date(now).getFullYear();
  return [y, y + 1].flatMap((yy) => [1, 2, 3, 4].map((q) => `${yy}-Q${q}`));
};

function evidenceFrom(a: Activity): Evidence {
  return { kind: a.channel === 'email' ? 'email' : a.channel === 'linkedin' ? 'linkedin' : 'activity', sourceId: a.sourceId ?? a.id, quote: a.text?.slice(0, 300) ?? null };
}

export function BantPanel({ deal, activities, people }: { deal: Deal; activities: Activity[]; people: readonly { contactId: string; name: string }[] }) {
  const { t, lang } = useI18n();
  const cmd = useCommand();
  const bant: Bant = deal.bant ?? emptyBant();
  const save = (patch: BantPatch) => cmd.run({ type: 'ui/update-bant', dealId: deal.id, patch }, (r) => r.ok || cmd.refuse(t('options.invalid', { issues: r.issues.join('; ') })));
  const citable = activities.filter((a) => a.kind !== 'stage_change' && a.kind !== 'note').slice(0, 20);
  const fmt = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en', { dateStyle: 'medium' });
  const n = bantCompleteness(bant);

  const details: Record<BantField, React.ReactNode> = {
    budget: (
      <div className={`${fitColumns} gap-1`}>
        <CommitInput
          testId="sidecar-bant-budget-amount"
          label={`${t('bant.budget.amount')} (${deal.currency})`}
          value={bant.budget.amountMinor === null ? '' : formatAmountInput(bant.budget.amountMinor, bant.budget.currency ?? deal.currency, lang)}
          onCommit={(v) => {
            const minor = v.trim() ? parseAmount(v, deal.currency, lang) : null;
            if (v.trim() && minor === null) return cmd.refuse(t('input.amountInvalid'));
            void save({ budget: { amountMinor: minor, currency: minor === null ? null : deal.currency } });
          }}
        />
        <CommitInput testId="sidecar-bant-budget-text" label={t('bant.budget.text')} value={bant.budget.text ?? ''} onCommit={(v) => save({ budget: { text: v.trim() || null } })} />
      </div>
    ),
    authority: (
      <div className="space-y-1">
        <CommitInput testId="sidecar-bant-authority-text" label={t('bant.authority.text')} value={bant.authority.text ?? ''} onCommit={(v) => save({ authority: { text: v.trim() || null } })} />
        {(people.length > 0 || bant.authority.contactId) && (
          <select
            data-testid="sidecar-bant-authority-contact"
            aria-label={t('bant.authority.contact')}
            className={inputClass}
            value={bant.authority.contactId ?? ''}
            onChange={(e) => save({ authority: { contactId: e.target.value || null } })}
          >
            <option value="">{t('bant.authority.none')}</option>
            {people.map((p) => (
              <option key={p.contactId} value={p.contactId}>
                {p.name}
              </option>
            ))}
          </select>
        )}
      </div>
    ),
    need: <CommitInput testId="sidecar-bant-need-text" label={t('bant.need.text')} value={bant.need.text ?? ''} onCommit={(v) => save({ need: { text: v.trim() || null } })} />,
    timeline: (
      <div className={`${fitColumns} gap-1`}>
        <input
          type="date"
          data-testid="sidecar-bant-timeline-date"
          aria-label={t('bant.timeline.date')}
          className={inputClass}
          value={bant.timeline.targetDate === null ? '' : new Date(bant.timeline.targetDate).toISOString().slice(0, 10)}
          onChange={(e) => save({ timeline: { targetDate: Number.isFinite(e.target.valueAsNumber) ? e.target.valueAsNumber : null } })}
        />
        <select
          data-testid="sidecar-bant-timeline-quarter"
          aria-label={t('bant.timeline.quarter')}
          className={inputClass}
          value={bant.timeline.quarter ?? ''}
          onChange={(e) => save({ timeline: { quarter: e.target.value || null } })}
        >
          <option value="">{t('bant.timeline.noQuarter')}</option>
          {quarters(Date.now()).map((q) => (
            <option key={q}>{q}</option>
          ))}
        </select>
      </div>
    ),
  };

  return (
    <section aria-labelledby="sc-bant" className="space-y-3 rounded-lg border border-slate-200 p-3">
      <div className="flex flex-wrap items-center justify-between gap-x-2">
        <SectionTitle id="sc-bant">{t('bant.title')}</SectionTitle>
        <span data-testid="sidecar-bant-complete" aria-label={t('bant.complete', { n })} className="flex items-center gap-1 text-xs font-medium text-slate-700">
          <span aria-hidden className="flex gap-0.5">
            {BANT_FIELDS.map((f, i) => (
              <span key={f} className={`h-2 w-2 rounded-full ${i < n ? 'bg-emerald-500' : 'bg-slate-200'}`} />
            ))}
          </span>
          {t('bant.complete', { n })}
        </span>
      </div>
      {BANT_FIELDS.map((f) => {
        const ev = bant[f].evidence;
        return (
          <div key={f} className="space-y-1">
            <label className="flex flex-wrap items-center justify-between gap-x-2 gap-y-1">
              <span className="text-sm font-medium text-slate-800">{t(bantFieldKey(f))}</span>
              <select
                data-testid={`sidecar-bant-${f}`}
                className={`${inputClass} w-28`}
                value={bant[f].state}
                onChange={(e) => save({ [f]: { state: BantStateSchema.parse(e.target.value) } })}
              >
                {BantStateSchema.options.map((s) => (
                  <option key={s} value={s}>
                    {t(bantStateKey(s))}
                  </option>
                ))}
              </select>
            </label>
            {details[f]}
            {citable.length > 0 && (
              <select
                data-testid={`sidecar-bant-${f}-evidence`}
                aria-label={`${t(bantFieldKey(f))}: ${t('bant.evidence')}`}
                className={`${inputClass} text-xs text-slate-600`}
                value=""
                onChange={(e) => {
                  const a = citable.find((x) => x.id === e.target.value);
                  if (a) void save({ [f]: { evidence: evidenceFrom(a) } });
                }}
              >
                <option value="">{t('bant.evidence.none')}</option>
                {citable.map((a) => (
                  <option key={a.id} value={a.id}>
                    {`${t(activityKindKey(a.kind))} · ${fmt.format(a.at)}${a.text ? ` · ${a.text.slice(0, 40)}` : ''}`}
                  </option>
                ))}
              </select>
            )}
            {ev && (
              <p data-testid={`sidecar-bant-${f}-cited`} className="truncate text-xs text-slate-500">
                {t('bant.evidence.cited', { quote: ev.quote ?? ev.sourceId })}
              </p>
            )}
          </div>
        );
      })}
      <CommandError command={cmd} />
    </section>
  );
}
