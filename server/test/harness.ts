import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { encodeHlc } from '../../lib/domain/hlc';
import { PairResponseSchema, type PullResponse, type PushRequest } from '../../lib/domain/sync-wire';
import { createPairingCode, createTeam } from '../admin';
import { createApp, type AppOptions } from '../app';
import { loadConfig, type Config } from '../config';
import { openDatabase, type Database } from '../db';

/**
 * The databases every server test runs on: the embedded PGlite always, and
 * PostgreSQL when DATABASE_URL is set. Each test makes its own team, so one
 * database serves a whole file.
 */
export const DATABASES: { name: 'pglite' | 'postgres'; url?: string }[] = [
  { name: 'pglite' },
  ...(process.env.DATABASE_URL ? [{ name: 'postgres' as const, url: process.env.DATABASE_URL }] : []),
];
if (!process.env.DATABASE_URL) console.warn('DATABASE_URL is not set: server tests run on PGlite only (.ci/run sets it).');

/** The real clock, kept before any test moves Date.now to give a device a wrong clock. */
export const realNow = Date.now.bind(Date);

export function testConfig(over: Partial<Config> = {}): Config {
  return { ...loadConfig({}), ratePerSecond: 1000, rateBurst: 1000, now: realNow, ...over };
}

export interface Env {
  db: Database;
  dir: string | null;
  close(): Promise<void>;
}

export async function openEnv(kind: (typeof DATABASES)[number]): Promise<Env> {
  const dir = kind.url ? null : mkdtempSync(join(tmpdir(), 'sidecar-pglite-'));
  const db = await openDatabase({ url: kind.url, dataDir: dir ?? '', poolSize: 8 });
  return {
    db,
    dir,
    async close() {
      await db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Device {
  teamId: string;
  deviceId: string;
  token: string;
  seq: number;
  clock: number;
}

/** A bare protocol client for server tests: it sends exactly what a test says. */
export class Wire {
  constructor(
    readonly app: Hono,
    readonly origin = 'http://localhost',
  ) {}

  request(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('authorization', `Bearer ${init.token}`);
    if (init.body) headers.set('content-type', 'application/json');
    return Promise.resolve(this.app.request(`${this.origin}${path}`, { ...init, headers }));
  }

  async pair(code: string, name = 'test'): Promise<Device> {
    const res = await this.request('/v1/pair', { method: 'POST', body: JSON.stringify({ code, name }) });
    if (res.status !== 200) throw new Error(`pair: ${res.status} ${await res.text()}`);
    const p = PairResponseSchema.parse(await res.json());
    return { ...p, seq: 0, clock: 0 };
  }

  /** A stamp of this device: strictly increasing, at wall time `ms` (default now). */
  stamp(d: Device, ms = Date.now()): string {
    d.clock++;
    return encodeHlc({ ms, counter: d.clock % 100_000, node: d.deviceId });
  }

  pushRaw(d: Device, body: PushRequest | string, teamId = d.teamId): Promise<Response> {
    return this.request(`/v1/teams/${teamId}/push`, { method: 'POST', token: d.token, body: typeof body === 'string' ? body : JSON.stringify(body) });
  }

  /** Pushes the next batch; throws unless it is applied. */
  async push(d: Device, changes: PushRequest['changes']): Promise<{ version: number; dropped: number }> {
    const res = await this.pushRaw(d, { deviceId: d.deviceId, seq: d.seq + 1, changes });
    if (res.status !== 200) throw new Error(`push: ${res.status} ${await res.text()}`);
    d.seq++;
    return (await res.json()) as { version: number; dropped: number };
  }

  pullRaw(d: Device, after = '', limit?: number, teamId = d.teamId): Promise<Response> {
    const q = new URLSearchParams({ after, ...(limit ? { limit: String(limit) } : {}) });
    return this.request(`/v1/teams/${teamId}/pull?${q}`, { token: d.token });
  }

  /** Every page from `after` to the end. */
  async pullAll(d: Device, after = '', limit?: number): Promise<{ rows: PullResponse['rows']; cursor: string; pages: number }> {
    const rows: PullResponse['rows'] = [];
    let cursor = after;
    let pages = 0;
    for (;;) {
      const res = await this.pullRaw(d, cursor, limit);
      if (res.status !== 200) throw new Error(`pull: ${res.status} ${await res.text()}`);
      const page = (await res.json()) as PullResponse;
      rows.push(...page.rows);
      cursor = page.cursor;
      pages++;
      if (!page.more) return { rows, cursor, pages };
    }
  }
}

/** A fresh team with `n` paired devices. */
export async function team(db: Database, wire: Wire, n: number): Promise<Device[]> {
  const teamId = await createTeam(db, 'test team');
  const out: Device[] = [];
  for (let i = 0; i < n; i++) out.push(await wire.pair(await createPairingCode(db, teamId, { ttlMs: 60_000 }), `device ${i}`));
  return out;
}

export function makeApp(db: Database, cfg = testConfig(), opts: AppOptions = {}): { app: Hono; wire: Wire } {
  const app = createApp(db, cfg, opts);
  return { app, wire: new Wire(app) };
}

/** Everything stored for a team, in a stable order: to compare before and after. */
export async function snapshot(db: Database, teamId: string): Promise<unknown> {
  return db.tx({ teamId }, async (sql) => ({
    team: await sql('SELECT version, purged_version FROM teams WHERE id = $1', [teamId]),
    devices: await sql('SELECT id, last_seq, last_digest, revoked_at FROM devices WHERE team_id = $1 ORDER BY id', [teamId]),
    records: await sql('SELECT tbl, id, data, stamps, version, merged_into FROM records WHERE team_id = $1 ORDER BY tbl, id', [teamId]),
    keys: await sql('SELECT tbl, key, id FROM natural_keys WHERE team_id = $1 ORDER BY tbl, key', [teamId]),
    aliases: await sql('SELECT tbl, id, target FROM aliases WHERE team_id = $1 ORDER BY tbl, id', [teamId]),
  }));
}

// Record builders with every field, as the extension writes them.
export const company = (name: string, domain: string | null, at = 1_790_000_000_000) => ({
  name,
  domain,
  industry: null,
  employees: null,
  createdAt: at,
  updatedAt: at,
  deletedAt: null,
});

export const contact = (name: string, emails: string[], opts: { linkedinUrl?: string | null; companyId?: string | null; at?: number } = {}) => ({
  name,
  emails,
  title: null,
  headline: null,
  location: null,
  companyId: opts.companyId ?? null,
  linkedinUrl: opts.linkedinUrl ?? null,
  photoUrl: null,
  createdAt: opts.at ?? 1_790_000_000_000,
  updatedAt: opts.at ?? 1_790_000_000_000,
  deletedAt: null,
});

export const deal = (contactId: string, title: string, at = 1_790_000_000_000) => ({
  contactId,
  companyId: null,
  title,
  stageId: 'contact',
  stageEnteredAt: at,
  status: 'open',
  valueMinor: 0,
  currency: 'USD',
  owner: null,
  expectedCloseAt: null,
  closedAt: null,
  lostReason: null,
  bant: null,
  createdAt: at,
  updatedAt: at,
  deletedAt: null,
});

export const activity = (contactId: string, sourceId: string | null, at = 1_790_000_000_000) => ({
  kind: 'email_in',
  direction: 'in',
  channel: 'email',
  at,
  sourceId,
  contactId,
  dealId: null,
  text: 'Hello',
  createdAt: at,
  updatedAt: at,
  deletedAt: null,
});
