import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import pg from 'pg';
import { runMigrations } from './migrations';

/** A query inside a transaction: rows as plain objects. */
export type Sql = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;

/**
 * Whose rows a transaction may see. Row-level security reads these settings:
 * `teamId` opens that team's rows, `pairCode` (a code's hash) opens only the
 * pairing code it names, and nothing opens nothing.
 */
export interface Scope {
  teamId?: string;
  pairCode?: string;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  /**
   * One transaction, scoped: committed when `fn` resolves, rolled back when it throws. Reads (pulls) have
   * connections of their own, so pushes queued behind one team's lock never starve them.
   */
  tx<T>(scope: Scope, fn: (sql: Sql, ctx: TxContext) => Promise<T>, use?: 'read' | 'write', lead?: readonly string[]): Promise<T>;
  /**
   * One statement (literal SQL, see `literal`) in the scope, on a read connection: on PostgreSQL in one round
   * trip, the scope and the statement sent together as one implicit transaction.
   */
  read<T = Record<string, unknown>>(scope: Scope, text: string): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * What a transaction's first and last round trips carry besides BEGIN and COMMIT. A request's latency on a
 * loaded machine is mostly its round trips to PostgreSQL (each a socket write and a wake-up of the backend),
 * so statements without parameters travel with them: `lead` (literal SQL given to `tx`) runs right after
 * BEGIN and its rows are here; `atCommit` adds literal SQL sent with COMMIT.
 */
export interface TxContext {
  lead: Record<string, unknown>[][];
  atCommit(text: string): void;
}

/**
 * A value written into SQL text (for the statements sent without parameters): a safe integer as digits, a
 * string quoted by the driver's own escaping. Anything else, or a string PostgreSQL cannot hold (NUL), is refused.
 */
export function literal(v: string | number): string {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new Error('bad literal');
    return String(v);
  }
  if (v.includes('\u0000')) throw new Error('bad literal');
  return pg.escapeLiteral(v);
}

/** The role the server works as when it connected as a superuser (who would pass every row-level policy). */
export const APP_ROLE = 'sidecar_app';

// BIGINT (versions, sequence numbers) as a JS number: they stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

const MIGRATION_LOCK = 0x5dec4; // any constant, the same in every process

const SCOPE_ROLE_SQL = `SELECT set_config('app.team_id', $1, true), set_config('app.pair_code', $2, true), set_config('role', '${APP_ROLE}', true)`;

// Scope values are ids and hashes: checked against this before they are written into SQL.
const SAFE = /^[A-Za-z0-9_-]{0,64}$/;

/** BEGIN and the scope in one round trip (a multi-statement query cannot take parameters, hence the check). */
function beginScoped(scope: Scope, role: boolean): string {
  return `BEGIN; ${scopeSelect(scope, role)}`;
}

function scopeSelect(scope: Scope, role: boolean): string {
  const team = scope.teamId ?? '';
  const code = scope.pairCode ?? '';
  if (!SAFE.test(team) || !SAFE.test(code)) throw new Error('bad scope');
  return `SELECT set_config('app.team_id', '${team}', true), set_config('app.pair_code', '${code}', true)${role ? `, set_config('role', '${APP_ROLE}', true)` : ''}`;
}

