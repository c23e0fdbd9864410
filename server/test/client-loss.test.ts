import 'fake-indexeddb/auto';
import type { DBCore, Middleware } from 'dexie';
import fc from 'fast-check';
import type { Contact } from '../../lib/domain/records';
import { createPerson } from '../../lib/services/contacts';
import { updateDeal } from '../../lib/services/deals';
import { purgeTeam } from '../admin';
import { pairedBrowsers, type Browser } from './client-harness';
import { DATABASES, makeApp, openEnv, realNow, type Env } from './harness';

const env0 = { locale: 'en-US' };

async function expectSame(a: Browser, b: Browser): Promise<void> {
  expect(await b.records()).toEqual(await a.records());
}

const contactRow = (i: number, name: string): Contact => ({
  id: `C${String(i).padStart(5, '0')}`,
  createdAt: 1_790_000_000_000,
  updatedAt: 1_790_000_000_000,
  deletedAt: null,
  name,
  emails: [`p${i}@example.com`],
  title: null,
  headline: null,
  location: null,
  companyId: null,
  linkedinUrl: null,
  photoUrl: null,
});

/** Storage that fails on demand, the way IndexedDB does when the disk is full or a transaction is aborted. */
function faults() {
  const plan: { table: string; type?: string; error: string; times: number }[] = [];
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'faults',
    create(down) {
      return {
        ...down,
        table(name) {
          const t = down.table(name);
          return {
            ...t,
            mutate(req) {
              const f = plan.find((p) => p.table === name && (!p.type || p.type === req.type) && p.times > 0);
              if (f) {
                f.times--;
                return Promise.reject(new DOMException(`injected ${f.error}`, f.error));
              }
              return t.mutate(req);
            },
          };
        },
      };
    },
  };
  return { plan, middleware };
}

