import 'fake-indexeddb/auto';
import type { DBCore, Middleware } from 'dexie';
import type { StoredSummary } from '../../lib/db';
import type { MailMessage } from '../../lib/domain/thread';
import { logThreadMessages } from '../../lib/services/activities';
import { createPerson } from '../../lib/services/contacts';
import { updateDeal } from '../../lib/services/deals';
import { factsAt } from '../../lib/domain/lead-facts';
import { recomputeNudges } from '../../lib/services/nudge-pass';
import { syncStatus } from '../../lib/sync/status';
import { createPairingCode } from '../admin';
import { loadSettings, updateSettings } from '../../lib/services/settings';
import { Browser, pairedBrowsers } from './client-harness';
import { DATABASES, makeApp, openEnv, type Env } from './harness';

const env0 = { locale: 'en-US' };
const thread = (id: string, from: string): MailMessage[] => [
  { id: `${id}-1`, from: { name: 'Dana', email: from }, recipients: [{ name: 'Me', email: 'me@sidecar.test' }], date: 1_790_000_000_000 },
  { id: `${id}-2`, from: { name: 'Me', email: 'me@sidecar.test' }, recipients: [{ name: 'Dana', email: from }], date: 1_790_000_100_000 },
];
const mine = new Set(['me@sidecar.test']);

/** The records two browsers hold must be the same. */
async function expectSame(a: Browser, b: Browser): Promise<void> {
  expect(await b.records()).toEqual(await a.records());
}

/** Every key written into the list of summaries to rebuild, as IndexedDB receives it (a middleware for a browser's database). */
function stalePuts(): { listed: string[]; count: Middleware<DBCore> } {
  const listed: string[] = [];
  const count: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'count-stale',
    create: (down) => ({
      ...down,
      table(name) {
        const t = down.table(name);
        return name !== 'summariesStale' ? t : { ...t, mutate: (req) => (req.type === 'put' && listed.push(...req.values.map((v) => String((v as { contactId: string }).contactId))), t.mutate(req)) };
      },
    }),
  };
  return { listed, count };
}

