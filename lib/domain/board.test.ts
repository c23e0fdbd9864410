import { boardColumns, type BoardRow } from './board';

const row = (id: string, stageId: string, enteredAt: number, p: Partial<NonNullable<BoardRow['deal']>> = {}): BoardRow => ({
  deal: { id, stageId, status: 'open', stageEnteredAt: enteredAt, valueMinor: 10_000, currency: 'USD', ...p },
});

describe('boardColumns', () => {
  it('puts open deals in their stage, newest in the stage first, with the count and total over all of them', () => {
    const rows = [
      row('a', 'contact', 1),
      row('b', 'contact', 3),
      row('c', 'contact', 2, { currency: 'EUR' }),
      row('d', 'meeting', 5, { valueMinor: 25_050 }),
      row('e', 'contact', 9, { status: 'won' }),
      row('f', 'gone', 9),
      { deal: null },
    ];
    const cols = boardColumns(rows, ['contact', 'meeting', 'closing'], 'USD', 2);
    expect(cols.map((c) => c.stageId)).toEqual(['contact', 'meeting', 'closing']);
    expect(cols[0]!.cards.map((r) => r.deal!.id)).toEqual(['b', 'c']);
    expect(cols[0]!.count).toBe(3);
    expect(cols[0]!.total).toBe(200); // a and b; c is in euros
    expect(cols[1]).toMatchObject({ count: 1, total: 250.5 });
    expect(cols[2]).toEqual({ stageId: 'closing', count: 0, total: 0, cards: [] });
  });
});
