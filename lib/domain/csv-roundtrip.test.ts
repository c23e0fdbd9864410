import fc from 'fast-check';
import { readCsv } from './csv-read';
import { CSV_BOM, csvRow } from './csv-write';
import { ACTIVITY_CSV_HEADER, activityCsvRow, CONTACT_CSV_HEADER, contactCsvRow, DEAL_CSV_HEADER, dealCsvRow } from './csv-tables';
import { normalizeEmail } from './email';
import { importOps, planImport, stageValues } from './import-plan';
import { recognise } from './import-presets';
import { readRows } from './import-rows';
import { suggestStageMap } from './import-stages';
import type { Activity, Company, Contact, Deal } from './records';
import { ActivityKindSchema } from './records';
import { DEFAULT_STAGES } from './stages';

// Whatever the exporter writes, the importer reads back to the same records.

const NAMES = { contact: 'Contact', qualification: 'Qualification', meeting: 'Meeting', proposal: 'Proposal', closing: 'Closing', retention: 'Retention' };
const none = { byEmail: new Map<string, string>(), byLinkedIn: new Map<string, string>() };

/** Text as a record holds it: trimmed, any characters (formula starts, quotes, commas, newlines, emoji, diacritics). */
const text = (max: number) =>
  fc
    .string({ unit: fc.constantFrom('a', 'Z', 'é', 'Ł', '中', '😀', ' ', ',', '"', "'", '\n', '\r\n', '=', '+', '-', '@', '\t', ';'), minLength: 1, maxLength: max })
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !s.includes('@'));
const opt = <T,>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const email = fc.emailAddress().map((e) => normalizeEmail(e)).filter((e): e is string => e !== null && !e.includes('"'));
const time = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) });
const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{2,20}$/);

const contactArb = fc.record({
  name: text(40),
  emails: fc.uniqueArray(email, { maxLength: 3 }),
  title: opt(text(30)),
  headline: opt(text(30)),
  location: opt(text(20)),
  linkedinUrl: opt(slug.map((s) => `https://www.linkedin.com/in/${s}/`)),
  createdAt: time,
  company: opt(fc.record({ name: text(30), domain: opt(fc.stringMatching(/^[a-z]{2,10}\.(com|co\.id|io)$/)) })),
});

async function parse(csv: string) {
  const read = await readCsv(csv, { pause: async () => {} });
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  const r = recognise(read.table.header);
  return readRows(read.table, r.mapping, { dateOrder: 'mdy', currency: 'USD', now: 0 });
}

