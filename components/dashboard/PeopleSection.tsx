import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { filterMask, isFiltered, NO_FILTER, NUDGE_FILTERS, OWNER_FILTERS, sortedOrder, TOUCH_FILTERS, visibleRows, type PeopleFilter, type Sort, type SortKey } from '@/lib/domain/people-filter';
import { PeopleIndex } from '@/lib/domain/people-search';
import type { Settings } from '@/lib/domain/settings';
import { stageName } from '@/lib/i18n';
import { bantFieldKey, nudgeKindKey, peopleColumnKey, peopleNudgeKey, peopleOwnerKey, peopleTouchKey } from '@/lib/i18n/keys';
import type { PipelineRow } from '@/lib/services/dashboard';
import { CommandError, refusalText } from '../CommandError';
import { useCommand } from '../hooks';
import { useI18n } from '../i18n';
import { Button, ChoiceSelect, focusRing, inputClass, labelClass } from '../ui';
import { useFormat } from './format';
import { PersonDetail, UndoBar, type Undoable } from './PersonDetail';
import { Section } from './Section';

const ROW_HEIGHT = 44;
const NO_ROWS: PipelineRow[] = [];
const COLUMNS: { key: SortKey; width: string }[] = [
  { key: 'name', width: 'minmax(12rem,2fr)' },
  { key: 'company', width: 'minmax(8rem,1.2fr)' },
  { key: 'stage', width: 'minmax(7rem,1fr)' },
  { key: 'value', width: 'minmax(7rem,1fr)' },
  { key: 'score', width: '5rem' },
  { key: 'lastTouch', width: 'minmax(7rem,1fr)' },
  { key: 'nudge', width: 'minmax(7rem,1fr)' },
];
// Checkbox, the columns, then the two "open in" links.
const GRID = `2.5rem ${COLUMNS.map((c) => c.width).join(' ')} 9rem`;

/**
 * People & deals: every person with their current deal. Search, filter and
 * sort run on the page over the pipeline view's rows (lib/domain/people-*),
 * and only the rows on screen are in the DOM, so 10,000 people scroll and
 * filter as smoothly as forty.
 */
