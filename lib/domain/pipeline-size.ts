// The method's pipeline size calculator: how many deals and leads a revenue
// target needs, and how that compares with the pipeline the rep has now.

export interface SizeInput {
  /** Revenue target for the period, major units. */
  target: number;
  /** Average deal size, major units. */
  avgDeal: number;
  /** Close rate as a fraction, 0-1 (the page asks in percent). */
  closeRate: number;
  reps: number;
  /** Open leads in the pipeline now, for the comparison. */
  openLeads?: number;
}

export interface SizeResult {
  /** target ÷ average deal size. */
  deals: number;
  /** deals ÷ close rate. */
  leads: number;
  /** leads ÷ reps. */
  perRep: number;
  /** Leads still to find beyond the open ones (0 when the pipeline is big enough). */
  moreLeads: number | null;
}

const ok = (x: number) => Number.isFinite(x) && x > 0;

/**
 * Exact quotients, no rounding (the method's worked example divides evenly);
 * the page rounds up for display, since a fraction of a sale is still one to
 * find. null when an input is missing or not positive.
 */
export function pipelineSize(input: SizeInput): SizeResult | null {
  const { target, avgDeal, closeRate, reps } = input;
  if (!ok(target) || !ok(avgDeal) || !ok(closeRate) || closeRate > 1 || !ok(reps)) return null;
  const deals = target / avgDeal;
  const leads = deals / closeRate;
  const perRep = leads / reps;
  const moreLeads = input.openLeads === undefined ? null : Math.max(0, Math.ceil(leads - 1e-9) - input.openLeads);
  return { deals, leads, perRep, moreLeads };
}
