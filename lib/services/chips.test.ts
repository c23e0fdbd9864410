import { useTestDb } from '@/test/unit/test-db';
import { SidecarDb } from '../db';
import { DEFAULT_STAGES } from '../domain/stages';
import { LANGUAGES, type Language } from '../i18n';
import { ChipCache, stageChipsFor } from './chips';
import { createPerson } from './contacts';
import { moveDealStage } from './deals';
import { updateSettings } from './settings';

const T = 1_790_000_000_000;
const env = { now: T, locale: 'en-US' };
const lang = (l: Language) => ({ locale: 'en-US', language: () => l });

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

async function qualifiedDana() {
  const d = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
  const r = await moveDealStage(db, d.deal.id, { now: T + 1, locale: 'en' });
  expect(r.ok).toBe(true);
  return d;
}

describe('stageChipsFor', () => {
  it('labels a built-in stage in the UI language', async () => {
    await qualifiedDana();
    const color = DEFAULT_STAGES.find((s) => s.id === 'qualification')!.color;
    expect(await stageChipsFor(db, ['dana@bigcorp.io'], lang('en'))).toEqual({ 'dana@bigcorp.io': { label: 'Qualification', color } });
    expect(await stageChipsFor(db, ['dana@bigcorp.io'], lang('id'))).toEqual({ 'dana@bigcorp.io': { label: 'Kualifikasi', color } });
  });

  it('passes the stored language setting to the resolver', async () => {
    await qualifiedDana();
    await updateSettings(db, 'en-US', () => ({ language: 'id' }), T);
    const seen: string[] = [];
    const chips = await stageChipsFor(db, ['dana@bigcorp.io'], {
      locale: 'en-US',
      language: (s) => (seen.push(s), s === 'auto' ? 'en' : s),
    });
    expect(seen).toEqual(['id']);
    expect(chips['dana@bigcorp.io']!.label).toBe('Kualifikasi');
  });

  it("uses a renamed stage's own name and colour", async () => {
    await qualifiedDana();
    await updateSettings(
      db,
      'en-US',
      (s) => ({ stages: s.stages.map((st) => (st.id === 'qualification' ? { ...st, name: 'Discovery call', color: '#123456' } : st)) }),
      T,
    );
    for (const l of LANGUAGES) {
      expect(await stageChipsFor(db, ['dana@bigcorp.io'], lang(l))).toEqual({ 'dana@bigcorp.io': { label: 'Discovery call', color: '#123456' } });
    }
  });

  it('labels won and lost deals', async () => {
    const d = await createPerson(db, { name: 'Dana', email: 'dana@bigcorp.io' }, env);
    const s = await createPerson(db, { name: 'Sam', email: 'sam@other.io' }, env);
    await db.deals.update(d.deal.id, { status: 'won' });
    await db.deals.update(s.deal.id, { status: 'lost' });
    const en = await stageChipsFor(db, ['dana@bigcorp.io', 'sam@other.io'], lang('en'));
    expect(en).toEqual({ 'dana@bigcorp.io': { label: 'Won', color: '#15803d' }, 'sam@other.io': { label: 'Lost', color: '#b91c1c' } });
    const id = await stageChipsFor(db, ['dana@bigcorp.io', 'sam@other.io'], lang('id'));
    expect([id['dana@bigcorp.io']!.label, id['sam@other.io']!.label]).toEqual(['Menang', 'Kalah']);
  });

  it('gives no chip to unknown addresses, contacts without a deal, or deals at a removed stage', async () => {
    const d = await qualifiedDana();
    await db.contacts.add({
      id: 'c-nodeal', createdAt: 1, updatedAt: 1, deletedAt: null, name: 'X', emails: ['x@x.io'],
      title: null, headline: null, location: null, companyId: null, linkedinUrl: null, photoUrl: null,
    });
    expect(await stageChipsFor(db, ['nobody@x.io', 'x@x.io'], lang('en'))).toEqual({});
    await db.deals.update(d.deal.id, { stageId: 'gone' });
    expect(await stageChipsFor(db, ['dana@bigcorp.io'], lang('en'))).toEqual({});
    expect(await stageChipsFor(db, [], lang('en'))).toEqual({});
  });
});

describe('ChipCache', () => {
  const chip = (label: string) => ({ label, color: '#000000' });

  it('asks only for addresses it has not seen, remembering who has no chip too', async () => {
    const cache = new ChipCache();
    const asked: string[][] = [];
    const resolve = async (missing: string[]) => {
      asked.push(missing);
      return Object.fromEntries(missing.filter((e) => e.startsWith('a')).map((e) => [e, chip(e)]));
    };
    expect(await cache.get(['a@x.io', 'b@x.io'], resolve)).toEqual({ 'a@x.io': chip('a@x.io') });
    expect(await cache.get(['a@x.io', 'b@x.io', 'a2@x.io', 'a2@x.io'], resolve)).toEqual({ 'a@x.io': chip('a@x.io'), 'a2@x.io': chip('a2@x.io') });
    expect(asked).toEqual([['a@x.io', 'b@x.io'], ['a2@x.io']]);
    cache.clear();
    await cache.get(['a@x.io'], resolve);
    expect(asked).toHaveLength(3);
  });

  it('does not keep an answer read before a clear (a write landed meanwhile)', async () => {
    const cache = new ChipCache();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const stale = cache.get(['a@x.io'], async () => {
      await gate;
      return { 'a@x.io': chip('old') };
    });
    cache.clear();
    release();
    expect(await stale).toEqual({ 'a@x.io': chip('old') }); // that caller gets what was read
    expect(await cache.get(['a@x.io'], async () => ({ 'a@x.io': chip('new') }))).toEqual({ 'a@x.io': chip('new') });
  });

  it('starts over past its size limit', async () => {
    const cache = new ChipCache(2);
    let calls = 0;
    const resolve = async (missing: string[]) => {
      calls += missing.length;
      return {};
    };
    await cache.get(['a', 'b'], resolve);
    await cache.get(['c'], resolve);
    await cache.get(['a', 'b', 'c'], resolve);
    expect(calls).toBe(5);
  });
});
