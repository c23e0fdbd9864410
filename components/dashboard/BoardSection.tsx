import { memo, useMemo, useRef, useState } from 'react';
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import type { BantField } from '@/lib/domain/bant';
import type { OwnerFilter } from '@/lib/domain/deal-owner';
import type { Metrics } from '@/lib/domain/metrics';
import { byStageEntry, valueIn } from '@/lib/domain/board';
import type { Settings } from '@/lib/domain/settings';
import { stageName, type MessageKey } from '@/lib/i18n';
import type { BoardView, PipelineRow } from '@/lib/services/dashboard';
import { LostForm } from '../DealCard';
import { OwnerChoice } from '../OwnerChoice';
import type { ReplyTo } from '@/lib/messaging/protocol';
import { CommandError, refusalText } from '../CommandError';
import { useCommand, useShowMore } from '../hooks';
import { useI18n } from '../i18n';
import { Button, focusRing } from '../ui';
import { useFormat } from './format';
import { Section } from './Section';

const DAY = 86_400_000;
/**
 * Cards drawn per column at first, and how many more each "Show more" draws (up to the CARDS_PER_COLUMN the board
 * view sends, lib/domain/board.ts). Every card is a dnd-kit draggable, and every draggable renders again at each pick-up and drop: 500 of
 * them made a drop a task of 60 ms, which the Gmail sidebar (sharing this page's renderer) waited behind before it
 * could show the stage just written.
 */
const FIRST_CARDS = 30;
const MORE_CARDS = 30;
type Target = string; // a stage id, 'won' or 'lost'
const OUTCOMES = ['won', 'lost'] as const;

type Cursor = { drag: Event | null; index: number };

/**
 * The keyboard path: the arrow keys jump from one drop target to the next
 * (stages in order, then Won and Lost) instead of nudging the card by pixels.
 * The cursor is ours (set when a drag starts), not dnd-kit's `over`, which is
 * recomputed only after the move has been measured: quick key presses would
 * otherwise all start from the same place.
 */
function targetCoordinates(order: readonly string[], cursor: { current: Cursor }): KeyboardCoordinateGetter {
  return (event, { active, context }) => {
    const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.code as string];
    if (!step) return undefined;
    event.preventDefault();
    // One drag is one activating key press: a card picked up again starts from its own stage.
    if (cursor.current.drag !== context.activatorEvent) {
      const stageId = context.draggableNodes.get(active)?.data.current?.stageId as string | undefined;
      cursor.current = { drag: context.activatorEvent, index: stageId ? order.indexOf(stageId) : -1 };
    }
    const i = Math.max(0, Math.min(order.length - 1, cursor.current.index + step));
    cursor.current = { ...cursor.current, index: i };
    // The rects are measured a frame after the pick-up; a key pressed sooner reads the node itself.
    const rect = context.droppableRects.get(order[i]!) ?? context.droppableContainers.get(order[i]!)?.node.current?.getBoundingClientRect();
    const card = context.collisionRect;
    if (!rect || !card) return undefined;
    return { x: rect.left + rect.width / 2 - card.width / 2, y: rect.top + Math.min(rect.height / 2, 120) - card.height / 2 };
  };
}

/**
 * dnd-kit's keyboard sensor starts listening for keys a task after the pick-up
 * (so the Space that picked the card up does not also drop it); an arrow key
 * pressed in that gap is lost. This one listens at once and skips just that
 * activating event.
 */
class PromptKeyboardSensor extends KeyboardSensor {
  constructor(props: ConstructorParameters<typeof KeyboardSensor>[0]) {
    super(props);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- these members are private in the typings only
    const self = this as any;
    const handle = self.handleKeyDown as (e: Event) => void;
    // The delayed listener dnd-kit adds reads handleKeyDown when it fires: it gets a no-op; this one handles keys.
    self.handleKeyDown = () => {};
    const first: Event | undefined = props.event;
    self.listeners.add('keydown', (e: Event) => {
      if (e !== first) handle(e);
    });
  }
}

// Mouse: the column under the pointer; keyboard (no pointer): the target whose centre is nearest.
const collision: CollisionDetection = (args) => {
  const under = pointerWithin(args);
  return under.length ? under : closestCenter(args);
};

/**
 * A card on the board: dnd-kit's draggable shell around a memoized body. Every useDraggable re-renders whenever the
 * drag context changes (each pick-up, move over a column, drop), so 500 cards redrew their text each time, and the
 * Gmail sidebar, which shares this page's renderer, waited behind that work for the stage the drop had just written.
 */
