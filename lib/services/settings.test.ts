import { useTestDb } from '@/test/unit/test-db';
import { SidecarDb } from '../db';
import { defaultSettings } from '../domain/settings';
import { DEFAULT_STAGES } from '../domain/stages';
import { loadSettings, rememberMyAddress, updateSettings } from './settings';

const T = 1_790_000_000_000;

let db: SidecarDb;
useTestDb((fresh) => (db = fresh));

describe('loadSettings', () => {
  it('returns the defaults for the locale when nothing is stored, without writing', async () => {
    expect(await loadSettings(db, 'en-US')).toEqual(defaultSettings('en-US'));
    const id = await loadSettings(db, 'id-ID');
    expect(id.currency).toBe('IDR');
    expect(id.stages.map((s) => s.id)).toEqual(DEFAULT_STAGES.map((s) => s.id));
    expect(id).toMatchObject({ version: 1, language: 'auto', myAddresses: [], sidePanel: false, autoLogLinkedInMessages: true });
    expect(await db.settings.count()).toBe(0);
  });

  it('repairs a bad stored field without losing the good ones', async () => {
    await db.settings.put({ key: 'app', value: { currency: 'euro', language: 'id', sidePanel: true }, updatedAt: 1 });
    const s = await loadSettings(db, 'en-US');
    expect(s).toMatchObject({ currency: 'USD', language: 'id', sidePanel: true });
  });
});

describe('updateSettings', () => {
  it('stores a valid patch and returns the whole settings', async () => {
    const r = await updateSettings(db, 'en-US', () => ({ currency: 'EUR', language: 'id' }), T);
    expect(r).toEqual({ ok: true, settings: { ...defaultSettings('en-US'), currency: 'EUR', language: 'id' } });
    const row = await db.settings.get('app');
    expect(row).toEqual({ key: 'app', value: { ...defaultSettings('en-US'), currency: 'EUR', language: 'id' }, updatedAt: T });
    expect((await loadSettings(db, 'en-US')).currency).toBe('EUR');
  });

  it('passes the current settings to the patch', async () => {
    await updateSettings(db, 'en-US', () => ({ myAddresses: ['a@x.io'] }), T);
    await updateSettings(db, 'en-US', (s) => ({ myAddresses: [...s.myAddresses, 'b@x.io'] }), T + 1);
    expect((await loadSettings(db, 'en-US')).myAddresses).toEqual(['a@x.io', 'b@x.io']);
  });

  const dup = [DEFAULT_STAGES[0]!, { ...DEFAULT_STAGES[1]!, id: DEFAULT_STAGES[0]!.id }];
  it.each([
    ['duplicate stage ids', { stages: dup }, 'stages'],
    ['a lower-case currency', { currency: 'usd' }, 'currency'],
    ['empty stages', { stages: [] }, 'stages'],
    ['a bad stage colour', { stages: [{ ...DEFAULT_STAGES[0]!, color: 'red' }] }, 'stages'],
    ['a bad address', { myAddresses: ['not-an-address'] }, 'myAddresses'],
    ['a wrong version', { version: 2 as 1 }, 'version'],
    ['an unknown language', { language: 'fr' as 'en' }, 'language'],
  ])('rejects %s and stores nothing', async (_label, patch, path) => {
    const r = await updateSettings(db, 'en-US', () => patch, T);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.length).toBeGreaterThan(0);
    expect(r.issues.some((i) => i.startsWith(path))).toBe(true);
    expect(await db.settings.count()).toBe(0);
  });

  it('keeps the previously stored settings when a later patch is invalid', async () => {
    await updateSettings(db, 'en-US', () => ({ currency: 'JPY' }), T);
    const before = await db.settings.get('app');
    expect((await updateSettings(db, 'en-US', () => ({ currency: 'JPY', stages: [] }), T + 1)).ok).toBe(false);
    expect(await db.settings.get('app')).toEqual(before);
  });
});

describe('rememberMyAddress', () => {
  it('the first account seen is the rep\'s own; later ones are only proposed, newest first', async () => {
    await rememberMyAddress(db, 'en-US', 'rep@acme.com', T);
    await rememberMyAddress(db, 'en-US', 'rep@acme.com', T + 1);
    await rememberMyAddress(db, 'en-US', 'rep2@acme.com', T + 2);
    await rememberMyAddress(db, 'en-US', 'rep2@acme.com', T + 3);
    const s = await loadSettings(db, 'en-US');
    expect(s.myAddresses).toEqual(['rep@acme.com']);
    expect(s.proposedAddresses).toEqual(['rep2@acme.com']);
    expect((await db.settings.get('app'))!.updatedAt).toBe(T + 2);
  });

  it('does not write when the address is already known', async () => {
    await rememberMyAddress(db, 'en-US', 'rep@acme.com', T);
    await rememberMyAddress(db, 'en-US', 'rep@acme.com', T + 50);
    expect((await db.settings.get('app'))!.updatedAt).toBe(T);
  });

  it('a page reporting 25 accounts (a script rewriting the title) cannot push the rep\'s own address out', async () => {
    await rememberMyAddress(db, 'en-US', 'rep@acme.com', T);
    for (let i = 0; i < 25; i++) await rememberMyAddress(db, 'en-US', `fake${i}@evil.example`, T + i + 1);
    const s = await loadSettings(db, 'en-US');
    expect(s.myAddresses).toEqual(['rep@acme.com']);
    expect(s.proposedAddresses).toHaveLength(20);
    expect(s.proposedAddresses[0]).toBe('fake24@evil.example');
  });

  // rememberMyAddress checks `includes` outside the write transaction, and the patch it hands to
  // updateSettings prepends unconditionally. Two Gmail tabs reporting the same account at once
  // (both cs/context handlers run concurrently in the background) store the address twice.
  it('adds an address once even when called concurrently', async () => {
    await Promise.all([rememberMyAddress(db, 'en-US', 'rep@acme.com', T), rememberMyAddress(db, 'en-US', 'rep@acme.com', T)]);
    expect((await loadSettings(db, 'en-US')).myAddresses).toEqual(['rep@acme.com']);
  });
});
