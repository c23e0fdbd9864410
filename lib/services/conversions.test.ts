import { useTestDb } from '@/test/unit/test-db';
import { SidecarDb } from '../db';
import { BANT_FIELDS } from '../domain/bant';
import { createPerson } from './contacts';
import { conversions } from './conversions';
import { closeDeal, reopenDeal, updateBant } from './deals';

const T = 1_790_000_000_000;
const env = { now: T, locale: 'en-US' };

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const person = (name: string, email: string) => createPerson(db, { name, email }, env);
const FIT = ['industry', 'companySize', 'role', 'seniority', 'location', 'companyDomain', 'freeMail'];
const ATTRIBUTES = [...FIT, ...BANT_FIELDS.flatMap((f) => ['yes', 'partial', 'no'].map((s) => `bant.${f}.${s}`))].sort();

describe('conversions', () => {
  it('is empty without closed deals', async () => {
    await person('Open', 'open@bigcorp.io');
    expect(await conversions(db, 'en')).toEqual({ won: 0, lost: 0, rows: [] });
  });

  it('counts won and lost, and builds every row from closed deals only', async () => {
    const dana = await person('Dana', 'dana@bigcorp.io');
    await updateBant(db, dana.deal.id, { budget: { state: 'yes' } }, T);
    expect(await closeDeal(db, dana.deal.id, 'won', null, T + 1)).toEqual({ ok: true });

    const sam = await person('Sam', 'sam@gmail.com');
    expect(await closeDeal(db, sam.deal.id, 'lost', 'No budget', T + 2)).toEqual({ ok: true });

    const lee = await person('Lee', 'lee@other.org');
    await updateBant(db, lee.deal.id, { budget: { state: 'no' } }, T);
    expect(await closeDeal(db, lee.deal.id, 'lost', 'No budget', T + 3)).toEqual({ ok: true });

    // Not counted: an open deal (with budget yes), a deleted won deal, a won deal of a contact that no longer exists.
    const open = await person('Open', 'open@bigcorp.io');
    await updateBant(db, open.deal.id, { budget: { state: 'yes' } }, T);
    const gone = await person('Gone', 'gone@bigcorp.io');
    await closeDeal(db, gone.deal.id, 'won', null, T + 4);
    await db.deals.update(gone.deal.id, { deletedAt: T + 5 });
    const ghost = await person('Ghost', 'ghost@bigcorp.io');
    await closeDeal(db, ghost.deal.id, 'won', null, T + 4);
    await db.contacts.delete(ghost.contact.id);

    const r = await conversions(db, 'en');
    expect(r.won).toBe(1);
    expect(r.lost).toBe(2);
    expect(r.rows.map((x) => x.attribute).sort()).toEqual(ATTRIBUTES);
    for (const row of r.rows) {
      expect(row.sample).toBe(3);
      expect(row.wonWith + row.wonWithout).toBe(1);
      expect(row.lostWith + row.lostWithout).toBe(2);
      expect(row.reliable).toBe(false); // far below the minimum sample
      expect(row.suggestedPoints).toBeNull();
    }
    const row = (a: string) => r.rows.find((x) => x.attribute === a)!;
    expect(row('companyDomain')).toMatchObject({ wonWith: 1, lostWith: 1, wonWithout: 0, lostWithout: 1, winRateWith: 0.5, winRateWithout: 0, lift: 0.5 });
    expect(row('freeMail')).toMatchObject({ wonWith: 0, lostWith: 1, wonWithout: 1, lostWithout: 1, winRateWith: 0, winRateWithout: 0.5 });
    expect(row('bant.budget.yes')).toMatchObject({ wonWith: 1, lostWith: 0, wonWithout: 0, lostWithout: 2, winRateWith: 1, winRateWithout: 0, lift: 1 });
    expect(row('bant.budget.no')).toMatchObject({ wonWith: 0, lostWith: 1, wonWithout: 1, lostWithout: 1 });
    expect(row('bant.need.yes')).toMatchObject({ wonWith: 0, lostWith: 0, winRateWith: null, lift: null });
  });

  it('follows a reopen: the deal no longer counts', async () => {
    const dana = await person('Dana', 'dana@bigcorp.io');
    await closeDeal(db, dana.deal.id, 'won', null, T + 1);
    expect((await conversions(db, 'en')).won).toBe(1);
    expect(await reopenDeal(db, dana.deal.id, T + 2)).toBe(true);
    expect(await conversions(db, 'en')).toEqual({ won: 0, lost: 0, rows: [] });
  });
});