describe.each(DATABASES)('sync client against the server on $name', (kind) => {
  let env: Env;
  let app: ReturnType<typeof makeApp>['app'];
  beforeAll(async () => {
    env = await openEnv(kind);
    app = makeApp(env.db).app;
  });
  afterAll(() => env?.close());

  it('uploads what a browser had before it connected, and carries every later write to the other browser', async () => {
    const { browsers } = await pairedBrowsers(env.db, app, 2);
    const [a, b] = browsers as [Browser, Browser];
    const dana = await createPerson(a.db, { name: 'Dana', email: 'dana@bigcorp.io' }, { ...env0, now: Date.now() });
    await logThreadMessages(a.db, thread('t1', 'dana@bigcorp.io'), mine, Date.now());
    await a.syncUntilDone();
    await b.syncUntilDone();
    await expectSame(a, b);
    expect((await b.db.deals.get(dana.deal.id))?.title).toBe('Bigcorp');
    // Summaries are rebuilt from the pulled activities.
    expect((await b.db.summaries.get(dana.contact.id))?.lastInboundAt).toBe(1_790_000_000_000);
    expect(await a.db.outbox.count()).toBe(0);
    await updateDeal(b.db, dana.deal.id, { valueMinor: 500_00 }, Date.now());
    await b.syncUntilDone();
    await a.syncUntilDone();
    expect((await a.db.deals.get(dana.deal.id))?.valueMinor).toBe(500_00);
    // Pulled writes never echo back into the outbox.
    expect(await a.db.outbox.count()).toBe(0);
    const st = await a.state();
    expect(st?.lastError).toBeNull();
  });

  it("owns the deals a browser makes once paired to a user by address: the pairing's address is the rep's, when none was known", async () => {
    const { teamId, browsers } = await pairedBrowsers(env.db, app, 1);
    const [rep] = browsers as [Browser];
    // The team's pipeline, set before Kim joins: learning Kim's address does not make Kim's defaults newer than it.
    await updateSettings(rep.db, 'en-US', () => ({ currency: 'IDR' }), Date.now() - 60_000);
    await rep.syncUntilDone();
    const kim = new Browser(`browser-${process.pid}-kim`, rep.link);
    await updateSettings(kim.db, 'en-US', () => ({ currency: 'EUR' }), Date.now() - 120_000);
    const code = await createPairingCode(env.db, teamId, { email: 'Kim@Acme.example', ttlMs: 60_000 });
    expect((await kim.client.connect('http://localhost:8787', code, 'Kim’s laptop')).ok).toBe(true);
    expect((await loadSettings(kim.db, 'en-US')).myAddresses).toEqual(['kim@acme.example']);
    await kim.syncUntilDone();
    expect((await loadSettings(kim.db, 'en-US')).currency).toBe('IDR');
    const lee = await createPerson(kim.db, { name: 'Lee', linkedinUrl: 'https://www.linkedin.com/in/lee' }, { ...env0, now: Date.now() });
    expect(lee.deal.owner).toBe('kim@acme.example');
    await kim.syncUntilDone();
    await rep.syncUntilDone();
    expect((await rep.db.deals.get(lee.deal.id))?.owner).toBe('kim@acme.example');
    await kim.close();
  });

  it('"Sync now" while a run is going gets a run of its own, which brings what was pushed after that run pulled', async () => {
    const { link, browsers } = await pairedBrowsers(env.db, app, 2);
    const [a, b] = browsers as [Browser, Browser];
    await a.syncUntilDone();
    // A's run already going (an alarm's): its pull is answered, then held on the way back.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const real = link.fetch;
    let hold = true;
    link.fetch = async (input, init) => {
      const res = await real(input, init);
      if (hold && String(input).includes('/pull')) {
        hold = false;
        await gate;
      }
      return res;
    };
    a.restart();
    const going = a.client.sync();
    await new Promise((r) => setTimeout(r, 50));
    // Meanwhile B makes Dana and pushes her.
    await createPerson(b.db, { name: 'Dana', email: 'dana@bigcorp.io' }, { ...env0, now: Date.now() });
    await b.syncUntilDone();
    const now = a.client.syncFresh();
    release();
    await going;
    expect((await now).ok).toBe(true);
    expect((await a.db.contacts.toArray()).flatMap((c) => c.emails)).toContain('dana@bigcorp.io');
  });

  it('makes one contact and one activity per message of the same person logged on two browsers before they synced', async () => {
    const { browsers } = await pairedBrowsers(env.db, app, 2);
    const [a, b] = browsers as [Browser, Browser];
    for (const x of [a, b]) {
      await createPerson(x.db, { name: 'Dana', email: 'dana@bigcorp.io' }, { ...env0, now: Date.now() });
      await logThreadMessages(x.db, thread('t1', 'dana@bigcorp.io'), mine, Date.now());
    }
    for (let round = 0; round < 2; round++) for (const x of [a, b]) await x.syncUntilDone();
    await expectSame(a, b);
    const live = <T extends { deletedAt: number | null }>(rows: T[]) => rows.filter((r) => r.deletedAt === null);
    expect(live(await a.db.contacts.toArray())).toHaveLength(1);
    expect(live(await a.db.companies.toArray())).toHaveLength(1);
    const acts = live(await a.db.activities.toArray());
    expect(acts.map((x) => x.sourceId).sort()).toEqual(['t1-1', 't1-2']);
    // Both deals are kept, on the one contact.
    const contactId = live(await a.db.contacts.toArray())[0]!.id;
    expect((await a.db.deals.toArray()).map((d) => d.contactId)).toEqual([contactId, contactId]);
  });

  it("rebuilds a contact's summary from every page its activities arrived on, listing the contact once", async () => {
    const { listed, count } = stalePuts();
    const { browsers } = await pairedBrowsers(env.db, app, 2, { pullLimit: 2 }, [count]);
    const [a, b] = browsers as [Browser, Browser];
    const dana = await createPerson(a.db, { name: 'Dana', email: 'dana@bigcorp.io' }, { ...env0, now: Date.now() });
    const at = 1_790_000_000_000;
    const messages: MailMessage[] = [
      { id: 'm-1', from: { name: 'Dana', email: 'dana@bigcorp.io' }, recipients: [{ name: 'Me', email: 'me@sidecar.test' }], date: at },
      ...[1, 2, 3].map((k) => ({ id: `m-${k + 1}`, from: { name: 'Me', email: 'me@sidecar.test' }, recipients: [{ name: 'Dana', email: 'dana@bigcorp.io' }], date: at + k * 100_000 })),
    ];
    await logThreadMessages(a.db, messages, mine, Date.now());
    await a.syncUntilDone();
    // B knows people of its own, so no page of two names as many contacts as it has (that lists them all at once).
    for (const name of ['Lee', 'Kim', 'Sari']) await createPerson(b.db, { name, email: `${name.toLowerCase()}@b.test` }, { ...env0, now: Date.now() });
    // Pages of two records: Dana's four activities arrive on at least two pages, each naming her for a rebuild.
    listed.length = 0;
    await b.syncUntilDone();
    expect(listed).not.toContain('*');
    expect(listed.filter((id) => id === dana.contact.id)).toHaveLength(1);
    expect(await b.db.summariesStale.count()).toBe(0);
    const pick = (s: StoredSummary | undefined) => s && { first: s.firstOutboundAt, last: s.lastOutboundAt, inbound: s.lastInboundAt, since: s.outboundSinceInbound };
    expect(pick(await b.db.summaries.get(dana.contact.id))).toEqual({ first: at + 100_000, last: at + 300_000, inbound: at, since: 3 });
    expect(pick(await b.db.summaries.get(dana.contact.id))).toEqual(pick(await a.db.summaries.get(dana.contact.id)));
  });

  it('a first sync lists every contact for a summary rebuild with one entry, and rebuilds each as the sending browser has it', async () => {
    const { listed, count } = stalePuts();
    const { browsers } = await pairedBrowsers(env.db, app, 2, { pullLimit: 2 }, [count]);
    const [a, b] = browsers as [Browser, Browser];
    const people = [];
    for (const name of ['Ana', 'Budi', 'Citra']) {
      const email = `${name.toLowerCase()}@prospect.io`;
      people.push((await createPerson(a.db, { name, email }, { ...env0, now: Date.now() })).contact.id);
      await logThreadMessages(a.db, thread(`t-${name}`, email), mine, Date.now());
    }
    await a.syncUntilDone();
    listed.length = 0;
    await b.syncUntilDone();
    // Only the entry for all of them, written again as the rebuild moves on; no contact's own.
    expect(new Set(listed)).toEqual(new Set(['*']));
    expect(await b.db.summariesStale.count()).toBe(0);
    const pick = (s: StoredSummary | undefined) => s && { first: s.firstOutboundAt, last: s.lastOutboundAt, inbound: s.lastInboundAt, since: s.outboundSinceInbound, engagement: s.engagement };
    for (const id of people) {
      expect(pick(await b.db.summaries.get(id)), id).toBeDefined();
      expect(pick(await b.db.summaries.get(id)), id).toEqual(pick(await a.db.summaries.get(id)));
    }
  });

  it('says how many records a run has received so far, page by page, and how many the last run received', async () => {
    // Pages of two records: before each page is stored, the status tells what the pages before it brought.
    const seen: number[] = [];
    let watching: Browser | null = null;
    const step = async (s: string) => {
      if (s === 'apply' && watching) seen.push((await syncStatus(watching.db, Date.now())).received);
    };
    const { browsers } = await pairedBrowsers(env.db, app, 2, { pullLimit: 2, step });
    const [a, b] = browsers as [Browser, Browser];
    await createPerson(a.db, { name: 'Dana', email: 'dana@bigcorp.io' }, { ...env0, now: Date.now() });
    await logThreadMessages(a.db, thread('t1', 'dana@bigcorp.io'), mine, Date.now());
    await a.syncUntilDone();
    watching = b;
    const run = await b.client.sync();
    expect(run.ok).toBe(true);
    expect(run.pulled).toBeGreaterThan(4);
    expect(seen).toEqual(seen.map((_, i) => Math.min(2 * i, run.pulled)));
    expect((await syncStatus(b.db, Date.now())).received).toBe(run.pulled);
    // A run with nothing new received nothing.
    expect((await b.client.sync()).pulled).toBe(0);
    expect((await syncStatus(b.db, Date.now())).received).toBe(0);
  });

  it('marks every contact for the nudge engine once on a first sync, holding the engine meanwhile, and its pass then knows every pulled lead', async () => {
    // Every key put into the nudge engine's markers while `watching`, as IndexedDB receives it.
    const markers: string[] = [];
    let watching = false;
    const watch: Middleware<DBCore> = {
      stack: 'dbcore',
      name: 'watch-markers',
      // Below the markers' own middleware (level 10 by default), so its writes pass through here too.
      level: 1,
      create: (down) => ({
        ...down,
        table(name) {
          const t = down.table(name);
          return name !== 'factsDirty' ? t : { ...t, mutate: (req) => (watching && req.type === 'put' && markers.push(...req.values.map((v) => String((v as { key: string }).key))), t.mutate(req)) };
        },
      }),
    };
    let holds = 0;
    let held = 0;
    const heldAtApply: number[] = [];
    const hold = () => {
      holds++;
      held++;
      return () => held--;
    };
    const step = (s: string) => void (s === 'apply' && watching && heldAtApply.push(held));
    const { browsers } = await pairedBrowsers(env.db, app, 2, { pullLimit: 2, hold, step }, [watch]);
    const [a, b] = browsers as [Browser, Browser];
    const people = [];
    for (const [name, email] of [['Dana', 'dana@bigcorp.io'], ['Budi', 'budi@tokomaju.co.id'], ['Siti', 'siti@gmail.com']] as const) {
      people.push(await createPerson(a.db, { name, email }, { ...env0, now: Date.now() }));
    }
    await logThreadMessages(a.db, thread('t1', 'dana@bigcorp.io'), mine, Date.now());
    await a.syncUntilDone();
    holds = 0;

    watching = true;
    await b.syncUntilDone();
    watching = false;
    // Pages of two: the first page's contacts marked everything, and every later write renewed only that.
    expect(markers.length).toBeGreaterThan(0);
    expect(new Set(markers)).toEqual(new Set(['*']));
    expect((await b.db.factsDirty.toArray()).map((r) => r.key)).toEqual(['*']);
    // The engine waited through every page, and was let go when the run ended.
    expect(heldAtApply.length).toBeGreaterThan(3);
    expect(heldAtApply.every((h) => h === 1)).toBe(true);
    expect([holds, held]).toEqual([1, 0]);

    // The engine's pass over everything knows each pulled lead as the sending browser's own pass does.
    const now = Date.now();
    for (const x of [a, b]) await recomputeNudges(x.db, { now, locale: 'en-US' });
    const facts = async (x: Browser) => new Map((await x.db.factBuckets.toArray()).flatMap((bk) => bk.ids.map((id, i) => [id, factsAt(bk, i)] as const)));
    const [fa, fb] = [await facts(a), await facts(b)];
    expect(fb.size).toBe(3);
    for (const p of people) expect(fb.get(p.contact.id)).toEqual(fa.get(p.contact.id));
    expect(await b.db.factsDirty.count()).toBe(0);

    // A routine pull afterwards (one small page) neither holds the engine nor marks everything: just that contact.
    await updateDeal(a.db, people[1]!.deal.id, { valueMinor: 900_00 }, Date.now());
    await a.syncUntilDone();
    markers.length = 0;
    watching = true;
    await b.syncUntilDone();
    watching = false;
    expect(holds).toBe(1);
    expect(markers).toEqual([`c:${people[1]!.contact.id}`]);
  });

  it('(2) loses no acknowledged write, duplicates nothing and never moves the cursor ahead, killed at any step of a run', async () => {
    const steps = ['build', 'send', 'ack', 'pull', 'apply', 'finish', 'summaries'];
    for (const crashAt of steps) {
      // The first time at each step, and a second time where a run passes more than once (later batches, pages).
      for (const occurrence of ['ack', 'apply'].includes(crashAt) ? [1, 2] : [1]) {
        const { browsers } = await pairedBrowsers(env.db, app, 2, { pullLimit: 2, limits: { changes: 2, bytes: 1_000_000 } });
        const [a, b] = browsers as [Browser, Browser];
        await createPerson(b.db, { name: 'Budi', email: 'budi@tokomaju.co.id' }, { ...env0, now: Date.now() });
        await b.syncUntilDone();
        const dana = await createPerson(a.db, { name: 'Dana', email: 'dana@bigcorp.io' }, { ...env0, now: Date.now() });
        let seen = 0;
        a.restart({
          pullLimit: 2,
          limits: { changes: 2, bytes: 1_000_000 },
          step: (name) => {
            if (name === crashAt && ++seen === occurrence) throw new Error(`killed at ${name}`);
          },
        });
        await a.client.sync().catch((e: Error) => expect(e.message).toBe(`killed at ${crashAt}`));
        // A write between the crash and the restart.
        await updateDeal(a.db, dana.deal.id, { title: `after ${crashAt}` }, Date.now());
        a.restart({ pullLimit: 2 });
        await a.syncUntilDone();
        await b.syncUntilDone();
        await a.syncUntilDone();
        // Had a cursor got ahead of its page, Budi's records (pulled two at a time, never written again) would be missing.
        await expectSame(a, b);
        const deals = await b.db.deals.toArray();
        expect(deals.map((d) => d.title).sort()).toEqual(['Tokomaju', `after ${crashAt}`].sort());
        expect(await b.db.stageChanges.count()).toBe(2);
        expect(await a.db.outbox.count()).toBe(0);
      }
    }
  });
});
