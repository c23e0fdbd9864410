import type { SidecarDb, StoredSummary } from '../db';
import { engagementFromWeights, type EngagementWeights } from '../domain/engagement';
import type { Company, Contact, Deal } from '../domain/records';
import { scoreLead } from '../domain/scoring';
import type { ScoringConfig } from '../domain/scoring-config';
import { contactPages } from './contact-pages';
import { loadSettings } from './settings';

/** Fit points alone: from the contact, its company and the deal's BANT (time plays no part). */
export function fitScore(contact: Contact, company: Company | null | undefined, deal: Deal | null, scoring: ScoringConfig): number {
  return scoreLead(
    { contact, company: company ? { domain: company.domain, industry: company.industry, employees: company.employees } : null, bant: deal?.bant ?? null, activities: [] },
    scoring,
    0,
  ).fit;
}

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
  return scoreFromFit(fitScore(contact, company, deal, scoring), summary?.engagement ?? null, scoring, now);
}

/** The score from a known fit and the stored engagement weights, as of `now`. */
export function scoreFromFit(
  fit: number,
  weights: EngagementWeights | null,
  scoring: ScoringConfig,
  now: number,
): { fit: number; engagement: number; total: number; salesReady: boolean } {
  const engagement = weights ? engagementFromWeights(weights, scoring.engagement.points, scoring.engagement.maxPerKind, now) : 0;
  const total = fit + engagement;
  return { fit, engagement, total, salesReady: total >= scoring.threshold };
}

/** Every lead's score, a page of contacts at a time: what the background recomputes as time and rules change. */
export async function scoreAllLeads(db: SidecarDb, env: { now: number; locale: string }): Promise<Map<string, { total: number; salesReady: boolean }>> {
  const { scoring } = await loadSettings(db, env.locale);
  const out = new Map<string, { total: number; salesReady: boolean }>();
  const companies = new CompanyCache(db);
  for await (const page of contactPages(db)) {
    const contacts = page.contacts.filter((c) => c.deletedAt === null);
    const { summaries, deals } = page;
    const openDeal = new Map<string, Deal>();
    for (const list of deals.values()) for (const d of list) if (d.status === 'open' && d.deletedAt === null) openDeal.set(d.contactId, d);
    await companies.load(contacts.map((c) => c.companyId));
    contacts.forEach((c) => {
      const s = scoreFromSummary(c, companies.get(c.companyId), openDeal.get(c.id) ?? null, summaries.get(c.id), scoring, env.now);
      out.set(c.id, { total: s.total, salesReady: s.salesReady });
    });
  }
  return out;
}

/**
 * Companies met along a whole-pipeline pass: many contacts share one, so each
 * is read once. Bounded: past `max` entries the cache starts over.
 */
export class CompanyCache {
  private map = new Map<string, Company | null>();
  constructor(
    private db: SidecarDb,
    private max = 20_000,
  ) {}

  async load(ids: Iterable<string | null>): Promise<void> {
    const missing = [...new Set([...ids].filter((id): id is string => !!id && !this.map.has(id)))];
    if (missing.length === 0) return;
    if (this.map.size + missing.length > this.max) this.map.clear();
    const rows = await this.db.companies.bulkGet(missing);
    missing.forEach((id, i) => this.map.set(id, rows[i] ?? null));
  }

  get(id: string | null): Company | null {
    return id ? (this.map.get(id) ?? null) : null;
  }
}