export function PeopleSection({ settings, rows, openId, onOpen: setOpenId }: { settings: Settings; rows: PipelineRow[] | undefined; openId: string | null; onOpen: (id: string | null) => void }) {
  const { t, lang } = useI18n();
  const all = rows ?? NO_ROWS;
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<PeopleFilter>(NO_FILTER);
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 'asc' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [undo, setUndo] = useState<Undoable | null>(null);
  /** "Forgotten": said once, with no undo to offer. */
  const [forgotten, setForgotten] = useState<string | null>(null);
  const stageOrder = useMemo(() => settings.stages.map((s) => s.id), [settings.stages]);

  const index = useMemo(() => new PeopleIndex(all), [all]);
  const order = useMemo(() => sortedOrder(all, sort, stageOrder, new Intl.Collator(lang, { sensitivity: 'base' })), [all, sort, stageOrder, lang]);
  // The filter's "now" is taken when the data or the filter changes, not on every render.
  const mask = useMemo(() => filterMask(all, filter, Date.now(), settings.myAddresses), [all, filter, settings.myAddresses]);
  // One render per keystroke, in step with the box: the search narrows the previous hits, only the rows on screen
  // are drawn, and the rows already there (memo, stable callbacks) are not drawn again.
  const searched = query;
  const hits = useMemo(() => index.search(searched), [index, searched]);
  const visible = useMemo(() => visibleRows(order, hits, mask), [order, hits, mask]);

  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: visible.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });

  const liveIds = useMemo(() => new Set(all.map((r) => r.contactId)), [all]);
  const chosen = [...selected].filter((id) => liveIds.has(id));
  const toggle = useCallback(
    (id: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  // Asked on every keystroke: nothing chosen answers at once, without a pass over the rows shown.
  const allShownSelected = selected.size > 0 && visible.length > 0 && visible.every((i) => selected.has(all[i]!.contactId));
  const selectShown = () => setSelected(allShownSelected ? new Set() : new Set(Array.from(visible, (i) => all[i]!.contactId)));
  const sortBy = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'name' || key === 'company' || key === 'stage' ? 'asc' : 'desc' }));
  const set = <K extends keyof PeopleFilter>(k: K, v: PeopleFilter[K]) => setFilter((f) => ({ ...f, [k]: v }));
  const score = (v: string) => (v.trim() === '' || !Number.isFinite(Number(v)) ? null : Number(v));
  const openRow = openId ? all.find((r) => r.contactId === openId) : undefined;

  return (
    <Section id="people" title={t('dash.section.people')}>
      <div data-testid="sidecar-people" className="space-y-3 rounded-lg border border-slate-200 bg-white p-3">
        <div className="flex flex-wrap items-end gap-3">
          <label className="block min-w-[16rem] flex-1 space-y-1">
            <span className={labelClass}>{t('people.search')}</span>
            <input
              type="search"
              data-testid="sidecar-people-search"
              className={inputClass}
              value={query}
              maxLength={200}
              placeholder={t('people.search.placeholder')}
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
          <label className="block space-y-1">
            <span className={labelClass}>{t('people.filter.stage')}</span>
            <select data-testid="sidecar-people-filter-stage" className={inputClass} value={filter.stage} onChange={(e) => set('stage', e.target.value)}>
              <option value="any">{t('people.filter.any')}</option>
              <StageOptions stages={settings.stages} />
              <option value="none">{t('people.filter.noDeal')}</option>
            </select>
          </label>
          <fieldset className="flex items-end gap-1">
            <legend className={labelClass}>{t('people.filter.score')}</legend>
            <input type="number" data-testid="sidecar-people-filter-score-min" aria-label={t('people.filter.scoreMin')} className={`${inputClass} w-20`} min={0} max={100} value={filter.scoreMin ?? ''} onChange={(e) => set('scoreMin', score(e.target.value))} />
            <span aria-hidden>–</span>
            <input type="number" data-testid="sidecar-people-filter-score-max" aria-label={t('people.filter.scoreMax')} className={`${inputClass} w-20`} min={0} max={100} value={filter.scoreMax ?? ''} onChange={(e) => set('scoreMax', score(e.target.value))} />
          </fieldset>
          <ChoiceFilter name="touch" label={t('people.filter.touch')} values={TOUCH_FILTERS} value={filter.touch} text={(v) => t(peopleTouchKey(v))} onChange={(v) => set('touch', v)} />
          <ChoiceFilter name="nudge" label={t('people.filter.nudge')} values={NUDGE_FILTERS} value={filter.nudge} text={(v) => t(peopleNudgeKey(v))} onChange={(v) => set('nudge', v)} />
          <ChoiceFilter name="owner" label={t('people.filter.owner')} values={OWNER_FILTERS} value={filter.owner} text={(v) => t(peopleOwnerKey(v))} onChange={(v) => set('owner', v)} />
          {isFiltered(filter) && (
            <Button data-testid="sidecar-people-filter-clear" onClick={() => setFilter(NO_FILTER)}>
              {t('people.filter.clear')}
            </Button>
          )}
        </div>

        <p data-testid="sidecar-people-count" data-value={visible.length} data-query={searched} aria-live="polite" className="text-sm text-slate-600">
          {rows ? t('people.count', { shown: visible.length, total: all.length }) : t('dash.loading')}
        </p>

        <UndoBar undo={undo} onDone={() => setUndo(null)} />
        <p role="status" data-testid="sidecar-forget-done" className="text-sm text-slate-700 empty:hidden">
          {forgotten}
        </p>
        {chosen.length > 0 && <BulkBar settings={settings} rows={all} contactIds={chosen} onDone={() => setSelected(new Set())} />}

        <div role="table" aria-label={t('dash.section.people')} aria-rowcount={visible.length + 1} className="overflow-x-auto text-sm">
          <div role="rowgroup">
            <div role="row" aria-rowindex={1} className="grid items-center gap-2 border-b border-slate-200 px-2 py-1 font-medium" style={{ gridTemplateColumns: GRID }}>
              <span role="columnheader">
                <input type="checkbox" data-testid="sidecar-people-select-all" aria-label={t('people.selectShown')} checked={allShownSelected} onChange={selectShown} className={focusRing} />
              </span>
              {COLUMNS.map((c) => (
                <span key={c.key} role="columnheader" aria-sort={sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                  <button type="button" data-testid={`sidecar-people-sort-${c.key}`} onClick={() => sortBy(c.key)} className={`rounded px-1 text-left hover:underline ${focusRing}`}>
                    {t(peopleColumnKey(c.key))}
                    {sort.key === c.key && <span aria-hidden>{sort.dir === 'asc' ? ' ▲' : ' ▼'}</span>}
                  </button>
                </span>
              ))}
              <span role="columnheader">{t('people.col.open')}</span>
            </div>
          </div>
          <div ref={scroller} role="rowgroup" data-testid="sidecar-people-scroller" className="relative max-h-[28rem] min-h-[6rem] overflow-y-auto" style={{ contain: 'strict', height: Math.min(28 * 16, Math.max(6 * 16, visible.length * ROW_HEIGHT)) }}>
            <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
              {virtual.getVirtualItems().map((v) => {
                const row = all[visible[v.index]!]!;
                return (
                  <PeopleRowView
                    key={row.contactId}
                    row={row}
                    settings={settings}
                    rowIndex={v.index + 2}
                    top={v.start}
                    selected={selected.has(row.contactId)}
                    onToggle={toggle}
                    onOpen={setOpenId}
                  />
                );
              })}
            </div>
            {/* A table's row group holds rows only (axe: aria-required-children), so "nobody" is a row too. */}
            {rows && visible.length === 0 && (
              <div role="row" className="p-3 text-slate-500">
                <span role="cell">{t('people.none')}</span>
              </div>
            )}
          </div>
        </div>
      </div>
      {openId && (
        <PersonDetail
          key={openId}
          contactId={openId}
          settings={settings}
          rows={all}
          gone={rows !== undefined && !openRow}
          onClose={() => setOpenId(null)}
          onOpen={setOpenId}
          onUndoable={(u) => (setForgotten(null), setUndo(u))}
          onForgotten={(text) => {
            // An undo offered before may have named them: its entry is gone with them.
            setUndo(null);
            setForgotten(text);
          }}
        />
      )}
    </Section>
  );
}

