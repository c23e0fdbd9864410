import { useTestDb } from '@/test/unit/test-db';
import { SidecarDb } from '../db';
import { DEFAULT_STAGES, type Stage } from '../domain/stages';
import { createPerson } from './contacts';
import { closeDeal, moveDealStage } from './deals';
import { loadSettings, updateSettings } from './settings';
import { saveStages } from './stages';

const T = 1_790_000_000_000;
const env = { now: T, locale: 'en-US' };

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const stages = async () => (await loadSettings(db, 'en-US')).stages;
const snapshot = async () => ({
  settings: await db.settings.toArray(),
  deals: await db.deals.toArray(),
  stageChanges: await db.stageChanges.toArray(),
  activities: await db.activities.toArray(),
});
const without = (id: string) => DEFAULT_STAGES.filter((s) => s.id !== id);
const demo: Stage = { id: 'demo', name: 'Demo', color: '#123abc', phase: 'consideration', gate: null };

let n = 0;
async function dealIn(stageId: string) {
  const p = await createPerson(db, { name: `P${n}`, email: `p${n++}@bigcorp.io` }, env);
  if (stageId !== 'contact') expect((await moveDealStage(db, p.deal.id, { now: T + 1, locale: 'en', toStageId: stageId })).ok).toBe(true);
  return p.deal;
}

