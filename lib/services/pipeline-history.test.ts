import { useTestDb } from '@/test/unit/test-db';
import type { SidecarDb } from '../db';
import { computeMetrics } from '../domain/metrics';
import { defaultSettings } from '../domain/settings';
import { createPerson } from './contacts';
import { closeDeal, moveDealStage } from './deals';
import { forgetContact } from './forget';
import { fullReads, pipelineHistory } from './pipeline-history';
import { loadSample, removeSample } from './sample-data';

const T = 1_790_000_000_000;
const env = { now: T, locale: 'en-US' };
const STAGES = defaultSettings('en-US').stages.map((s) => s.id);

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

/** The kept metrics against computeMetrics over the tables read whole, for every period. */
async function expectSameAsFromScratch() {
  const h = await pipelineHistory(db);
  const [deals, changes] = await Promise.all([db.deals.toArray(), db.stageChanges.toArray()]);
  expect([...h.deals.keys()].sort()).toEqual(deals.map((d) => d.id).sort());
  for (const period of ['month', '90d', 'year', 'all'] as const) {
    const opts = { stageOrder: STAGES, currency: 'USD', period, now: T + 5_000 };
    expect(h.metrics(opts)).toEqual(computeMetrics({ ...opts, deals, changes }));
  }
  return h;
}

describe('pipelineHistory', () => {
  it('follows writes through the services without reading everything again', async () => {
    const dana = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    const budi = await createPerson(db, { name: 'Budi', email: 'budi@contoh.co.id' }, env);
    await expectSameAsFromScratch();
    const reads = fullReads(db);
    await moveDealStage(db, dana.deal!.id, { ...env, now: T + 1000, toStageId: STAGES[1] });
    await expectSameAsFromScratch();
    await closeDeal(db, budi.deal!.id, 'lost', 'No budget', T + 2000);
    const h = await expectSameAsFromScratch();
    expect(h.metrics({ stageOrder: STAGES, currency: 'USD', period: 'all', now: T + 5_000 }).lost).toBe(1);
    await forgetContact(db, budi.contact.id, T + 3000);
    await expectSameAsFromScratch();
    expect(fullReads(db)).toBe(reads);
  });

  it('follows bulk writes and range deletes (sample data loaded, then removed)', async () => {
    await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    await expectSameAsFromScratch();
    await loadSample(db, { ...env, language: 'en' });
    expect((await expectSameAsFromScratch()).deals.size).toBeGreaterThan(10);
    await removeSample(db);
    expect((await expectSameAsFromScratch()).deals.size).toBe(1);
  });

  it('notices a write beneath Dexie (no notification) by the tables’ count and newest key', async () => {
    const dana = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    await expectSameAsFromScratch();
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(db.name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const deal = await db.deals.get(dana.deal!.id);
    await new Promise<void>((resolve, reject) => {
      const tx = raw.transaction(['deals', 'stageChanges'], 'readwrite');
      tx.objectStore('deals').put({ ...deal!, id: 'zz-raw', status: 'won', closedAt: T + 10, updatedAt: T + 10 });
      tx.objectStore('stageChanges').put({ id: 'zz-raw-sc', dealId: 'zz-raw', fromStageId: null, toStageId: STAGES[0], status: 'open', at: T, reason: null, createdAt: T });
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    raw.close();
    // The cheap check is shared for half a second while no write of ours happened: wait it out.
    await new Promise((r) => setTimeout(r, 600));
    const h = await expectSameAsFromScratch();
    expect(h.deals.has('zz-raw')).toBe(true);
  });
});