/** One of the filters with a fixed list of choices (`sidecar-people-filter-<name>`). */
function ChoiceFilter<V extends string>({ name, ...props }: { name: string; label: string; values: readonly V[]; value: V; text: (v: V) => string; onChange: (v: V) => void }) {
  return <ChoiceSelect data-testid={`sidecar-people-filter-${name}`} {...props} />;
}

const PeopleRowView = memo(function PeopleRowView({
  row,
  settings,
  rowIndex,
  top,
  selected,
  onToggle,
  onOpen,
}: {
  row: PipelineRow;
  settings: Settings;
  rowIndex: number;
  top: number;
  selected: boolean;
  onToggle: (contactId: string) => void;
  onOpen: (contactId: string) => void;
}) {
  const { t } = useI18n();
  const f = useFormat();
  const cmd = useCommand();
  const now = Date.now();
  const d = row.deal;
  const stage = d && (d.status === 'open' ? settings.stages.find((s) => s.id === d.stageId) : undefined);
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      data-testid="sidecar-people-row"
      data-contact-id={row.contactId}
      data-deal-id={d?.id ?? ''}
      className="absolute left-0 right-0 grid items-center gap-2 border-b border-slate-100 px-2 hover:bg-slate-50"
      style={{ gridTemplateColumns: GRID, height: ROW_HEIGHT, transform: `translateY(${top}px)` }}
    >
      <span role="cell">
        <input type="checkbox" data-testid="sidecar-people-select" aria-label={t('people.select', { name: row.name })} checked={selected} onChange={() => onToggle(row.contactId)} className={focusRing} />
      </span>
      <span role="cell" className="min-w-0">
        <button type="button" data-testid="sidecar-people-open" onClick={() => onOpen(row.contactId)} dir="auto" className={`block max-w-full truncate rounded text-left font-medium text-sky-800 hover:underline ${focusRing}`}>
          {row.name}
        </button>
        <span className="block truncate text-xs text-slate-500">{row.emails[0] ?? ''}</span>
      </span>
      <span role="cell" dir="auto" className="truncate">
        {row.company ?? ''}
      </span>
      <span role="cell" data-testid="sidecar-people-stage" className="truncate">
        {d ? (d.status === 'won' ? t('board.won') : d.status === 'lost' ? t('board.lost') : stage ? stageName(stage, t) : d.stageId) : <span className="text-slate-500">{t('people.filter.noDeal')}</span>}
      </span>
      <span role="cell" className="truncate tabular-nums">
        {d ? f.moneyMinor(d.valueMinor, d.currency) : ''}
      </span>
      <span role="cell" className="tabular-nums">
        {row.score}
      </span>
      <span role="cell" className="truncate">
        {row.lastTouchAt !== null ? f.relDays(row.lastTouchAt, now) : <span className="text-slate-500">{t('people.touch.never')}</span>}
      </span>
      <span role="cell" className="truncate">
        {row.nudge ? `${t(nudgeKindKey(row.nudge.kind))} · ${f.relDays(row.nudge.dueAt, now)}` : ''}
      </span>
      <span role="cell" className="flex gap-1">
        {row.emails.length > 0 && (
          <button type="button" data-testid="sidecar-people-open-gmail" onClick={() => void cmd.run({ type: 'ui/open-contact', contactId: row.contactId })} className={`rounded border border-slate-300 px-1.5 text-xs hover:bg-slate-100 ${focusRing}`}>
            {t('people.openGmail')}
          </button>
        )}
        {row.linkedinUrl && (
          <a data-testid="sidecar-people-open-linkedin" href={row.linkedinUrl} target="_blank" rel="noopener noreferrer" className={`rounded border border-slate-300 px-1.5 text-xs hover:bg-slate-100 ${focusRing}`}>
            {t('people.openLinkedIn')}
          </a>
        )}
      </span>
    </div>
  );
});