describe('saveStages', () => {
  it('saves a rename, a reorder and a new stage', async () => {
    const next: Stage[] = [
      { ...DEFAULT_STAGES[0]!, name: 'First touch' },
      DEFAULT_STAGES[2]!, // meeting before qualification
      DEFAULT_STAGES[1]!,
      demo,
      ...DEFAULT_STAGES.slice(3),
    ];
    expect(await saveStages(db, next, {}, { now: T + 5, locale: 'en-US' })).toEqual({ ok: true });
    expect(await stages()).toEqual(next);
    expect((await db.settings.get('app'))!.updatedAt).toBe(T + 5);
    // Moves follow the saved order.
    const deal = await dealIn('contact');
    expect(await moveDealStage(db, deal.id, { now: T + 6, locale: 'en' })).toMatchObject({ ok: true, deal: { stageId: 'meeting' } });
  });

  it('trims names and keeps the rest of the settings', async () => {
    expect((await updateSettings(db, 'en-US', () => ({ currency: 'EUR' }), T)).ok).toBe(true);
    const next = [{ ...DEFAULT_STAGES[0]!, name: '  Lead  ' }, ...DEFAULT_STAGES.slice(1)];
    expect(await saveStages(db, next, {}, env)).toEqual({ ok: true });
    expect((await stages())[0]!.name).toBe('Lead');
    expect((await loadSettings(db, 'en-US')).currency).toBe('EUR');
  });

  it.each<[string, unknown, string]>([
    ['an empty list', [], 'a pipeline needs at least one stage'],
    ['duplicate names, case-insensitive', [demo, { ...demo, id: 'demo2', name: ' dEMO ' }], 'duplicate stage name'],
    ["a name clashing with a built-in's id", [...DEFAULT_STAGES, { ...demo, name: 'Meeting' }], 'duplicate stage name'],
    ['duplicate ids', [demo, { ...demo, name: 'Other' }], 'duplicate stage id demo'],
    ['a bad colour', [{ ...demo, color: 'red' }], 'color'],
    ['a short colour', [{ ...demo, color: '#fff' }], 'color'],
    ['an empty name', [{ ...demo, name: '   ' }], 'name'],
    ['not a list', { stages: [] }, ''],
  ])('refuses %s with issues and stores nothing', async (_label, input, issue) => {
    const before = await snapshot();
    const r = await saveStages(db, input, {}, env);
    expect(r.ok).toBe(false);
    expect('issues' in r && r.issues.length).toBeGreaterThan(0);
    if ('issues' in r) expect(r.issues.join('\n')).toContain(issue);
    expect(await snapshot()).toEqual(before);
    expect(await db.settings.count()).toBe(0);
    expect(await stages()).toEqual(DEFAULT_STAGES);
  });

  it('refuses to remove a stage holding deals without a move, changing nothing', async () => {
    await dealIn('meeting');
    await dealIn('meeting');
    await dealIn('proposal');
    const deleted = await dealIn('qualification');
    await db.deals.update(deleted.id, { deletedAt: T + 2 }); // tombstones do not count
    const before = await snapshot();

    expect(await saveStages(db, without('meeting'), {}, env)).toEqual({ ok: false, needsMove: [{ stageId: 'meeting', deals: 2 }] });
    expect(
      await saveStages(
        db,
        DEFAULT_STAGES.filter((s) => !['meeting', 'proposal', 'qualification'].includes(s.id)),
        { meeting: 'closing' }, // proposal has no move; qualification holds only a deleted deal
        env,
      ),
    ).toEqual({ ok: false, needsMove: [{ stageId: 'proposal', deals: 1 }] });
    // A move to a stage that is itself removed, or unknown, is no move.
    expect(await saveStages(db, without('meeting'), { meeting: 'nowhere' }, env)).toEqual({ ok: false, needsMove: [{ stageId: 'meeting', deals: 2 }] });
    expect(await snapshot()).toEqual(before);
  });

  it('removes an empty stage without any move', async () => {
    await dealIn('meeting');
    const before = await snapshot();
    expect(await saveStages(db, without('retention'), {}, { now: T + 9, locale: 'en-US' })).toEqual({ ok: true });
    expect((await stages()).map((s) => s.id)).toEqual(['contact', 'qualification', 'meeting', 'proposal', 'closing']);
    const after = await snapshot();
    expect(after.deals).toEqual(before.deals);
    expect(after.stageChanges).toEqual(before.stageChanges);
    expect(after.activities).toEqual(before.activities);
  });

  it('with a move, moves the deals, records history with reason "stage removed" and stage_change activities', async () => {
    const open = await dealIn('meeting');
    const won = await dealIn('meeting');
    expect(await closeDeal(db, won.id, 'won', null, T + 3)).toEqual({ ok: true });
    const other = await dealIn('proposal');
    const otherBefore = await db.deals.get(other.id);
    const changesBefore = await db.stageChanges.count();
    const activitiesBefore = await db.activities.count();
    const NOW = T + 100;

    expect(await saveStages(db, without('meeting'), { meeting: 'proposal' }, { now: NOW, locale: 'en-US' })).toEqual({ ok: true });
    expect((await stages()).map((s) => s.id)).not.toContain('meeting');

    expect(await db.deals.get(open.id)).toMatchObject({ stageId: 'proposal', status: 'open', stageEnteredAt: NOW, updatedAt: NOW });
    // A closed deal keeps when it entered its stage, but points at a live stage.
    expect(await db.deals.get(won.id)).toMatchObject({ stageId: 'proposal', status: 'won', stageEnteredAt: T + 1, updatedAt: NOW });
    expect(await db.deals.get(other.id)).toEqual(otherBefore);

    const changes = await db.stageChanges.where('at').equals(NOW).toArray();
    expect(changes.map((c) => ({ dealId: c.dealId, from: c.fromStageId, to: c.toStageId, status: c.status, reason: c.reason })).sort((a, b) => (a.dealId < b.dealId ? -1 : 1))).toEqual(
      [
        { dealId: open.id, from: 'meeting', to: 'proposal', status: 'open', reason: 'stage removed' },
        { dealId: won.id, from: 'meeting', to: 'proposal', status: 'won', reason: 'stage removed' },
      ].sort((a, b) => (a.dealId < b.dealId ? -1 : 1)),
    );
    expect(await db.stageChanges.count()).toBe(changesBefore + 2);

    const acts = await db.activities.filter((a) => a.at === NOW).toArray();
    expect(acts).toHaveLength(2);
    for (const a of acts) expect(a).toMatchObject({ kind: 'stage_change', direction: 'none', channel: 'crm', text: 'meeting→proposal', createdAt: NOW });
    expect(acts.map((a) => a.dealId).sort()).toEqual([open.id, won.id].sort());
    expect(acts.map((a) => a.contactId).sort()).toEqual([open.contactId, won.contactId].sort());
    expect(await db.activities.count()).toBe(activitiesBefore + 2);
  });
});
