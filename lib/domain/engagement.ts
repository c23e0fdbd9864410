import type { ActivityKind } from './records';

/**
 * Per-kind decayed activity weights, kept in a contact's summary so a lead's
 * engagement can be scored without reading its activities: at reference time
 * `ref`, weights[k] = Σ 0.5^((ref − t)/halfLife) over activities of kind k.
 * Later, engagement_k(now) = points_k × weights[k] × 0.5^((now − ref)/halfLife),
 * capped per kind: the same numbers scoreLead computes from the activities.
 * Numerically stable: weights are kept relative to the newest activity.
 */
export interface EngagementWeights {
  ref: number;
  halfLifeDays: number;
  weights: Partial<Record<ActivityKind, number>>;
}

const DAY = 86_400_000;

export function engagementWeights(activities: Iterable<{ kind: ActivityKind; at: number }>, halfLifeDays: number, now: number): EngagementWeights {
  const list = [...activities].filter((a) => Number.isFinite(a.at));
  // Future-dated activities count as happening now, as in scoreLead.
  const ref = list.reduce((m, a) => Math.max(m, Math.min(a.at, now)), 0);
  const h = halfLifeDays > 0 && Number.isFinite(halfLifeDays) ? halfLifeDays : 30;
  const weights: Partial<Record<ActivityKind, number>> = {};
  for (const a of list) {
    const age = Math.max(0, ref - Math.min(a.at, now)) / DAY;
    weights[a.kind] = (weights[a.kind] ?? 0) + 0.5 ** (age / h);
  }
  return { ref, halfLifeDays: h, weights };
}

/** Engagement points at `now` from stored weights: per kind points × decay, capped, rounded, summed. */
export function engagementFromWeights(w: EngagementWeights, points: Partial<Record<ActivityKind, number>>, maxPerKind: number, now: number): number {
  const decay = 0.5 ** (Math.max(0, now - w.ref) / DAY / w.halfLifeDays);
  let total = 0;
  for (const [kind, weight] of Object.entries(w.weights) as [ActivityKind, number][]) {
    const p = Math.max(0, points[kind] ?? 0);
    total += Math.round(Math.min(maxPerKind, p * weight * decay));
  }
  return Number.isFinite(total) ? total : 0;
}
