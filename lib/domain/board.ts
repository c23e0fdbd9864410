import { currencyDigits } from './money';

// The dashboard's board: one column per stage with its open deals, newest in
// the stage first. A column of thousands is searched in People & deals, not
// scrolled here, so the board draws (and the background sends it) only the
// first cards of each column, with the column's count and total over all of them.

/** Cards drawn per column. */
export const CARDS_PER_COLUMN = 100;

/** What the board needs of a row (PipelineRow, lib/services/dashboard.ts, is one). */
export interface BoardRow {
  deal: { id: string; stageId: string; status: string; stageEnteredAt: number; valueMinor: number; currency: string } | null;
}

export interface BoardColumn<R extends BoardRow = BoardRow> {
  stageId: string;
  /** Open deals in the stage. */
  count: number;
  /** Their value in the rep's currency, major units (deals in other currencies left out). */
  total: number;
  /** The first CARDS_PER_COLUMN of them, newest in the stage first. */
  cards: R[];
}

/** Newest in the stage first; ties by deal id. */
export function byStageEntry(a: BoardRow, b: BoardRow): number {
  return b.deal!.stageEnteredAt - a.deal!.stageEnteredAt || (a.deal!.id < b.deal!.id ? -1 : 1);
}

/** A deal's value in major units of `currency`, or 0 when it is in another one. */
export function valueIn(deal: NonNullable<BoardRow['deal']>, currency: string): number {
  return deal.currency === currency ? deal.valueMinor / 10 ** currencyDigits(currency) : 0;
}

/** The board's columns from every row, in stage order; rows of stages no longer in the pipeline are left out. */
export function boardColumns<R extends BoardRow>(rows: readonly R[], stageOrder: readonly string[], currency: string, perColumn = CARDS_PER_COLUMN): BoardColumn<R>[] {
  const all = new Map<string, R[]>(stageOrder.map((id) => [id, []]));
  for (const r of rows) {
    if (r.deal?.status !== 'open') continue;
    all.get(r.deal.stageId)?.push(r);
  }
  return stageOrder.map((stageId) => {
    const list = all.get(stageId)!;
    let total = 0;
    for (const r of list) total += valueIn(r.deal!, currency);
    return { stageId, count: list.length, total, cards: list.sort(byStageEntry).slice(0, perColumn) };
  });
}
