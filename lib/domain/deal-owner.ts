import type { Deal } from './records';

export type Ownership = 'mine' | 'team' | 'unowned';

/** The dashboard's and the popup's owner choice: every deal, the rep's own, or their teammates'. */
export const OWNER_FILTERS = ['all', 'mine', 'team'] as const;
export type OwnerFilter = (typeof OWNER_FILTERS)[number];

/**
 * Whose deal this is, for "mine / team" views once a team shares a pipeline
 * through sync: the rep's own addresses (learnt from the signed-in Gmail
 * accounts) against the deal's owner.
 */
export function dealOwnership(deal: { owner?: string | null }, myAddresses: readonly string[]): Ownership {
  if (!deal.owner) return 'unowned';
  return myAddresses.includes(deal.owner.toLowerCase()) ? 'mine' : 'team';
}

/**
 * Whether a deal (null: none, as a person without one) is shown under `which`. 'mine' keeps the unowned ones
 * (made on this device before the account was known): the one rule of People & deals, the board, the metrics and
 * the nudge list.
 */
export function ownerMatches(deal: { owner?: string | null } | null, which: OwnerFilter, myAddresses: readonly string[]): boolean {
  if (which === 'all') return true;
  const o = deal ? dealOwnership(deal, myAddresses) : 'unowned';
  return which === 'team' ? o === 'team' : o !== 'team';
}

/** Deals of one ownership (ownerMatches). */
export function filterByOwner<D extends Pick<Deal, 'owner'>>(deals: readonly D[], which: OwnerFilter, myAddresses: readonly string[]): D[] {
  return which === 'all' ? [...deals] : deals.filter((d) => ownerMatches(d, which, myAddresses));
}
