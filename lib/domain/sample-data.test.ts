import { ActivitySchema, CompanySchema, ContactSchema, DealSchema, StageChangeSchema } from './records';
import { computeMetrics } from './metrics';
import { generateSample, isSampleId } from './sample-data';
import { BUILTIN_STAGE_IDS } from './stages';

const NOW = new Date(2026, 5, 15, 12).getTime();
const STAGES = [...BUILTIN_STAGE_IDS];

describe('generateSample', () => {
  const a = generateSample({ now: NOW, currency: 'USD', stageOrder: STAGES });

  it('is deterministic for a seed and differs for another', () => {
    expect(generateSample({ now: NOW, currency: 'USD', stageOrder: STAGES })).toEqual(a);
    expect(generateSample({ now: NOW, currency: 'USD', stageOrder: STAGES, seed: 7 }).deals.map((d) => d.valueMinor)).not.toEqual(a.deals.map((d) => d.valueMinor));
  });

  it('makes valid records, every one marked as sample data, nothing after now', () => {
    const all = [...a.contacts, ...a.companies, ...a.deals, ...a.stageChanges, ...a.activities];
    expect(all.every((r) => isSampleId(r.id))).toBe(true);
    for (const c of a.contacts) ContactSchema.parse(c);
    for (const c of a.companies) CompanySchema.parse(c);
    for (const d of a.deals) DealSchema.parse(d);
    for (const s of a.stageChanges) StageChangeSchema.parse(s);
    for (const x of a.activities) ActivitySchema.parse(x);
    expect(a.stageChanges.every((s) => s.at <= NOW) && a.activities.every((x) => x.at <= NOW)).toBe(true);
    expect(new Set(a.contacts.flatMap((c) => c.emails)).size).toBe(a.contacts.length);
    expect(a.deals.every((d) => a.contacts.some((c) => c.id === d.contactId))).toBe(true);
  });

  it('has won, lost and open deals over months, so every figure means something', () => {
    const m = computeMetrics({ deals: a.deals, changes: a.stageChanges, stageOrder: STAGES, currency: 'USD', period: 'all', now: NOW });
    expect(m.leads).toBe(40);
    expect(m.won).toBeGreaterThan(3);
    expect(m.lost).toBeGreaterThan(3);
    expect(m.openDeals).toBeGreaterThan(5);
    expect(m.velocityPerDay).toBeGreaterThan(0);
    expect(m.lostReasons.length).toBeGreaterThan(1);
    expect(m.bySource.length).toBeGreaterThan(3);
    const months = new Set(a.deals.map((d) => new Date(d.createdAt).getMonth()));
    expect(months.size).toBeGreaterThanOrEqual(6);
  });

  it('draws values in the rep’s currency', () => {
    const idr = generateSample({ now: NOW, currency: 'IDR', stageOrder: STAGES });
    expect(idr.deals.every((d) => d.currency === 'IDR')).toBe(true);
    // Same draws, IDR has no minor unit: 16,000 rupiah to the dollar, dollars in cents.
    expect(idr.deals[0]!.valueMinor).toBe((a.deals[0]!.valueMinor / 100) * 16_000);
  });
});
