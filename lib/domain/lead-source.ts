// Where a lead came from, so the dashboard can show which channels pay (the
// method's point that referrals convert far better than cold outreach).

/** Built-in sources, shown under their localised names; the rep can add their own (settings.leadSources). */
export const BUILTIN_LEAD_SOURCES = ['cold_email', 'inbound', 'linkedin', 'referral', 'partner', 'event', 'import'] as const;
export type BuiltinLeadSource = (typeof BUILTIN_LEAD_SOURCES)[number];

export const isBuiltinLeadSource = (s: string): s is BuiltinLeadSource => (BUILTIN_LEAD_SOURCES as readonly string[]).includes(s);

/**
 * The source the product can tell by itself when a person is added: from an
 * email thread, whoever wrote first (the rep: cold email; they: inbound); from
 * LinkedIn, LinkedIn. null when it cannot tell.
 */
export function detectLeadSource(input: {
  /** Thread messages' senders with their dates (null when unreadable), in page order. */
  messages?: readonly { from: string; date: number | null }[];
  myAddresses: ReadonlySet<string>;
  linkedin: boolean;
}): BuiltinLeadSource | null {
  const msgs = input.messages ?? [];
  if (msgs.length > 0) {
    // Page order is oldest first; a readable date wins over it where both exist.
    let first = msgs[0]!;
    for (const m of msgs) if (m.date !== null && (first.date === null || m.date < first.date)) first = m;
    return input.myAddresses.has(first.from.toLowerCase()) ? 'cold_email' : 'inbound';
  }
  return input.linkedin ? 'linkedin' : null;
}
