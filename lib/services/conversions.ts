import type { SidecarDb } from '../db';
import { conversionAttributes, type ConvertRow, whatConverts } from '../domain/what-converts';
import { loadSettings } from './settings';

/** From the rep's own won and lost deals: which ICP attributes and BANT answers go with winning. */
export async function conversions(db: SidecarDb, locale: string): Promise<{ won: number; lost: number; rows: ConvertRow[] }> {
  const settings = await loadSettings(db, locale);
  const closed = (await db.deals.where('status').anyOf(['won', 'lost']).toArray()).filter((d) => d.deletedAt === null);
  const contacts = new Map((await db.contacts.bulkGet([...new Set(closed.map((d) => d.contactId))])).filter((c) => !!c).map((c) => [c!.id, c!]));
  const companyIds = [...new Set(closed.map((d) => d.companyId).filter((x): x is string => !!x))];
  const companies = new Map((await db.companies.bulkGet(companyIds)).filter((c) => !!c).map((c) => [c!.id, c!]));
  const deals = closed.flatMap((d) => {
    const contact = contacts.get(d.contactId);
    if (!contact) return [];
    const company = d.companyId ? companies.get(d.companyId) : undefined;
    const matches = conversionAttributes(
      {
        contact,
        company: company ? { domain: company.domain, industry: company.industry, employees: company.employees } : null,
        bant: d.bant,
        activities: [],
      },
      settings.scoring.icp,
    );
    return [{ status: d.status as 'won' | 'lost', matches }];
  });
  return { won: deals.filter((d) => d.status === 'won').length, lost: deals.filter((d) => d.status === 'lost').length, rows: whatConverts(deals) };
}
