import 'fake-indexeddb/auto';
import type { DBCore, Middleware } from 'dexie';
import type { Hono } from 'hono';
import { SidecarDb } from '../../lib/db';
import { SYNC_TABLES } from '../../lib/domain/sync-tables';
import { SyncClient, type SyncOptions } from '../../lib/sync/engine';
import { readState } from '../../lib/sync/state';
import { createPairingCode, createTeam } from '../admin';
import type { Database } from '../db';

/** Sends the extension's requests straight into the server app, as the network would. `offline` makes it fail like one. */
export class Link {
  offline = false;
  requests = 0;
  constructor(private readonly app: Hono) {}
  fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    if (this.offline) throw new TypeError('Failed to fetch');
    this.requests++;
    return this.app.fetch(new Request(input, init));
  };
}

/** A browser profile: its own database and sync client, restartable (a new worker over the same data). */
export class Browser {
  db: SidecarDb;
  client: SyncClient;
  constructor(
    readonly name: string,
    readonly link: Link,
    private opts: SyncOptions = {},
    private readonly middlewares: Middleware<DBCore>[] = [],
  ) {
    this.db = this.open();
    this.client = new SyncClient(this.db, { fetch: link.fetch, ...opts });
  }

  private open(): SidecarDb {
    const db = new SidecarDb(this.name);
    for (const m of this.middlewares) db.use(m);
    return db;
  }

  /** The service worker was stopped (or killed) and starts again: nothing in memory survives. */
  restart(opts: SyncOptions = this.opts): void {
    this.db.close();
    this.opts = opts;
    this.db = this.open();
    this.client = new SyncClient(this.db, { fetch: this.link.fetch, ...opts });
  }

  /** Runs until a run succeeds (or `tries` runs failed). */
  async syncUntilDone(tries = 5): Promise<void> {
    for (let i = 0; i < tries; i++) {
      const r = await this.client.sync();
      if (r.ok) return;
      if (i === tries - 1) throw new Error(`${this.name}: sync failed: ${JSON.stringify(r.failure)}`);
    }
  }

  /** Every synced record, by table, without the device-only parts (for comparing devices). */
  async records(): Promise<Record<string, unknown[]>> {
    const out: Record<string, unknown[]> = {};
    for (const t of SYNC_TABLES) {
      if (t === 'settings') continue;
      out[t] = (await this.db.table(t).toArray()).sort((a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1));
    }
    return out;
  }

  state() {
    return readState(this.db);
  }

  async close(): Promise<void> {
    await this.db.delete();
  }
}

let counter = 0;

/** A team, and `n` browsers paired with it. */
export async function pairedBrowsers(db: Database, app: Hono, n: number, opts: SyncOptions = {}, middlewares: Middleware<DBCore>[] = []): Promise<{ teamId: string; link: Link; browsers: Browser[] }> {
  const teamId = await createTeam(db, 'client test');
  const link = new Link(app);
  const browsers: Browser[] = [];
  for (let i = 0; i < n; i++) {
    const b = new Browser(`browser-${process.pid}-${++counter}`, link, opts, middlewares);
    const r = await b.client.connect('http://localhost:8787', await createPairingCode(db, teamId, { ttlMs: 60_000 }), `browser ${i}`);
    if (!r.ok) throw new Error(`pairing failed: ${JSON.stringify(r.failure)}`);
    browsers.push(b);
  }
  return { teamId, link, browsers };
}
