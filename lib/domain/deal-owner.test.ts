import { dealOwnership, filterByOwner } from './deal-owner';

describe('deal ownership', () => {
  const me = ['dana@acme.com', 'dana.p@gmail.com'];
  it('tells my deals from my team\'s', () => {
    expect(dealOwnership({ owner: 'dana@acme.com' }, me)).toBe('mine');
    expect(dealOwnership({ owner: 'Dana.P@gmail.com' }, me)).toBe('mine');
    expect(dealOwnership({ owner: 'sam@acme.com' }, me)).toBe('team');
    expect(dealOwnership({ owner: null }, me)).toBe('unowned');
  });
  it('filters mine (with the unowned), team, or all', () => {
    const deals = [{ owner: 'dana@acme.com' }, { owner: 'sam@acme.com' }, { owner: null }];
    expect(filterByOwner(deals, 'mine', me)).toEqual([deals[0], deals[2]]);
    expect(filterByOwner(deals, 'team', me)).toEqual([deals[1]]);
    expect(filterByOwner(deals, 'all', me)).toEqual(deals);
  });
});