describe.each(DATABASES)('no data loss, sync client against the server on $name', (kind) => {
  let env: Env;
  let app: ReturnType<typeof makeApp>['app'];
  beforeAll(async () => {
    env = await openEnv(kind);
    app = makeApp(env.db).app;
  });
  afterAll(() => env?.close());

  it('(5) three offline browsers: edits to different fields all survive, one field has one winner everywhere, the states end identical (property)', async () => {
    const FIELDS = ['title', 'valueMinor', 'expectedCloseAt'] as const;
    const edit = fc.record({ browser: fc.integer({ min: 0, max: 2 }), deal: fc.integer({ min: 0, max: 1 }), field: fc.constantFrom(...FIELDS), value: fc.integer({ min: 1, max: 9 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 8 }), fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }), async (edits, order) => {
        const { browsers, link } = await pairedBrowsers(env.db, app, 3);
        const dealIds: string[] = [];
        for (const email of ['a@one.com', 'b@two.com']) dealIds.push((await createPerson(browsers[0]!.db, { name: email, email }, { ...env0, now: Date.now() })).deal.id);
        for (const b of [...browsers, ...browsers]) await b.syncUntilDone();
        link.offline = true;
        for (const e of edits) {
          const v = e.field === 'title' ? `t${e.value}` : e.field === 'valueMinor' ? e.value * 100 : 1_800_000_000_000 + e.value;
          await updateDeal(browsers[e.browser]!.db, dealIds[e.deal]!, { [e.field]: v }, Date.now());
        }
        // The winner of each field: the change with the latest stamp, wherever it was made.
        const winners = new Map<string, { s: string; v: unknown }>();
        for (const b of browsers)
          for (const o of await b.db.outbox.toArray())
            for (const [f, v] of Object.entries(o.f)) if (f !== 'updatedAt' && (winners.get(`${o.id}.${f}`)?.s ?? '') < o.s) winners.set(`${o.id}.${f}`, { s: o.s, v });
        link.offline = false;
        for (const i of [...order, ...order]) await browsers[i]!.syncUntilDone();
        await expectSame(browsers[0]!, browsers[1]!);
        await expectSame(browsers[0]!, browsers[2]!);
        for (const [key, w] of winners) {
          const [id, f] = key.split('.') as [string, string];
          expect([key, ((await browsers[1]!.db.deals.get(id)) as Record<string, unknown>)[f]]).toEqual([key, w.v]);
        }
        for (const b of browsers) await b.close();
      }),
      { numRuns: 4 },
    );
  });

  it('(6) delete versus edit, then tombstone clean-up: the stale browser re-syncs fully and keeps its unsent changes', async () => {
    const { browsers, link, teamId } = await pairedBrowsers(env.db, app, 2);
    const [a, c] = browsers as [Browser, Browser];
    const d1 = await createPerson(a.db, { name: 'One', email: 'one@acme.com' }, { ...env0, now: Date.now() });
    const d2 = await createPerson(a.db, { name: 'Two', email: 'two@acme.com' }, { ...env0, now: Date.now() });
    await a.syncUntilDone();
    await c.syncUntilDone();
    // c goes offline and edits; meanwhile a deletes deal 1, and the server cleans up its tombstone.
    link.offline = true;
    await updateDeal(c.db, d1.deal.id, { title: 'edited while deleted' }, Date.now());
    await updateDeal(c.db, d2.deal.id, { valueMinor: 777 }, Date.now());
    const d3 = await createPerson(c.db, { name: 'Three', email: 'three@other.com' }, { ...env0, now: Date.now() });
    link.offline = false;
    await a.db.deals.update(d1.deal.id, { deletedAt: Date.now(), updatedAt: Date.now() });
    await a.syncUntilDone();
    expect(await purgeTeam(env.db, teamId, 0)).toBeGreaterThan(0);
    await c.syncUntilDone();
    await a.syncUntilDone();
    // The deleted deal is gone (a keeps its own tombstone; c, which never saw it, drops the deal in its full re-sync);
    // every other change of c's is everywhere.
    expect((await a.db.deals.get(d1.deal.id))?.deletedAt).not.toBeNull();
    expect(await c.db.deals.get(d1.deal.id)).toBeUndefined();
    for (const x of [a, c]) {
      expect((await x.db.deals.get(d2.deal.id))?.valueMinor).toBe(777);
      expect((await x.db.deals.get(d3.deal.id))?.title).toBe('Other');
    }
    // The clean-up also took the deleted deal's stage history (it goes with the deal): c never gets it back, a keeps
    // its copy beside its tombstone, and nothing counts history of a deleted deal. Compared: what is live.
    const live = async (x: Browser) => {
      const all = (await x.records()) as Record<string, { id?: string; dealId?: string; deletedAt?: number | null }[]>;
      const liveDeals = new Set(all.deals!.filter((d) => d.deletedAt == null).map((d) => d.id));
      return Object.fromEntries(
        Object.entries(all).map(([t, rows]) => [t, rows.filter((r) => r.deletedAt == null && (t !== 'stageChanges' || liveDeals.has(r.dealId)))]),
      );
    };
    expect(await live(c)).toEqual(await live(a));
    expect((await c.state())?.resync).toBe(false);
  });

  it('(7) clock skew: a browser two days ahead is refused, takes the server\'s time and gets through; one a day behind still wins with an edit made after a pull', async () => {
    const { browsers } = await pairedBrowsers(env.db, app, 2);
    const [fast, slow] = browsers as [Browser, Browser];
    const spy = vi.spyOn(Date, 'now');
    try {
      spy.mockImplementation(() => realNow() + 2 * 86_400_000);
      const p = await createPerson(fast.db, { name: 'Fast', email: 'fast@acme.com' }, { ...env0, now: Date.now() });
      await fast.syncUntilDone();
      expect((await fast.state())!.clockOffset).toBeLessThan(-86_400_000);
      await updateDeal(fast.db, p.deal.id, { title: 'from the fast clock' }, Date.now());
      await fast.syncUntilDone();
      spy.mockImplementation(() => realNow() - 86_400_000);
      await slow.syncUntilDone();
      expect((await slow.db.deals.get(p.deal.id))?.title).toBe('from the fast clock');
      // Its wall clock says yesterday, but its edit comes after what it saw.
      await updateDeal(slow.db, p.deal.id, { title: 'from the slow clock' }, Date.now());
      await slow.syncUntilDone();
      spy.mockImplementation(() => realNow() + 2 * 86_400_000);
      await fast.syncUntilDone();
      expect((await fast.db.deals.get(p.deal.id))?.title).toBe('from the slow clock');
      await expectSame(fast, slow);
    } finally {
      spy.mockRestore();
    }
  });

  it('(8) 10,000 offline changes with restarts in between, pushed and pulled through pages that cut through versions: nothing skipped or repeated', async () => {
    const { browsers, link } = await pairedBrowsers(env.db, app, 2, { limits: { changes: 700, bytes: 1_000_000 }, pullLimit: 333 });
    const [a, b] = browsers as [Browser, Browser];
    link.offline = true;
    const N = 2000;
    await a.db.contacts.bulkAdd(Array.from({ length: N }, (_, i) => contactRow(i, `n${i}`)));
    for (let round = 1; round <= 4; round++) {
      a.restart();
      await a.db.contacts.bulkPut(Array.from({ length: N }, (_, i) => contactRow(i, `n${i} r${round}`)));
    }
    expect(await a.db.outbox.count()).toBe(5 * N);
    link.offline = false;
    // Killed after every third acknowledgement is received (before it is stored), restarted each time.
    let acks = 0;
    const crashy = { limits: { changes: 700, bytes: 1_000_000 }, pullLimit: 333, step: (s: string) => { if (s === 'ack' && ++acks % 3 === 0) throw new Error('killed'); } };
    a.restart(crashy);
    for (let i = 0; i < 40 && !(await a.client.sync().then((r) => r.ok, () => false)); i++) a.restart(crashy);
    expect(await a.db.outbox.count()).toBe(0);
    let pages = 0;
    const crashyPull = { pullLimit: 333, step: (s: string) => { if (s === 'apply' && ++pages % 4 === 0) throw new Error('killed'); } };
    b.restart(crashyPull);
    for (let i = 0; i < 60 && !(await b.client.sync().then((r) => r.ok, () => false)); i++) b.restart(crashyPull);
    const got = await b.db.contacts.toArray();
    expect(got.length).toBe(N);
    expect(got.every((c) => c.name.endsWith(' r4'))).toBe(true);
    await expectSame(a, b);
  }, 300_000);

  it('(9) storage errors (quota, abort) on the client: nothing half-applied, and sync recovers', async () => {
    const f = faults();
    const { browsers } = await pairedBrowsers(env.db, app, 2, { pullLimit: 4 }, [f.middleware]);
    const [a, b] = browsers as [Browser, Browser];
    for (const n of ['one', 'two', 'three']) await createPerson(a.db, { name: n, email: `${n}@${n}.com` }, { ...env0, now: Date.now() });
    await a.syncUntilDone();

    // A local write that hits a full disk: neither the write nor its outbox entry remains.
    const before = await a.db.outbox.count();
    f.plan.push({ table: 'deals', type: 'add', error: 'QuotaExceededError', times: 1 });
    await expect(createPerson(a.db, { name: 'four', email: 'four@acme.com' }, { ...env0, now: Date.now() })).rejects.toThrow(/injected/);
    expect(await a.db.outbox.count()).toBe(before);
    expect(await a.db.contacts.where('emails').equals('four@acme.com').count()).toBe(0);

    // A pulled page that cannot be stored: none of it is. Pages of 4 in (version, table, id) order: 3 companies and a
    // contact, then 2 contacts and 2 deals, which fails on its deals: its contacts must not be there either.
    f.plan.push({ table: 'deals', type: 'put', error: 'QuotaExceededError', times: 1 });
    const r = await b.client.sync();
    expect(r).toMatchObject({ ok: false, failure: { code: 'local_error' } });
    expect([await b.db.companies.count(), await b.db.contacts.count(), await b.db.deals.count()]).toEqual([3, 1, 0]);

    // An acknowledgement whose storing is aborted: the batch is sent again, and applied once.
    await updateDeal(a.db, (await a.db.deals.toArray())[0]!.id, { title: 'renamed' }, Date.now());
    f.plan.push({ table: 'outbox', type: 'deleteRange', error: 'AbortError', times: 1 });
    expect((await a.client.sync()).ok).toBe(false);
    expect(await a.db.outbox.count()).toBe(1);

    await a.syncUntilDone();
    await b.syncUntilDone();
    await expectSame(a, b);
    expect((await b.db.deals.toArray()).map((d) => d.title)).toContain('renamed');
    expect(await a.db.outbox.count()).toBe(0);
  });
});
