import type { Stage } from './stages';

// Source stage values (HubSpot's internal ids and labels, Pipedrive's and
// Streak's default stage names, anything else) → the rep's stages. A value
// maps to a stage id, or to 'won' / 'lost', which close the deal.

export type StageTarget = string; // a stage id, or WON / LOST
export const WON = 'won';
export const LOST = 'lost';

/** Lower-case letters and digits only: "Closed Won", "closedwon" and "closed-won" are one value. */
export const normStage = (v: string) => v.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]/g, '');

// Known defaults of the tools, by normalised value → a built-in stage id or won/lost.
const KNOWN: Record<string, string> = {
  // HubSpot's default sales pipeline (internal values and labels).
  appointmentscheduled: 'meeting',
  qualifiedtobuy: 'qualification',
  presentationscheduled: 'meeting',
  decisionmakerboughtin: 'proposal',
  contractsent: 'closing',
  closedwon: WON,
  closedlost: LOST,
  // Pipedrive's default pipeline.
  leadin: 'contact',
  contactmade: 'contact',
  needsdefined: 'qualification',
  qualified: 'qualification',
  demoscheduled: 'meeting',
  proposalmade: 'proposal',
  negotiationsstarted: 'closing',
  // Streak's sales pipeline template, and common words.
  lead: 'contact',
  leads: 'contact',
  new: 'contact',
  contacted: 'contact',
  prospect: 'contact',
  pitched: 'meeting',
  demo: 'meeting',
  meeting: 'meeting',
  meetingscheduled: 'meeting',
  proposal: 'proposal',
  quote: 'proposal',
  negotiating: 'closing',
  negotiation: 'closing',
  closing: 'closing',
  won: WON,
  lost: LOST,
  // Indonesian.
  prospek: 'contact',
  kualifikasi: 'qualification',
  pertemuan: 'meeting',
  penawaran: 'proposal',
  negosiasi: 'closing',
  menang: WON,
  kalah: LOST,
};

/** Where a won or lost deal sits in the pipeline: the first stage of the decision phase, else the last stage. */
export function closedStageId(stages: readonly Stage[]): string {
  return (stages.find((s) => s.phase === 'decision') ?? stages[stages.length - 1]!).id;
}

function overlap(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  if (a.includes(b) || b.includes(a)) return Math.min(a.length, b.length) / Math.max(a.length, b.length);
  return 0;
}

/**
 * A suggestion for each distinct source value (a bracketed suffix such as
 * HubSpot's pipeline name aside): the rep's stage of the same name, else the
 * tool's known meaning (when the rep still has that stage), else the closest
 * name, else the first stage. `names` are the stages' shown names (the rep's
 * own, or built-in ones in the UI language).
 */
export function suggestStageMap(values: Iterable<string>, stages: readonly Stage[], names: Record<string, string>): Map<string, StageTarget> {
  const out = new Map<string, StageTarget>();
  const byName = stages.map((s) => ({ id: s.id, n: normStage(names[s.id] ?? s.name ?? s.id), idn: normStage(s.id) }));
  for (const value of values) {
    if (out.has(value)) continue;
    const whole = normStage(value);
    if (!whole) continue;
    // HubSpot writes the pipeline after the stage, "Appointment Scheduled (Sales Pipeline)": the stage is read
    // without it, once the rep's own stage of that whole name is ruled out.
    const v = normStage(value.replace(/\s*\([^()]*\)\s*$/, '')) || whole;
    const same = byName.find((s) => s.n === whole || s.idn === whole) ?? byName.find((s) => s.n === v || s.idn === v);
    if (same) {
      out.set(value, same.id);
      continue;
    }
    const known = KNOWN[v];
    if (known === WON || known === LOST) {
      out.set(value, known);
      continue;
    }
    if (known && stages.some((s) => s.id === known)) {
      out.set(value, known);
      continue;
    }
    if (/won|menang/.test(v)) out.set(value, WON);
    else if (/lost|kalah/.test(v)) out.set(value, LOST);
    else {
      const best = byName.map((s) => ({ id: s.id, score: Math.max(overlap(v, s.n), overlap(v, s.idn)) })).sort((a, b) => b.score - a.score)[0];
      out.set(value, best && best.score >= 0.5 ? best.id : stages[0]!.id);
    }
  }
  return out;
}
