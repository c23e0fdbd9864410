import { createApp } from '../app';
import { contact, DATABASES, makeApp, openEnv, team, testConfig, Wire, type Env } from './harness';

// PGlite has one connection, so its transactions never overlap: concurrency is PostgreSQL's to prove.
const postgres = DATABASES.filter((d) => d.name === 'postgres');

describe.skipIf(postgres.length === 0)('(4) concurrent writers on PostgreSQL', () => {
  let env: Env;
  beforeAll(async () => {
    env = await openEnv(postgres[0]!);
  });
  afterAll(() => env?.close());

  it('a pull while a push is held open sees none of it, then every version in order, none skipped', async () => {
    let reached!: () => void;
    const atCommit = new Promise<void>((r) => (reached = r));
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let holdNext = true;
    const app = createApp(env.db, testConfig(), {
      beforeCommit: async () => {
        if (!holdNext) return;
        holdNext = false;
        reached();
        await released;
      },
    });
    const wire = new Wire(app);
    const [a, b, reader] = await team(env.db, wire, 3);
    const held = wire.push(a!, [{ t: 'contacts', id: 'A1', op: 'insert', s: wire.stamp(a!), f: contact('a', []) }]);
    await atCommit;
    const queued = wire.push(b!, [{ t: 'contacts', id: 'B1', op: 'insert', s: wire.stamp(b!), f: contact('b', []) }]);
    await new Promise((r) => setTimeout(r, 200));
    const during = await wire.pullAll(reader!);
    expect(during.rows).toEqual([]);
    release();
    expect((await held).version).toBe(1);
    expect((await queued).version).toBe(2);
    const after = await wire.pullAll(reader!, during.cursor);
    expect(after.rows.map((r) => r.id)).toEqual(['A1', 'B1']);
  });

  it('many devices pushing at once while a reader pages with small pages: every record seen exactly once, versions in order', async () => {
    const { wire } = makeApp(env.db);
    const devices = await team(env.db, wire, 5);
    const writers = devices.slice(0, 4);
    const reader = devices[4]!;
    const expected = new Set<string>();
    let writing = true;
    const writes = Promise.all(
      writers.map(async (w, wi) => {
        for (let batch = 0; batch < 15; batch++) {
          const changes = Array.from({ length: 20 }, (_, i) => {
            const id = `W${wi}-${batch}-${i}`;
            expected.add(id);
            return { t: 'contacts' as const, id, op: 'insert' as const, s: wire.stamp(w), f: contact(id, []) };
          });
          await wire.push(w, changes);
        }
      }),
    ).finally(() => (writing = false));
    const seen: { id: string; v: number }[] = [];
    let cursor = '';
    const versionOf = (c: string) => Number(c.split('~')[0]);
    while (writing || seen.length < expected.size) {
      const res = await wire.pullRaw(reader, cursor, 7);
      const page = (await res.json()) as { rows: { id: string }[]; cursor: string; more: boolean };
      for (const r of page.rows) seen.push({ id: r.id, v: versionOf(page.cursor) });
      expect(versionOf(page.cursor)).toBeGreaterThanOrEqual(versionOf(cursor || '0'));
      cursor = page.cursor;
      if (!page.more && !writing) break;
    }
    await writes;
    const tail = await wire.pullAll(reader, cursor);
    seen.push(...tail.rows.map((r) => ({ id: r.id, v: 0 })));
    expect(seen.length).toBe(expected.size);
    expect(new Set(seen.map((s) => s.id))).toEqual(expected);
  });
});
