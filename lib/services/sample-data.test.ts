import 'fake-indexeddb/auto';
import { SidecarDb } from '../db';
import { logManualActivity } from './activities';
import { createPerson } from './contacts';
import { moveDealStage } from './deals';
import { loadSample, removeSample } from './sample-data';

const NOW = 1_790_000_000_000;
const env = { now: NOW, locale: 'en-US' };

let db: SidecarDb;
beforeEach(() => {
  db = new SidecarDb('test-' + crypto.randomUUID());
});
afterEach(async () => {
  await db.delete();
});

const TABLES = ['contacts', 'companies', 'deals', 'stageChanges', 'activities', 'summaries'] as const;
async function snapshot() {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await db.table(t).toArray();
  return out;
}

const sampleContacts = () => db.contacts.where(':id').startsWith('sample-').count();

describe('sample data', () => {
  it('loads beside the rep’s own records and is removed without touching them', { timeout: 30_000 }, async () => {
    const mine = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    await logManualActivity(db, { contactId: mine.contact.id, kind: 'call', text: 'intro call' }, NOW);
    const before = await snapshot();

    expect(await sampleContacts()).toBe(0);
    await loadSample(db, { ...env, language: 'en' });
    expect(await sampleContacts()).toBe(40);
    expect(await db.contacts.count()).toBe(41);
    await loadSample(db, { ...env, language: 'en' }); // twice: still one set
    expect(await db.contacts.count()).toBe(41);

    // The rep works a sample deal: that work goes with the sample.
    const sampleDeal = (await db.deals.where(':id').startsWith('sample-').and((d) => d.status === 'open').first())!;
    expect((await moveDealStage(db, sampleDeal.id, { ...env, now: NOW + 1000, toStageId: 'retention' })).ok).toBe(true);
    await logManualActivity(db, { contactId: sampleDeal.contactId, kind: 'note', text: 'called' }, NOW + 2000);

    await removeSample(db);
    expect(await sampleContacts()).toBe(0);
    expect(await snapshot()).toEqual(before);
  });
});
