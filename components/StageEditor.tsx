import { useEffect, useState } from 'react';
import { BANT_FIELDS, type BantField } from '@/lib/domain/bant';
import { newId } from '@/lib/domain/ids';
import { PhaseSchema, type Stage } from '@/lib/domain/stages';
import { stageName, type Translate } from '@/lib/i18n';
import { bantFieldKey, phaseKey } from '@/lib/i18n/keys';
import { useI18n } from './i18n';
import { CommandError } from './CommandError';
import { useCommand } from './hooks';
import { Button, ErrorText, inputClass, SectionTitle } from './ui';

type Draft = Stage & { label: string };

const toDraft = (stages: readonly Stage[], t: Translate): Draft[] => stages.map((s) => ({ ...s, label: stageName(s, t) }));

/** Add, rename, reorder, remove, colour, phase and BANT gate per stage; deals of a removed stage are moved, never orphaned. */
export function StageEditor({ stages }: { stages: readonly Stage[] }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft[]>(() => toDraft(stages, t));
  const [needsMove, setNeedsMove] = useState<{ stageId: string; deals: number }[]>([]);
  const [moves, setMoves] = useState<Record<string, string>>({});
  const [issues, setIssues] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);
  const cmd = useCommand();
  // A new language redraws the built-in names too: a draft left in the old language would be saved as a custom name.
  useEffect(() => setDraft(toDraft(stages, t)), [stages, t]);

  const patch = (i: number, p: Partial<Draft>) => {
    setSaved(false);
    setDraft((d) => d.map((s, j) => (j === i ? { ...s, ...p } : s)));
  };
  const move = (i: number, by: number) =>
    setDraft((d) => {
      const j = i + by;
      if (j < 0 || j >= d.length) return d;
      const next = [...d];
      [next[i], next[j]] = [next[j]!, next[i]!];
      return next;
    });
  const toggleGate = (i: number, f: BantField, on: boolean) => {
    const req = new Set(draft[i]!.gate?.requires ?? []);
    if (on) req.add(f);
    else req.delete(f);
    patch(i, { gate: req.size ? { requires: BANT_FIELDS.filter((x) => req.has(x)) } : null });
  };

  const save = () => {
    setIssues([]);
    // A built-in stage keeps name null (localised) until the rep types a different name.
    const out: Stage[] = draft.map(({ label, ...s }) => {
      const builtin = stages.find((x) => x.id === s.id && x.name === null);
      const trimmed = label.trim();
      return { ...s, name: builtin && trimmed === stageName(builtin, t) ? null : trimmed };
    });
    return cmd.run({ type: 'ui/save-stages', stages: out, moves }, (r) => {
      if (r.ok) {
        setNeedsMove([]);
        setMoves({});
        setSaved(true);
      } else if ('needsMove' in r) {
        setNeedsMove(r.needsMove);
        setMoves(Object.fromEntries(r.needsMove.map((m) => [m.stageId, draft[0]!.id])));
      } else setIssues(r.issues);
    });
  };

  return (
    <section aria-labelledby="sc-stages" className="space-y-3">
      <SectionTitle id="sc-stages">{t('stages.title')}</SectionTitle>
      <ol className="space-y-2">
        {draft.map((s, i) => (
          <li key={s.id} data-testid="sidecar-stage-row" className="space-y-2 rounded-lg border border-slate-200 p-3">
            <div className="flex items-center gap-2">
              <input
                type="color"
                aria-label={t('stages.color', { stage: s.label })}
                value={s.color}
                onChange={(e) => patch(i, { color: e.target.value })}
                className="h-8 w-8 rounded border border-slate-300"
              />
              <input
                data-testid="sidecar-stage-name"
                aria-label={t('stages.name', { n: i + 1 })}
                className={inputClass}
                maxLength={60}
                value={s.label}
                onChange={(e) => patch(i, { label: e.target.value })}
              />
              <Button aria-label={t('stages.up', { stage: s.label })} disabled={i === 0} onClick={() => move(i, -1)}>
                ↑
              </Button>
              <Button aria-label={t('stages.down', { stage: s.label })} disabled={i === draft.length - 1} onClick={() => move(i, 1)}>
                ↓
              </Button>
              <Button variant="danger" data-testid="sidecar-stage-remove" aria-label={t('stages.remove', { stage: s.label })} onClick={() => setDraft((d) => d.filter((_, j) => j !== i))}>
                ✕
              </Button>
            </div>
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <select
                aria-label={t('stages.phase', { stage: s.label })}
                className={`${inputClass} w-auto`}
                value={s.phase ?? ''}
                onChange={(e) => patch(i, { phase: e.target.value ? PhaseSchema.parse(e.target.value) : null })}
              >
                <option value="">{t('stages.phase.none')}</option>
                {PhaseSchema.options.map((p) => (
                  <option key={p} value={p}>
                    {t(phaseKey(p))}
                  </option>
                ))}
              </select>
              <span className="text-slate-600">{t('stages.gate', { stage: s.label })}</span>
              {BANT_FIELDS.map((f) => (
                <label key={f} className="flex items-center gap-1">
                  <input
                    type="checkbox"
                    data-testid={`sidecar-stage-gate-${f}`}
                    checked={s.gate?.requires.includes(f) ?? false}
                    onChange={(e) => toggleGate(i, f, e.target.checked)}
                  />
                  {t(bantFieldKey(f))}
                </label>
              ))}
            </div>
          </li>
        ))}
      </ol>
      <p className="text-xs text-slate-500">{t('stages.outcomes')}</p>
      {needsMove.map((m) => {
        const gone = stages.find((s) => s.id === m.stageId);
        return (
          <label key={m.stageId} className="block space-y-1 rounded-md bg-amber-50 p-2 text-sm">
            <span>{t('stages.moveDeals', { count: m.deals, stage: gone ? stageName(gone, t) : m.stageId })}</span>
            <select
              data-testid="sidecar-stage-move-target"
              className={inputClass}
              value={moves[m.stageId] ?? ''}
              onChange={(e) => setMoves((x) => ({ ...x, [m.stageId]: e.target.value }))}
            >
              {draft.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      <div className="flex gap-2">
        <Button
          onClick={() => {
            setDraft((d) => [...d, { id: `stage-${newId(Date.now()).slice(-8).toLowerCase()}`, name: null, label: t('stages.newName'), color: '#6366f1', phase: null, gate: null }]);
          }}
        >
          {t('stages.add')}
        </Button>
        <Button variant="dark" data-testid="sidecar-stages-save" disabled={cmd.busy} onClick={save}>
          {t('stages.save')}
        </Button>
        {saved && (
          <span role="status" className="self-center text-sm text-emerald-700">
            {t('options.saved')}
          </span>
        )}
      </div>
      {issues.length > 0 && <ErrorText>{t('options.invalid', { issues: issues.join('; ') })}</ErrorText>}
      <CommandError command={cmd} />
    </section>
  );
}
