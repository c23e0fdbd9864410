import { useTestDb } from '@/test/unit/test-db';
import type { SidecarDb } from '../db';
import { DEFAULT_STAGES } from '../domain/stages';
import { moveDeals } from './bulk-stage';
import { createPerson } from './contacts';
import { updateBant } from './deals';
import { updateSettings } from './settings';

const T = 1_790_000_000_000;
const env = { now: T, locale: 'en-US' };
let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

const person = async (name: string) => (await createPerson(db, { name, email: `${name.toLowerCase()}@bigcorp.io` }, env)).deal;

describe('moveDeals (bulk stage change)', () => {
  it('moves each deal through the sidebar’s service: history and activity per deal; a gate stops only the deals it applies to', async () => {
    const gated = DEFAULT_STAGES.map((s) => (s.id === 'meeting' ? { ...s, gate: { requires: ['need' as const] } } : s));
    expect((await updateSettings(db, 'en', () => ({ stages: gated }), T)).ok).toBe(true);
    const [a, b, c] = [await person('Ana'), await person('Budi'), await person('Citra')];
    await updateBant(db, b.id, { need: { state: 'yes' } }, T);
    await updateBant(db, c.id, { need: { state: 'yes' } }, T);
    const r = await moveDeals(db, [a.id, b.id, c.id, 'missing', b.id], 'meeting', { ...env, now: T + 5 });
    expect(r.moved).toEqual([b.id, c.id]);
    expect(r.refused).toEqual([
      { dealId: a.id, reason: 'gated', stageId: 'meeting', missing: ['need'] },
      { dealId: 'missing', reason: 'not_found' },
    ]);
    expect((await db.deals.bulkGet([a.id, b.id, c.id])).map((d) => d!.stageId)).toEqual(['contact', 'meeting', 'meeting']);
    const moves = (await db.stageChanges.toArray()).filter((x) => x.fromStageId !== null);
    expect(moves.map((x) => [x.dealId, x.fromStageId, x.toStageId, x.at]).sort()).toEqual([
      [b.id, 'contact', 'meeting', T + 5],
      [c.id, 'contact', 'meeting', T + 5],
    ].sort());
    expect((await db.activities.toArray()).filter((x) => x.kind === 'stage_change')).toHaveLength(2);
  });

  it('closes as won, or as lost with the one reason asked for; lost without a reason is refused', async () => {
    const [a, b] = [await person('Ana'), await person('Budi')];
    expect(await moveDeals(db, [a.id, b.id], 'lost', env)).toEqual({ moved: [], refused: [{ dealId: a.id, reason: 'reason_required' }, { dealId: b.id, reason: 'reason_required' }] });
    expect((await moveDeals(db, [a.id], 'lost', { ...env, reason: 'No budget' })).moved).toEqual([a.id]);
    expect((await moveDeals(db, [a.id, b.id], 'won', env))).toEqual({ moved: [b.id], refused: [{ dealId: a.id, reason: 'not_open' }] });
    expect((await db.deals.bulkGet([a.id, b.id])).map((d) => [d!.status, d!.lostReason])).toEqual([
      ['lost', 'No budget'],
      ['won', null],
    ]);
  });
});
