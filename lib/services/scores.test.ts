import { useTestDb } from '@/test/unit/test-db';
import { SidecarDb } from '../db';
import { scoreLead } from '../domain/scoring';
import { logManualActivity, logThreadMessages } from './activities';
import { createPerson } from './contacts';
import { scoreAllLeads } from './scores';
import { loadSettings } from './settings';

const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 2, 9);
let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

describe('scoreAllLeads', () => {
  it('scores every lead from summaries the same as the sidebar does from activities', async () => {
    const dana = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io', title: 'VP Sales' }, { now: T, locale: 'en' });
    const rina = await createPerson(db, { name: 'Rina', email: 'rina@gmail.com' }, { now: T, locale: 'en' });
    const rep = { name: 'Rep', email: 'rep@acme.com' };
    await logThreadMessages(db, [{ id: 'm1', from: { name: 'Dana', email: 'dana@bigcorp.io' }, recipients: [rep], date: T + DAY }], new Set([rep.email]), T + DAY);
    await logManualActivity(db, { contactId: dana.contact.id, kind: 'meeting' }, T + 3 * DAY);
    await logManualActivity(db, { contactId: rina.contact.id, kind: 'call' }, T + 2 * DAY);

    const now = T + 40 * DAY;
    const scores = await scoreAllLeads(db, { now, locale: 'en' });
    const { scoring } = await loadSettings(db, 'en');
    for (const c of [dana, rina]) {
      const activities = await db.activities.where('contactId').equals(c.contact.id).toArray();
      const company = c.contact.companyId ? await db.companies.get(c.contact.companyId) : null;
      const expected = scoreLead({ contact: c.contact, company: company ?? null, bant: null, activities }, scoring, now).total;
      expect(scores.get(c.contact.id)!.total).toBe(expected);
    }
    expect(scores.get(dana.contact.id)!.total).toBeGreaterThan(scores.get(rina.contact.id)!.total);
  });

  it('skips deleted contacts and decays as time passes', async () => {
    const a = await createPerson(db, { name: 'A', email: 'a@firm.io' }, { now: T, locale: 'en' });
    const b = await createPerson(db, { name: 'B', email: 'b@firm.io' }, { now: T, locale: 'en' });
    await logManualActivity(db, { contactId: a.contact.id, kind: 'meeting' }, T);
    await db.contacts.update(b.contact.id, { deletedAt: T });
    const soon = await scoreAllLeads(db, { now: T, locale: 'en' });
    const later = await scoreAllLeads(db, { now: T + 90 * DAY, locale: 'en' });
    expect([...soon.keys()]).toEqual([a.contact.id]);
    expect(later.get(a.contact.id)!.total).toBeLessThan(soon.get(a.contact.id)!.total);
  });
});
