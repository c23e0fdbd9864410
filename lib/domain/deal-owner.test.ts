import { dealOwnership, filterByOwner, ownerMatches } from './deal-owner';

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
  it('matches a deal, or no deal, to the owner choice', () => {
    expect(ownerMatches({ owner: 'DANA@acme.com' }, 'mine', me)).toBe(true);
    expect(ownerMatches({ owner: 'dana@acme.com' }, 'team', me)).toBe(false);
    expect(ownerMatches({ owner: 'sam@acme.com' }, 'team', me)).toBe(true);
    expect(ownerMatches({ owner: 'sam@acme.com' }, 'mine', me)).toBe(false);
    // Unowned and no deal at all count as mine, never the team's.
    for (const d of [{ owner: null }, {}, null]) {
      expect(ownerMatches(d, 'mine', me)).toBe(true);
      expect(ownerMatches(d, 'team', me)).toBe(false);
      expect(ownerMatches(d, 'all', me)).toBe(true);
    }
    // No address of mine known yet: every owned deal is a teammate's.
    expect(ownerMatches({ owner: 'dana@acme.com' }, 'mine', [])).toBe(false);
  });
});