export interface OpenOptions {
  /** postgres://… : a PostgreSQL server. Without it, an embedded PGlite database in `dataDir`. */
  url?: string;
  dataDir: string;
  /** Connections in the pool (PostgreSQL only). */
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts.poolSize ?? 10) : openPglite(opts.dataDir);
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  const readPool = new pg.Pool({ connectionString: url, max: Math.max(2, Math.ceil(max / 2)) });
  const setup = await pool.connect();
  let switchRole: boolean;
  try {
    // Several server processes may start at once on one database: one migrates, the others wait and find it done.
    await setup.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await runMigrations((text, params) => setup.query(text, params).then((r) => r.rows), (text) => setup.query(text).then(() => undefined));
      switchRole = await prepareAppRole((text) => setup.query(text).then((r) => r.rows));
    } finally {
      await setup.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    setup.release();
  }
  return {
    kind: 'postgres',
    async tx(scope, fn, use = 'write', lead = []) {
      const client = await (use === 'read' ? readPool : pool).connect();
      try {
        const first = [beginScoped(scope, switchRole), ...lead].join(';\n');
        const results = [(await client.query(first)) as pg.QueryResult | pg.QueryResult[]].flat();
        const tail: string[] = [];
        const ctx: TxContext = { lead: results.slice(results.length - lead.length).map((r) => r.rows), atCommit: (text) => void tail.push(text) };
        const out = await fn((text, params) => client.query(prepared(text, params)).then((r) => r.rows), ctx);
        await client.query([...tail, 'COMMIT'].join(';\n'));
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async read<T>(scope: Scope, text: string) {
      const client = await readPool.connect();
      try {
        // Several statements in one query message are one implicit transaction: the scope's settings (local to
        // it) hold for the statement and end with it, as after COMMIT.
        const results = [(await client.query(`${scopeSelect(scope, switchRole)};\n${text}`)) as pg.QueryResult | pg.QueryResult[]].flat();
        return results[results.length - 1]!.rows as T[];
      } finally {
        client.release();
      }
    },
    close: () => Promise.all([pool.end(), readPool.end()]).then(() => undefined),
  };
}

/**
 * A query with parameters as a named prepared statement: each connection parses and plans it once, then
 * only binds and runs it (the server's statements are a fixed set of texts, so the names stay few).
 */
const statementNames = new Map<string, string>();
function prepared(text: string, values: unknown[] | undefined): pg.QueryConfig {
  if (!values) return { text };
  let name = statementNames.get(text);
  if (!name) {
    if (statementNames.size >= 500) return { text, values };
    name = `s${statementNames.size}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
}

async function openPglite(dataDir: string): Promise<Database> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  await runMigrations((text, params) => db.query(text, params).then((r) => r.rows as never), (text) => db.exec(text).then(() => undefined));
  // The embedded database's only user is a superuser: requests always work as the app role, under row-level security.
  await prepareAppRole((text) => db.query(text).then((r) => r.rows as never));
  const stats = await analyzer(db);
  return {
    kind: 'pglite',
    async tx(scope, fn, use, lead = []) {
      // PGlite has one connection: its transactions run one at a time, in order. No round trips to save here.
      let written = 0;
      const out = await db.transaction(async (t) => {
        await t.query(SCOPE_ROLE_SQL, [scope.teamId ?? '', scope.pairCode ?? '']);
        const ctx: TxContext = { lead: [], atCommit: (text) => void tail.push(text) };
        const tail: string[] = [];
        for (const text of lead) ctx.lead.push((await t.query(text)).rows as never);
        const out = await fn((text, params) => t.query(text, params).then((r) => r.rows as never), ctx);
        for (const text of tail) await t.query(text);
        if (use !== 'read') written = await stats.written(t);
        return out;
      });
      if (use !== 'read') await stats.committed(written);
      return out;
    },
    read(scope, text) {
      return db.transaction(async (t) => {
        await t.query(SCOPE_ROLE_SQL, [scope.teamId ?? '', scope.pairCode ?? '']);
        return (await t.query(text)).rows as never;
      });
    },
    close: () => db.close(),
  };
}

const ANALYZED = ['records', 'natural_keys', 'aliases'];
const ANALYZED_IN = `(${ANALYZED.map((t) => `'${t}'`).join(', ')})`;

/**
 * PGlite runs no autovacuum, so nothing gathers the planner's statistics: without them it took a push's lookup
 * by key (team, table, id) through whichever index on (team, table, …) was smallest, reading the team's rows of
 * that table one by one for every key (server/test/lookup-plans.test.ts). The embedded server analyzes the sync
 * tables as autovacuum would: at start, and once the rows written since the last time pass 50 + 10% of them.
 * Rows written are counted by each write transaction itself (pg_stat_xact_user_tables, before it commits): the
 * shared counters (pg_stat_user_tables) reach PGlite's views only when its statistics are flushed, which in a
 * busy embedded server was sometimes never, so no ANALYZE ran at all.
 */
async function analyzer(db: PGlite) {
  let rows = 0;
  let since = 0;
  const analyze = async () => {
    await db.exec(`ANALYZE ${ANALYZED.join(', ')}`);
    const [r] = (await db.query<{ n: number }>(`SELECT coalesce(sum(greatest(reltuples, 0)), 0)::float8 AS n FROM pg_class WHERE relname IN ${ANALYZED_IN}`)).rows;
    rows = r?.n ?? 0;
    since = 0;
  };
  await analyze();
  return {
    /** Rows this transaction inserted, updated or deleted in the sync tables (asked inside it). */
    async written(t: Transaction): Promise<number> {
      const [r] = (await t.query<{ n: number }>(`SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::float8 AS n FROM pg_stat_xact_user_tables WHERE relname IN ${ANALYZED_IN}`)).rows;
      return r?.n ?? 0;
    },
    async committed(written: number): Promise<void> {
      since += written;
      if (since > 50 + 0.1 * rows) await analyze();
    },
  };
}

/**
 * Superusers and BYPASSRLS roles pass every row-level policy, so when the
 * server connected as one, it creates a plain role and works as that role
 * inside each transaction. Returns whether that switch is needed. A server
 * that connects as an ordinary role (the recommended setup) owns the tables,
 * whose policies are FORCEd on their owner too.
 */
async function prepareAppRole(query: (text: string) => Promise<Record<string, unknown>[]>): Promise<boolean> {
  const [me] = await query('SELECT rolsuper OR rolbypassrls AS bypass FROM pg_roles WHERE rolname = current_user');
  if (!me?.bypass) return false;
  await query(`DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
      CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
    END IF;
  END $$`);
  await query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
  await query(`GRANT SELECT, INSERT, UPDATE, DELETE ON teams, users, devices, pairing_codes, records, natural_keys, aliases TO ${APP_ROLE}`);
  return true;
}
