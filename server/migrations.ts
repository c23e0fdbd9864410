/**
 * The schema, as numbered steps. Each runs once, in order, in its own
 * transaction, and is recorded in schema_migrations; at every start the
 * server applies the ones missing, so starting twice changes nothing. The
 * same SQL runs on PostgreSQL and on the embedded PGlite. A shipped step is
 * never edited: a change is a new step.
 */
export interface Migration {
  id: number;
  name: string;
  sql: string;
}

const TEAM_TABLES = ['users', 'devices', 'records', 'natural_keys', 'aliases'];

// Row-level security is the second wall behind the queries' own `team_id = …`: a query that forgot its filter
// still sees one team only. FORCE applies it to the tables' owner as well.
const rls = (table: string, using: string) => `
ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
CREATE POLICY ${table}_team ON ${table} USING (${using}) WITH CHECK (${using});`;

const TEAM = "current_setting('app.team_id', true)";

export const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: 'teams, devices, records',
    sql: `
CREATE TABLE teams (
  id text PRIMARY KEY,
  name text NOT NULL,
  -- The last version given out: a push takes the next one with this row locked, so versions commit in order.
  version bigint NOT NULL DEFAULT 0,
  -- Tombstones up to this version were cleaned up: a device whose cursor is below it must pull everything again.
  purged_version bigint NOT NULL DEFAULT 0,
  purged_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE users (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams(id),
  email text,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (team_id, email)
);
CREATE TABLE devices (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams(id),
  user_id text NOT NULL REFERENCES users(id),
  name text NOT NULL DEFAULT '',
  token_hash text NOT NULL,
  -- The last push batch applied, and a digest of it (a replay must be the same batch).
  last_seq bigint NOT NULL DEFAULT 0,
  last_digest text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz,
  revoked_at timestamptz
);
CREATE TABLE pairing_codes (
  code_hash text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams(id),
  user_id text NOT NULL REFERENCES users(id),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE records (
  team_id text NOT NULL REFERENCES teams(id),
  -- Byte order: pages follow (version, tbl, id), the same on every server whatever its locale.
  tbl text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  data jsonb NOT NULL,
  -- field -> clock stamp of the write that set it; stamp = the latest of them.
  stamps jsonb NOT NULL,
  stamp text NOT NULL,
  version bigint NOT NULL,
  merged_into text,
  -- When the server saw the tombstone (its own clock): the clean-up horizon counts from here.
  deleted_at timestamptz,
  PRIMARY KEY (team_id, tbl, id)
);
CREATE INDEX records_pull ON records (team_id, version, tbl, id);
CREATE INDEX records_contact_ref ON records (team_id, tbl, (data->>'contactId'));
CREATE INDEX records_company_ref ON records (team_id, tbl, (data->>'companyId'));
CREATE INDEX records_deleted ON records (team_id, deleted_at) WHERE deleted_at IS NOT NULL;
CREATE TABLE natural_keys (
  team_id text NOT NULL REFERENCES teams(id),
  tbl text NOT NULL,
  key text NOT NULL,
  id text NOT NULL,
  PRIMARY KEY (team_id, tbl, key)
);
CREATE INDEX natural_keys_record ON natural_keys (team_id, tbl, id);
CREATE TABLE aliases (
  team_id text NOT NULL REFERENCES teams(id),
  tbl text NOT NULL,
  id text NOT NULL,
  target text NOT NULL,
  PRIMARY KEY (team_id, tbl, id)
);
CREATE INDEX aliases_target ON aliases (team_id, tbl, target);
${rls('teams', `id = ${TEAM}`)}
${TEAM_TABLES.map((t) => rls(t, `team_id = ${TEAM}`)).join('\n')}
${rls('pairing_codes', `team_id = ${TEAM} OR code_hash = current_setting('app.pair_code', true)`)}
`,
  },
];

type Query = (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
type Exec = (text: string) => Promise<void>;

/** Applies the missing steps; returns the ids applied now. */
export async function runMigrations(query: Query, exec: Exec): Promise<number[]> {
  await exec('CREATE TABLE IF NOT EXISTS schema_migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  const done = new Set((await query('SELECT id FROM schema_migrations')).map((r) => Number(r.id)));
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (done.has(m.id)) continue;
    await exec('BEGIN');
    try {
      await exec(m.sql);
      await query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      await exec('COMMIT');
    } catch (e) {
      await exec('ROLLBACK');
      throw e;
    }
    applied.push(m.id);
  }
  return applied;
}