function Card({ row, settings, moving }: { row: PipelineRow; settings: Settings; moving: boolean }) {
  const { t } = useI18n();
  const deal = row.deal!;
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: deal.id, data: { stageId: deal.stageId, name: row.name } });
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  // dnd-kit makes the draggable a role=button: it sits inside the <li> so the list keeps list items (axe: list).
  return (
    <li className="list-none">
      <div
        ref={setNodeRef}
        style={style}
        {...attributes}
        {...listeners}
        aria-roledescription={t('board.dnd.role')}
        data-testid="sidecar-deal-card"
        data-deal-id={deal.id}
        data-contact-email={row.emails[0] ?? ''}
        className={`cursor-grab touch-none rounded-md border border-slate-200 bg-white p-2 text-sm shadow-sm ${focusRing} ${isDragging ? 'relative z-50 shadow-lg ring-2 ring-sky-500' : ''} ${moving ? 'opacity-60' : ''}`}
      >
        <CardBody row={row} settings={settings} />
      </div>
    </li>
  );
}

const CardBody = memo(function CardBody({ row, settings }: { row: PipelineRow; settings: Settings }) {
  const { t } = useI18n();
  const f = useFormat();
  const deal = row.deal!;
  const days = Math.max(0, Math.floor((Date.now() - deal.stageEnteredAt) / DAY));
  // Off screen (a column holds up to 100 cards), the text is neither laid out nor painted; the card's own box is.
  return (
    <div className="[contain-intrinsic-size:auto_3.75rem] [content-visibility:auto]">
      <div className="flex items-baseline justify-between gap-2">
        <span className="truncate font-medium">{row.name}</span>
        <span className="shrink-0 tabular-nums text-slate-700">{deal.valueMinor ? f.moneyMinor(deal.valueMinor, deal.currency) : ''}</span>
      </div>
      {row.company && <div className="truncate text-xs text-slate-500">{row.company}</div>}
      <div className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-500">
        <span>{t('board.daysInStage', { days })}</span>
        <span className={row.salesReady ? 'font-semibold text-emerald-700' : ''}>{t('board.score', { score: Math.round(row.score) })}</span>
        {row.nudge && (
          <span className="text-amber-800">
            {t('board.nextNudge', { nudge: t(`nudge.kind.${row.nudge.kind}` as MessageKey), when: f.relDays(row.nudge.dueAt, Date.now()) })}
          </span>
        )}
      </div>
      {settings.currency !== deal.currency && <span className="sr-only">{deal.currency}</span>}
    </div>
  );
});

function Column({ id, title, color, children, footer, testId, className = '' }: { id: Target; title: string; color: string; children?: React.ReactNode; footer?: React.ReactNode; testId?: string; className?: string }) {
  const { setNodeRef, isOver } = useDroppable({ id });
  return (
    <div
      ref={setNodeRef}
      data-testid={testId}
      data-stage={testId === 'sidecar-board-column' ? id : undefined}
      role="group"
      aria-label={title}
      className={`flex shrink-0 flex-col rounded-lg border bg-white ${isOver ? 'border-sky-500 ring-2 ring-sky-500' : 'border-slate-200'} ${className}`}
    >
      <div className="border-b border-slate-200 px-3 py-2">
        <h3 className="flex items-center gap-2 text-sm font-semibold">
          <span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ background: color }} />
          {title}
        </h3>
        {footer}
      </div>
      {children}
    </div>
  );
}

