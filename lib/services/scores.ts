import type { SidecarDb, StoredSummary } from '../db';
import { engagementFromWeights } from '../domain/engagement';
import type { Company, Contact, Deal } from '../domain/records';
import { scoreLead, type ScoringConfig } from '../domain/scoring';
import { loadSettings } from './settings';

const PAGE = 2000;

/**
 * A lead's score without reading its activities: fit from the contact,
 * company and BANT, engagement from the decayed weights kept in its summary.
 */
export function scoreFromSummary(
  contact: Contact,
  company: Company | null | undefined,
  deal: Deal | null,
  summary: StoredSummary | undefined,
  scoring: ScoringConfig,
  now: number,
): { fit: number; engagement: number; total: number; salesReady: boolean } {
  const fit = scoreLead(
    { contact, company: company ? { domain: company.domain, industry: company.industry, employees: company.employees } : null, bant: deal?.bant ?? null, activities: [] },
    scoring,
    now,
  ).fit;
  const engagement = summary ? engagementFromWeights(summary.engagement, scoring.engagement.points, scoring.engagement.maxPerKind, now) : 0;
  const total = fit + engagement;
  return { fit, engagement, total, salesReady: total >= scoring.threshold };
}

/** Every lead's score, a page of contacts at a time: what the background recomputes as time and rules change. */
export async function scoreAllLeads(db: SidecarDb, env: { now: number; locale: string }): Promise<Map<string, { total: number; salesReady: boolean }>> {
  const { scoring } = await loadSettings(db, env.locale);
  const out = new Map<string, { total: number; salesReady: boolean }>();
  let last = '';
  for (;;) {
    const contacts = (await db.contacts.where(':id').above(last).limit(PAGE).toArray()).filter((c) => c.deletedAt === null);
    if (contacts.length === 0) break;
    last = contacts[contacts.length - 1]!.id;
    const ids = contacts.map((c) => c.id);
    const [summaries, deals] = await Promise.all([db.summaries.bulkGet(ids), db.deals.where('contactId').anyOf(ids).toArray()]);
    const openDeal = new Map(deals.filter((d) => d.status === 'open' && d.deletedAt === null).map((d) => [d.contactId, d]));
    const companyIds = [...new Set(contacts.map((c) => c.companyId).filter((x): x is string => !!x))];
    const companies = new Map((await db.companies.bulkGet(companyIds)).filter((c): c is Company => !!c).map((c) => [c.id, c]));
    contacts.forEach((c, i) => {
      const s = scoreFromSummary(c, c.companyId ? companies.get(c.companyId) : null, openDeal.get(c.id) ?? null, summaries[i], scoring, env.now);
      out.set(c.id, { total: s.total, salesReady: s.salesReady });
    });
  }
  return out;
}
