import type { ActivityKind } from './records';

export interface ScorePart {
  /** i18n key of the rule that gave the points. */
  rule: string;
  points: number;
}
export interface Score {
  total: number;
  parts: ScorePart[];
}

// A count-based placeholder until fit + engagement scoring lands: a few
// capped rules so that one noisy thread cannot dominate the number.
const RULES: { rule: string; kinds: ActivityKind[]; each: number; cap: number }[] = [
  { rule: 'score.rule.repliesReceived', kinds: ['email_in'], each: 5, cap: 30 },
  { rule: 'score.rule.emailsSent', kinds: ['email_out'], each: 2, cap: 10 },
  { rule: 'score.rule.linkedinTouches', kinds: ['linkedin_connect', 'linkedin_message', 'linkedin_inmail'], each: 3, cap: 15 },
  { rule: 'score.rule.callsMeetings', kinds: ['call', 'meeting'], each: 10, cap: 20 },
];
const POINTS_PER_STAGE = 5;

export function placeholderScore(activityKinds: readonly ActivityKind[], stageIndex: number): Score {
  const counts = new Map<ActivityKind, number>();
  for (const k of activityKinds) counts.set(k, (counts.get(k) ?? 0) + 1);
  const parts: ScorePart[] = [];
  for (const r of RULES) {
    const n = r.kinds.reduce((sum, k) => sum + (counts.get(k) ?? 0), 0);
    if (n > 0) parts.push({ rule: r.rule, points: Math.min(r.cap, n * r.each) });
  }
  if (stageIndex > 0) parts.push({ rule: 'score.rule.stageProgress', points: stageIndex * POINTS_PER_STAGE });
  return { total: parts.reduce((s, p) => s + p.points, 0), parts };
}