/** The selection's stage change: each deal moves as if moved alone (gates apply); Lost asks its reason once. */
function BulkBar({ settings, rows, contactIds, onDone }: { settings: Settings; rows: PipelineRow[]; contactIds: string[]; onDone: () => void }) {
  const { t } = useI18n();
  const cmd = useCommand();
  const [to, setTo] = useState(settings.stages[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const ids = new Set(contactIds);
  const dealIds = rows.filter((r) => ids.has(r.contactId) && r.deal?.status === 'open').map((r) => r.deal!.id);
  const nameOfDeal = new Map(rows.filter((r) => r.deal).map((r) => [r.deal!.id, r.name]));
  const apply = () => {
    setResult(null);
    if (dealIds.length === 0) return cmd.refuse(t('people.bulk.noOpen'));
    if (to === 'lost' && !reason.trim()) return cmd.refuse(t('deal.error.reason_required'));
    void cmd.run({ type: 'ui/move-deals', dealIds, to, reason: to === 'lost' ? reason.trim() : null }, (r) => {
      const refused = r.refused.map((x) =>
        t('people.bulk.refused', {
          name: nameOfDeal.get(x.dealId) ?? x.dealId,
          reason: x.reason === 'gated' ? t('people.bulk.gated', { missing: (x.missing ?? []).map((m) => t(bantFieldKey(m))).join(', ') }) : refusalText(x.reason, t),
        }),
      );
      setResult([t('people.bulk.moved', { count: r.moved.length }), ...refused].join(' '));
      if (r.refused.length === 0) onDone();
    });
  };
  return (
    <div role="group" aria-label={t('people.bulk.label')} className="flex flex-wrap items-end gap-2 rounded-md bg-sky-50 p-2">
      <span className="self-center text-sm">{t('people.bulk.selected', { count: contactIds.length, deals: dealIds.length })}</span>
      <label className="block space-y-1">
        <span className={labelClass}>{t('people.bulk.to')}</span>
        <select data-testid="sidecar-bulk-stage" className={inputClass} value={to} onChange={(e) => setTo(e.target.value)}>
          <StageOptions stages={settings.stages} />
        </select>
      </label>
      {to === 'lost' && (
        <label className="block space-y-1">
          <span className={labelClass}>{t('deal.lostReason')}</span>
          <input data-testid="sidecar-bulk-reason" className={inputClass} maxLength={300} value={reason} onChange={(e) => setReason(e.target.value)} list="sidecar-lost-reasons" />
          <datalist id="sidecar-lost-reasons">
            {settings.lostReasons.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
        </label>
      )}
      <Button variant="primary" data-testid="sidecar-bulk-apply" disabled={cmd.busy} onClick={apply}>
        {t('people.bulk.apply')}
      </Button>
      <Button onClick={onDone}>{t('people.bulk.clear')}</Button>
      {result && (
        <p data-testid="sidecar-bulk-result" role="status" className="w-full text-sm">
          {result}
        </p>
      )}
      <CommandError command={cmd} />
    </div>
  );
}

/** A deal's places, as the filter and the bulk move offer them: the rep's stages in order, then Won and Lost. */
function StageOptions({ stages }: { stages: Settings['stages'] }) {
  const { t } = useI18n();
  return (
    <>
      {stages.map((s) => (
        <option key={s.id} value={s.id}>
          {stageName(s, t)}
        </option>
      ))}
      <option value="won">{t('board.won')}</option>
      <option value="lost">{t('board.lost')}</option>
    </>
  );
}