export function BoardSection({
  settings,
  board,
  metrics,
  owner,
  onOwner,
}: {
  settings: Settings;
  board: BoardView | undefined;
  metrics: Metrics | undefined;
  owner: OwnerFilter;
  onOwner: (o: OwnerFilter) => void;
}) {
  const { t } = useI18n();
  const f = useFormat();
  const cmd = useCommand();
  const [pending, setPending] = useState<Map<string, Target>>(new Map());
  const [losing, setLosing] = useState<PipelineRow | null>(null);
  const [gated, setGated] = useState<{ name: string; stageId: string; missing: BantField[] } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const shown = useShowMore<HTMLDivElement>(FIRST_CARDS, MORE_CARDS);
  const stages = settings.stages;
  const order = useMemo(() => [...stages.map((s) => s.id), ...OUTCOMES], [stages]);
  const cursor = useRef<Cursor>({ drag: null, index: -1 });
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(PromptKeyboardSensor, { coordinateGetter: useMemo(() => targetCoordinates(order, cursor), [order]), scrollBehavior: 'auto' }),
  );
  const targetName = (id: string | number | undefined) => {
    if (id === 'won') return t('board.won');
    if (id === 'lost') return t('board.lost');
    const s = stages.find((x) => x.id === id);
    return s ? stageName(s, t) : '';
  };

  // The board view (lib/services/dashboard boardView): each column's first cards, with its count and total.
  const open = useMemo(() => (board?.columns ?? []).flatMap((c) => c.cards), [board]);
  const byStage = useMemo(() => {
    const m = new Map<string, { list: PipelineRow[]; count: number; total: number }>(stages.map((s) => [s.id, { list: [], count: 0, total: 0 }]));
    for (const c of board?.columns ?? []) {
      const col = m.get(c.stageId);
      if (col) Object.assign(col, { count: c.count, total: c.total });
    }
    for (const r of open) {
      const deal = r.deal!;
      const p = pending.get(deal.id);
      // A card just dropped shows where it went until the background confirms (or refuses) the move.
      const at = p && !OUTCOMES.includes(p as 'won') ? p : p ? null : deal.stageId;
      if (at && m.has(at)) m.get(at)!.list.push(r);
      if (at === deal.stageId) continue;
      const from = m.get(deal.stageId);
      const to = at ? m.get(at) : undefined;
      const value = valueIn(deal, settings.currency);
      if (from) Object.assign(from, { count: from.count - 1, total: from.total - value });
      if (to) Object.assign(to, { count: to.count + 1, total: to.total + value });
    }
    for (const col of m.values()) col.list.sort(byStageEntry);
    return m;
  }, [open, board, pending, stages, settings.currency]);
  const winRate = new Map((metrics?.stages ?? []).map((s) => [s.stageId, s.winRate ?? 0]));
  const rowOf = (dealId: string) => open.find((r) => r.deal!.id === dealId);

  const settle = (dealId: string) =>
    setPending((p) => {
      const n = new Map(p);
      n.delete(dealId);
      return n;
    });

  // By keyboard the target is the one the arrows chose: dnd-kit's `over` lags a measure behind a quick Enter.
  const dropTarget = ({ over, activatorEvent }: DragEndEvent): string | undefined => {
    const keyed = cursor.current.drag === activatorEvent && cursor.current.index >= 0 ? order[cursor.current.index] : undefined;
    return keyed ?? (over ? String(over.id) : undefined);
  };

  const onDragEnd = async (e: DragEndEvent) => {
    const row = rowOf(String(e.active.id));
    const to = dropTarget(e);
    if (!row || !to) return;
    const deal = row.deal!;
    if (to === deal.stageId) return;
    setGated(null);
    setMessage(null);
    if (to === 'lost') return setLosing(row);
    setPending((p) => new Map(p).set(deal.id, to));
    // Also run after a "Try again" of a move that failed on the way.
    const answer = (r: ReplyTo<'ui/close-deal'> | ReplyTo<'ui/move-stage'>) => {
      if (r.ok) return setMessage(t('board.moved', { name: row.name, stage: targetName(to) }));
      if (r.reason === 'gated') return setGated({ name: row.name, stageId: r.stageId, missing: r.missing });
      cmd.refuse(t('board.error', { name: row.name, reason: r.reason === 'not_open' ? t('board.error.not_open') : refusalText(r.reason, t) }));
    };
    if (to === 'won') await cmd.run({ type: 'ui/close-deal', dealId: deal.id, outcome: 'won' }, answer);
    else await cmd.run({ type: 'ui/move-stage', dealId: deal.id, toStageId: to }, answer);
    settle(deal.id);
  };

  const announcements: Announcements = {
    onDragStart: ({ active }) => t('board.dnd.start', { name: String(active.data.current?.name ?? ''), stage: targetName(active.data.current?.stageId as string) }),
    onDragOver: ({ active, over }) => (over ? t('board.dnd.over', { name: String(active.data.current?.name ?? ''), target: targetName(over.id) }) : t('board.dnd.overNone', { name: String(active.data.current?.name ?? '') })),
    onDragEnd: ({ active, over }) => (over ? t('board.dnd.end', { name: String(active.data.current?.name ?? ''), target: targetName(over.id) }) : t('board.dnd.cancel', { name: String(active.data.current?.name ?? '') })),
    onDragCancel: ({ active }) => t('board.dnd.cancel', { name: String(active.data.current?.name ?? '') }),
  };
  const gatedStage = gated && stages.find((s) => s.id === gated.stageId);
  const fields = (missing: readonly string[]) => missing.map((m) => t(`bant.${m}` as MessageKey)).join(', ');

  return (
    <Section id="board" title={t('dash.section.board')} actions={<OwnerChoice view="board" value={owner} onChange={onOwner} />}>
      <p id="sc-board-help" className="text-xs text-slate-500">
        {t('board.help')}
      </p>
      {gated && gatedStage && (
        <p role="alert" data-testid="sidecar-gate-missing" className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">
          {gated.name}: {t('deal.gated', { stage: stageName(gatedStage, t), fields: fields(gated.missing) })}
        </p>
      )}
      <CommandError command={cmd} />
      <p role="status" className="sr-only">
        {message}
      </p>
      <DndContext
        sensors={sensors}
        collisionDetection={collision}
        onDragEnd={(e) => void onDragEnd(e)}
        accessibility={{ announcements, screenReaderInstructions: { draggable: t('board.dnd.instructions') } }}
      >
        {/* It scrolls sideways: focusable, so the keyboard can scroll it even when no card is there to focus. */}
        <div
          ref={shown.container}
          data-testid="sidecar-board"
          role="region"
          aria-label={t('dash.section.board')}
          aria-describedby="sc-board-help"
          tabIndex={0}
          className={`flex gap-3 overflow-x-auto pb-2 ${focusRing}`}
        >
          {stages.map((stage) => {
            const { list, count, total } = byStage.get(stage.id) ?? { list: [], count: 0, total: 0 };
            const drawn = Math.min(list.length, shown.limit(stage.id));
            return (
              <Column
                key={stage.id}
                id={stage.id}
                testId="sidecar-board-column"
                title={stageName(stage, t)}
                color={stage.color}
                className="w-64"
                footer={
                  <p className="mt-0.5 text-xs text-slate-500">
                    {t('board.count', { count })} · {t('board.total', { value: f.money(total, settings.currency, true) })} ·{' '}
                    {t('board.weighted', { value: f.money(total * (winRate.get(stage.id) ?? 0), settings.currency, true) })}
                  </p>
                }
              >
                <ul className="flex min-h-24 flex-col gap-2 p-2">
                  {list.slice(0, drawn).map((r) => (
                    <Card key={r.deal!.id} row={r} settings={settings} moving={pending.has(r.deal!.id)} />
                  ))}
                  {count === 0 && <li className="list-none p-2 text-xs text-slate-500">{t('board.empty')}</li>}
                  {drawn < list.length ? (
                    <li className="list-none">
                      <Button
                        data-testid="sidecar-board-more"
                        className="w-full"
                        onClick={() => shown.more(stage.id, `[data-testid=sidecar-board-column][data-stage="${CSS.escape(stage.id)}"] [data-testid=sidecar-deal-card]`)}
                      >
                        {t('board.showMore', { count: Math.min(MORE_CARDS, list.length - drawn) })}
                      </Button>
                    </li>
                  ) : (
                    count > drawn && <li className="list-none p-2 text-xs text-slate-500">{t('board.more', { count: count - drawn })}</li>
                  )}
                </ul>
              </Column>
            );
          })}
          <div className="flex w-40 shrink-0 flex-col gap-3">
            <Column id="won" testId="sidecar-board-won" title={t('board.won')} color="#15803d" className="flex-1">
              <p className="p-3 text-xs text-slate-500">{t('board.dropWon')}</p>
            </Column>
            <Column id="lost" testId="sidecar-board-lost" title={t('board.lost')} color="#b91c1c" className="flex-1">
              <p className="p-3 text-xs text-slate-500">{t('board.dropLost')}</p>
            </Column>
          </div>
        </div>
      </DndContext>
      {losing && losing.deal && (
        <div role="dialog" aria-modal="true" aria-labelledby="sc-lost-title" className="fixed inset-0 z-50 grid place-items-center bg-slate-900/40 p-4">
          <div className="w-full max-w-sm space-y-2 rounded-lg bg-white p-4 text-slate-900 shadow-xl">
            <h3 id="sc-lost-title" className="text-sm font-semibold">
              {t('board.lostTitle', { name: losing.name })}
            </h3>
            <LostForm
              deal={losing.deal}
              reasons={settings.lostReasons}
              onDone={() => setLosing(null)}
            />
          </div>
        </div>
      )}
    </Section>
  );
}
