// Bench of issue 13's client budgets, in the extension's origin with the real
// IndexedDB: the product's own SyncClient against a local sync server seeded
// by test/bench/run.mjs. A throwaway database, `sidecar-bench-sync`.

import { Dexie } from 'dexie';
import { SidecarDb } from '@/lib/db';
import { SyncClient } from '@/lib/sync/engine';

const NAME = 'sidecar-bench-sync';
let db: SidecarDb | null = null;
let client: SyncClient | null = null;
const t = () => performance.now();

async function run(onStep?: (name: string) => void) {
  client = new SyncClient(db!, { step: onStep });
  return client.sync();
}

export const sync = {
  /** Pairs a fresh database and times its first sync to the end (pages stored, summaries rebuilt). */
  async firstSync({ url, code }: { url: string; code: string }) {
    await Dexie.delete(NAME);
    db = new SidecarDb(NAME);
    const c = new SyncClient(db);
    const t0 = t();
    const paired = await c.connect(url, code, 'bench');
    if (!paired.ok) return { error: paired.failure.message };
    const t1 = t();
    let summariesAt = 0;
    // Where the pull's time goes: waiting for a page (what the prefetch did not hide) and storing pages.
    let waitMs = 0;
    let applyMs = 0;
    let pages = 0;
    let mark = 0;
    let phase = '';
    const r = await run((name) => {
      const now = t();
      if (phase === 'pull') waitMs += now - mark;
      if (phase === 'apply') applyMs += now - mark;
      if (name === 'apply') pages++;
      phase = name;
      mark = now;
      if (name === 'summaries') summariesAt = now;
    });
    const t2 = t();
    return {
      ok: r.ok,
      failure: r.failure?.message ?? null,
      pairMs: t1 - t0,
      syncMs: t2 - t1,
      pullMs: summariesAt - t1,
      summariesMs: t2 - summariesAt,
      waitMs,
      applyMs,
      pages,
      pulled: r.pulled,
      contacts: await db.contacts.count(),
      activities: await db.activities.count(),
      deals: await db.deals.count(),
      summaries: await db.summaries.count(),
    };
  },

  /** 1,000 local edits (a title on 1,000 contacts, one write), then a run: the time until the last batch is acknowledged. */
  async push1000() {
    const rows = await db!.contacts.limit(1000).toArray();
    const now = Date.now();
    await db!.contacts.bulkPut(rows.map((c, i) => ({ ...c, title: `VP ${i}`, updatedAt: now })));
    const queued = await db!.outbox.count();
    let pushedAt = 0;
    const t0 = t();
    const r = await run((name) => {
      if (name === 'pull' && !pushedAt) pushedAt = t();
    });
    return { ok: r.ok, queued, pushed: r.pushed, pushMs: pushedAt - t0, runMs: t() - t0, left: await db!.outbox.count() };
  },

  /** Runs with nothing to sync (the request sizes are read by the bench from the browser's network events). */
  async steady({ runs }: { runs: number }) {
    const out: boolean[] = [];
    for (let i = 0; i < runs; i++) out.push((await run()).ok);
    return out;
  },

  async cleanup() {
    db?.close();
    await Dexie.delete(NAME);
  },
};
