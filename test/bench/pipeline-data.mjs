// A synthetic pipeline for the dashboard bench: contacts, one deal each, and
// the deal's whole stage history (created in the first stage, one change per
// stage passed, then won or lost for the closed ones), in the record shapes of
// lib/domain/records.ts.
//
// Self-contained on purpose (no imports, nothing from module scope): the bench
// hands this very function to the service worker as source text
// (test/bench/run.mjs seeds the product's database beneath Dexie with it), and
// the bench page imports it to seed its own database. Deterministic: the same
// records for the same arguments.

/**
 * @param {{ n: number, now: number, seed?: number, prefix?: string, currency?: string }} opts
 * @returns {{ contacts: object[], deals: object[], changes: object[] }}
 */
export function pipelineRecords({ n, now, seed = 11, prefix = 'dash', currency = 'USD' }) {
  let a = seed >>> 0;
  const r = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const DAY = 86_400_000;
  const STAGES = ['contact', 'qualification', 'meeting', 'proposal', 'closing'];
  const FIRST = ['Ana', 'Budi', 'Citra', 'Dana', 'Eko', 'Fitri', 'Gita', 'Hadi', 'Indra', 'Joko', 'Kim', 'Lina', 'Maya', 'Nina', 'Omar', 'Putri', 'Rina', 'Sari', 'Tono', 'Wati'];
  const LAST = ['Santoso', 'Wijaya', 'Prospect', 'Lee', 'Costa', 'Halim', 'Gunawan', 'Kusuma', 'Hartono', 'Susanto', 'Tan', 'Lim', 'Pratama', 'Saputra', 'Nugroho'];
  const SOURCES = ['cold_email', 'linkedin', 'referral', 'partner', 'event', 'inbound', null];
  const REASONS = ['price', 'timing', 'competitor', 'no budget', null];
  const pick = (list) => list[Math.floor(r() * list.length)];
  const contacts = [];
  const deals = [];
  const changes = [];
  for (let i = 0; i < n; i++) {
    const created = now - Math.floor(r() * 400 * DAY) - DAY;
    const cid = `${prefix}-c-${i}`;
    const did = `${prefix}-d-${i}`;
    const name = `${pick(FIRST)} ${pick(LAST)} ${i}`;
    contacts.push({
      id: cid,
      createdAt: created,
      updatedAt: created,
      deletedAt: null,
      name,
      emails: [`p${i}@company${i % 997}.example`],
      title: null,
      headline: null,
      location: null,
      companyId: null,
      linkedinUrl: null,
      photoUrl: null,
    });
    const roll = r();
    const status = roll < 0.55 ? 'open' : roll < 0.8 ? 'won' : 'lost';
    // How far it got: won deals went through every stage, the others stopped somewhere.
    const last = status === 'won' ? STAGES.length - 1 : Math.floor(r() * STAGES.length);
    let at = created;
    changes.push({ id: `${did}-h0`, dealId: did, fromStageId: null, toStageId: STAGES[0], status: 'open', at, reason: null, createdAt: at });
    for (let s = 1; s <= last; s++) {
      at = Math.min(now - 1000, at + Math.floor((1 + r() * 20) * DAY));
      changes.push({ id: `${did}-h${s}`, dealId: did, fromStageId: STAGES[s - 1], toStageId: STAGES[s], status: 'open', at, reason: null, createdAt: at });
    }
    const entered = at;
    let closedAt = null;
    let lostReason = null;
    if (status !== 'open') {
      closedAt = Math.min(now - 500, at + Math.floor((1 + r() * 15) * DAY));
      lostReason = status === 'lost' ? pick(REASONS) : null;
      changes.push({ id: `${did}-h${last + 1}`, dealId: did, fromStageId: STAGES[last], toStageId: STAGES[last], status, at: closedAt, reason: lostReason, createdAt: closedAt });
    }
    deals.push({
      id: did,
      createdAt: created,
      updatedAt: closedAt ?? entered,
      deletedAt: null,
      contactId: cid,
      companyId: null,
      title: `${name} deal`,
      stageId: STAGES[last],
      stageEnteredAt: entered,
      status,
      valueMinor: Math.floor(r() * 5_000) * 100,
      currency,
      owner: null,
      expectedCloseAt: null,
      closedAt,
      lostReason,
      bant: null,
      leadSource: pick(SOURCES),
    });
  }
  return { contacts, deals, changes };
}
