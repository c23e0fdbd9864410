import { useTestDb } from '@/test/unit/test-db';
import { SidecarDb } from '../db';
import { createPerson } from './contacts';
import { moveDealStage } from './deals';

const T = 1_790_000_000_000;
const env = { now: T, locale: 'en-US' };

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const newDeal = async () => (await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env)).deal;
const snapshot = async () => ({
  deals: await db.deals.toArray(),
  stageChanges: await db.stageChanges.toArray(),
  activities: await db.activities.toArray(),
});

describe('moveDealStage', () => {
  it('advances one step and records the change and a stage_change activity', async () => {
    const deal = await newDeal();
    const r = await moveDealStage(db, deal.id, { now: T + 1000, locale: 'en', reason: 'budget confirmed' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.deal).toMatchObject({ id: deal.id, stageId: 'qualification', stageEnteredAt: T + 1000, updatedAt: T + 1000, status: 'open' });
    expect(await db.deals.get(deal.id)).toEqual(r.deal);

    const changes = (await db.stageChanges.where('dealId').equals(deal.id).sortBy('at'))!;
    expect(changes).toHaveLength(2);
    expect(changes[1]).toMatchObject({ fromStageId: 'contact', toStageId: 'qualification', at: T + 1000, status: 'open', reason: 'budget confirmed' });

    const acts = await db.activities.toArray();
    expect(acts).toHaveLength(1);
    expect(acts[0]).toMatchObject({ kind: 'stage_change', contactId: deal.contactId, dealId: deal.id, at: T + 1000, direction: 'none', channel: 'crm' });
    expect(acts[0]!.text).toContain('contact');
    expect(acts[0]!.text).toContain('qualification');
  });

  it('walks the whole pipeline, then refuses at the last stage without writing', async () => {
    const deal = await newDeal();
    const seen: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const r = await moveDealStage(db, deal.id, { now: T + i, locale: 'en' });
      expect(r.ok).toBe(true);
      if (r.ok) seen.push(r.deal.stageId);
    }
    expect(seen).toEqual(['qualification', 'meeting', 'proposal', 'closing', 'retention']);
    const before = await snapshot();
    expect(await moveDealStage(db, deal.id, { now: T + 99, locale: 'en' })).toEqual({ ok: false, reason: 'last_stage' });
    expect(await snapshot()).toEqual(before);
    expect(before.stageChanges).toHaveLength(6);
  });

  it('returns not_found for an unknown or deleted deal', async () => {
    expect(await moveDealStage(db, 'nope', env)).toEqual({ ok: false, reason: 'not_found' });
    const deal = await newDeal();
    await db.deals.update(deal.id, { deletedAt: T });
    const before = await snapshot();
    expect(await moveDealStage(db, deal.id, env)).toEqual({ ok: false, reason: 'not_found' });
    expect(await snapshot()).toEqual(before);
  });

  it('moves to an explicit stage', async () => {
    const deal = await newDeal();
    const r = await moveDealStage(db, deal.id, { now: T + 5, locale: 'en', toStageId: 'proposal' });
    expect(r.ok && r.deal.stageId).toBe('proposal');
    expect((await db.deals.get(deal.id))!.stageId).toBe('proposal');
    const last = (await db.stageChanges.where('dealId').equals(deal.id).sortBy('at')).at(-1)!;
    expect(last).toMatchObject({ fromStageId: 'contact', toStageId: 'proposal', at: T + 5 });
    // and back again: explicit moves may go backwards
    const back = await moveDealStage(db, deal.id, { now: T + 6, locale: 'en', toStageId: 'qualification' });
    expect(back.ok && back.deal.stageId).toBe('qualification');
    expect(await db.stageChanges.count()).toBe(3);
  });

  it('rejects an unknown target stage and writes nothing', async () => {
    const deal = await newDeal();
    const before = await snapshot();
    expect(await moveDealStage(db, deal.id, { now: T + 5, locale: 'en', toStageId: 'negotiation' })).toEqual({ ok: false, reason: 'unknown_stage' });
    expect(await snapshot()).toEqual(before);
  });

  it.each(['won', 'lost'] as const)('refuses a %s deal (not_open) and writes nothing', async (status) => {
    const deal = await newDeal();
    await db.deals.update(deal.id, { status, closedAt: T });
    const before = await snapshot();
    expect(await moveDealStage(db, deal.id, { now: T + 5, locale: 'en' })).toEqual({ ok: false, reason: 'not_open' });
    expect(await moveDealStage(db, deal.id, { now: T + 5, locale: 'en', toStageId: 'meeting' })).toEqual({ ok: false, reason: 'not_open' });
    expect(await snapshot()).toEqual(before);
  });

  it('follows a renamed/reordered pipeline from settings', async () => {
    const deal = await newDeal();
    await db.settings.put({
      key: 'app',
      value: {
        stages: [
          { id: 'contact', name: 'First touch', color: '#000000', phase: null },
          { id: 'demo', name: 'Demo', color: '#111111', phase: null },
        ],
      },
      updatedAt: T,
    });
    const r = await moveDealStage(db, deal.id, { now: T + 1, locale: 'en' });
    expect(r.ok && r.deal.stageId).toBe('demo');
    expect(await moveDealStage(db, deal.id, { now: T + 2, locale: 'en' })).toEqual({ ok: false, reason: 'last_stage' });
  });
});