describe('CSV round trip', () => {
  it('contacts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(contactArb, { minLength: 1, maxLength: 8 }), async (list) => {
        let csv = CSV_BOM + csvRow(CONTACT_CSV_HEADER);
        list.forEach((c, i) => {
          const company: Company | null = c.company ? { id: `co${i}`, name: c.company.name, domain: c.company.domain, industry: null, employees: null, createdAt: 0, updatedAt: 0, deletedAt: null } : null;
          const contact: Contact = { id: `c${i}`, name: c.name, emails: c.emails, title: c.title, headline: c.headline, location: c.location, companyId: company?.id ?? null, linkedinUrl: c.linkedinUrl, photoUrl: null, createdAt: c.createdAt, updatedAt: c.createdAt, deletedAt: null };
          csv += contactCsvRow(contact, company);
        });
        const records = await parse(csv);
        expect(records.map((r) => r.contact)).toEqual(
          list.map((c) => ({
            name: c.name,
            emails: c.emails,
            title: c.title,
            headline: c.headline,
            location: c.location,
            company: c.company?.name ?? null,
            companyDomain: c.company?.domain ?? null,
            linkedinUrl: c.linkedinUrl,
            createdAt: c.createdAt,
          })),
        );
        expect(records.flatMap((r) => r.issues.filter((i) => i.code !== 'missing_email'))).toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('deals', async () => {
    const dealArb = fc
      .record({
        title: text(30),
        contact: text(20),
        email,
        stageId: fc.constantFrom(...DEFAULT_STAGES.map((s) => s.id)),
        status: fc.constantFrom('open', 'won', 'lost') as fc.Arbitrary<Deal['status']>,
        currency: fc.constantFrom('USD', 'IDR', 'EUR', 'JPY'),
        valueMinor: fc.integer({ min: 0, max: 1e12 }),
        createdAt: time,
        expectedCloseAt: opt(time),
        closedAt: time,
        lostReason: text(20),
        owner: opt(email),
      })
      .map((d) => ({ ...d, closedAt: d.status === 'open' ? null : d.closedAt, lostReason: d.status === 'lost' ? d.lostReason : null }));
    await fc.assert(
      fc.asyncProperty(fc.array(dealArb, { minLength: 1, maxLength: 8 }), async (list) => {
        let csv = CSV_BOM + csvRow(DEAL_CSV_HEADER);
        list.forEach((d, i) => {
          const deal: Deal = { id: `d${i}`, contactId: `c${i}`, companyId: null, title: d.title, stageId: d.stageId, stageEnteredAt: d.createdAt, status: d.status, valueMinor: d.valueMinor, currency: d.currency, owner: d.owner, expectedCloseAt: d.expectedCloseAt, closedAt: d.closedAt, lostReason: d.lostReason, bant: null, leadSource: null, createdAt: d.createdAt, updatedAt: d.createdAt, deletedAt: null };
          const contact = { id: `c${i}`, name: d.contact, emails: [d.email] } as Contact;
          csv += dealCsvRow(deal, contact, null, NAMES[d.stageId as keyof typeof NAMES]);
        });
        const records = await parse(csv);
        const map = suggestStageMap(stageValues(records), DEFAULT_STAGES, NAMES);
        // Every row its own person, so the plan creates each one.
        const byIndex = records.map((r, i) => ({ ...r, contact: { ...r.contact, emails: [`row${i}-${r.contact.emails[0]}`] } }));
        const ops = importOps(records, planImport(byIndex, none, { duplicates: 'merge' }).rows, map, DEFAULT_STAGES, 'USD');
        expect(ops.map((o) => ({ name: o.contact.name, email: o.contact.emails[0], ...o.deal }))).toEqual(
          list.map((d) => ({
            name: d.contact,
            email: d.email,
            title: d.title,
            stageId: d.stageId,
            status: d.status,
            valueMinor: d.valueMinor,
            currency: d.currency,
            createdAt: d.createdAt,
            closedAt: d.closedAt,
            expectedCloseAt: d.expectedCloseAt,
            lostReason: d.lostReason,
            owner: d.owner,
          })),
        );
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it('activities', async () => {
    const actArb = fc.record({ kind: fc.constantFrom(...ActivityKindSchema.options), at: time, text: opt(text(40)), contact: text(20), email });
    await fc.assert(
      fc.asyncProperty(fc.array(actArb, { minLength: 1, maxLength: 8 }), async (list) => {
        let csv = CSV_BOM + csvRow(ACTIVITY_CSV_HEADER);
        list.forEach((a, i) => {
          const activity = { id: `a${i}`, kind: a.kind, direction: 'none', channel: 'crm', at: a.at, text: a.text, contactId: `c${i}`, dealId: null, sourceId: null, createdAt: 0, updatedAt: 0, deletedAt: null } as Activity;
          csv += activityCsvRow(activity, { id: `c${i}`, name: a.contact, emails: [a.email] } as Contact);
        });
        const records = await parse(csv);
        expect(records.map((r) => ({ contact: r.contact.name, email: r.contact.emails[0], ...r.activities[0] }))).toEqual(
          list.map((a) => ({ contact: a.contact, email: a.email, kind: a.kind, at: a.at, text: a.text })),
        );
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});
