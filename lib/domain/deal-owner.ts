import type { Deal } from './records';

export type Ownership = 'mine' | 'team' | 'unowned';

/**
 * Whose deal this is, for "mine / team" views once a team shares a pipeline
 * through sync: the rep's own addresses (learnt from the signed-in Gmail
 * accounts) against the deal's owner.
 */
export function dealOwnership(deal: Pick<Deal, 'owner'>, myAddresses: readonly string[]): Ownership {
  if (!deal.owner) return 'unowned';
  return myAddresses.includes(deal.owner.toLowerCase()) ? 'mine' : 'team';
}

/** Deals of one ownership: 'mine' keeps the unowned ones too (made before the account was known, on this device). */
export function filterByOwner<D extends Pick<Deal, 'owner'>>(deals: readonly D[], which: 'mine' | 'team' | 'all', myAddresses: readonly string[]): D[] {
  if (which === 'all') return [...deals];
  return deals.filter((d) => {
    const o = dealOwnership(d, myAddresses);
    return which === 'team' ? o === 'team' : o !== 'team';
  });
}
