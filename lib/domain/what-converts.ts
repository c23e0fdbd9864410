/**
 * "What converts" (docs/sales-method.md): from the rep's own won and lost
 * deals, which fit attributes and BANT answers go with winning, and the fit
 * points the history supports.
 */
import { BANT_FIELDS, type BantField } from './bant';
import { fitMatches, type LeadInput } from './scoring';
import { FIT_RULES, num, SCORED_BANT_STATES, type FitRule, type ScoredBantState, type ScoringConfig } from './scoring-config';

/** A "what converts" attribute: a fit rule, or a BANT answer such as `bant.budget.yes`. */
export type ConversionAttribute = FitRule | `bant.${BantField}.${ScoredBantState}`;

/**
 * What the "what converts" report compares: the fit attributes plus each BANT
 * answer, e.g. `bant.budget.yes`.
 */
export function conversionAttributes(input: LeadInput, icp: ScoringConfig['icp']): Record<ConversionAttribute, boolean> {
  const out: Partial<Record<ConversionAttribute, boolean>> = { ...fitMatches(input, icp) };
  for (const f of BANT_FIELDS) {
    const state = input?.bant?.[f]?.state;
    for (const s of SCORED_BANT_STATES) out[`bant.${f}.${s}`] = state === s;
  }
  return out as Record<ConversionAttribute, boolean>;
}

/** Reads back an attribute of a stored deal (written by an older version, perhaps): null when it is none of ours. */
export function parseConversionAttribute(
  attribute: string,
): { fit: FitRule } | { bant: BantField; state: ScoredBantState } | null {
  if ((FIT_RULES as readonly string[]).includes(attribute)) return { fit: attribute as FitRule };
  const [head, field, state, ...rest] = attribute.split('.');
  const isField = (BANT_FIELDS as readonly (string | undefined)[]).includes(field);
  const isState = (SCORED_BANT_STATES as readonly (string | undefined)[]).includes(state);
  return head === 'bant' && isField && isState && rest.length === 0 ? { bant: field as BantField, state: state as ScoredBantState } : null;
}

export interface ConvertRow {
  attribute: string;
  wonWith: number;
  lostWith: number;
  wonWithout: number;
  lostWithout: number;
  winRateWith: number | null;
  winRateWithout: number | null;
  /** winRateWith − winRateWithout (a difference of shares, −1..1); null when a group is empty. */
  lift: number | null;
  sample: number;
  reliable: boolean;
  /** Fit points the history supports, only when reliable. */
  suggestedPoints: number | null;
}

/**
 * From closed deals, which attributes go with winning: per attribute the win
 * rate of deals that had it against those that did not.
 */
export function whatConverts(
  deals: readonly { status: 'won' | 'lost'; matches: Record<string, boolean> }[],
  minSample = 10,
): ConvertRow[] {
  const closed = (Array.isArray(deals) ? deals : []).filter((d) => d?.status === 'won' || d?.status === 'lost');
  const min = num(minSample, 0, Number.MAX_SAFE_INTEGER, 10);
  const attributes = new Set<string>();
  for (const d of closed) for (const k of Object.keys(d.matches ?? {})) attributes.add(k);

  const rows: ConvertRow[] = [];
  for (const attribute of attributes) {
    let wonWith = 0, lostWith = 0, wonWithout = 0, lostWithout = 0;
    for (const d of closed) {
      const has = d.matches?.[attribute] === true;
      if (d.status === 'won') {
        if (has) wonWith++;
        else wonWithout++;
      } else if (has) lostWith++;
      else lostWithout++;
    }
    const withN = wonWith + lostWith;
    const withoutN = wonWithout + lostWithout;
    const winRateWith = withN > 0 ? wonWith / withN : null;
    const winRateWithout = withoutN > 0 ? wonWithout / withoutN : null;
    const lift = winRateWith !== null && winRateWithout !== null ? winRateWith - winRateWithout : null;
    const sample = withN + withoutN;
    const reliable = lift !== null && withN >= min / 2 && withoutN >= min / 2 && sample >= min;
    // `+ 0` turns a -0 into 0.
    const suggestedPoints = reliable ? Math.min(20, Math.max(-20, Math.round(20 * lift))) + 0 : null;
    rows.push({ attribute, wonWith, lostWith, wonWithout, lostWithout, winRateWith, winRateWithout, lift, sample, reliable, suggestedPoints });
  }
  const mag = (r: ConvertRow) => (r.lift === null ? -1 : Math.abs(r.lift));
  return rows.sort(
    (a, b) =>
      Number(b.reliable) - Number(a.reliable) || mag(b) - mag(a) || (a.attribute < b.attribute ? -1 : a.attribute > b.attribute ? 1 : 0),
  );
}
