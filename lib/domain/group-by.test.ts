import { groupBy } from './group-by';

describe('groupBy', () => {
  it('keeps every row once, under its key, in the order given', () => {
    const rows = [{ c: 'a', n: 1 }, { c: 'b', n: 2 }, { c: 'a', n: 3 }];
    expect([...groupBy(rows, (r) => r.c)]).toEqual([
      ['a', [{ c: 'a', n: 1 }, { c: 'a', n: 3 }]],
      ['b', [{ c: 'b', n: 2 }]],
    ]);
    expect(groupBy([], (r: { c: string }) => r.c).size).toBe(0);
  });
});
