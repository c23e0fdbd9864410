import { applyChange, mergeRows, rowStamp, type StampedRow } from '../lib/domain/sync-merge';
import { naturalKeys, referencesTo, TABLES, type SyncData, type SyncTable } from '../lib/domain/sync-tables';
import type { Change } from '../lib/domain/sync-wire';
import type { Sql } from './db';

interface Row extends StampedRow {
  tbl: SyncTable;
  id: string;
  mergedInto: string | null;
  /** The server's own time of the tombstone, for the clean-up horizon. */
  deletedAt: Date | null;
  dirty: boolean;
  /** Its natural keys as stored (joined), or null when it was not stored, or stored merged away. */
  storedKeys: string | null;
}

interface DbRow {
  tbl: SyncTable;
  id: string;
  data: SyncData;
  stamps: Record<string, string>;
  merged_into: string | null;
  deleted_at: Date | string | null;
}

const k = (tbl: string, id: string) => `${tbl}\u0000${id}`;
const KEYED: ReadonlySet<SyncTable> = new Set(['contacts', 'companies', 'activities']);
const ROW_COLUMNS = 'tbl, id, data, stamps, merged_into, deleted_at';
/**
 * The row of `table` (this team's) with the key (`tbl`, `id`): a LATERAL subquery, one index lookup per key of
 * a batch. Joined to a batch's keys any other way, the planner may read the team's whole table instead: the
 * statements are prepared, so after a few runs PostgreSQL plans them once for any batch, guessing 10 keys, and a
 * team that grew since its statistics was guessed at a few dozen rows. With a first upload of 110,000 records
 * that became a merge join over every record the team had, 17 s for one push of 2,000 (BENCHMARKS.md). The
 * LIMIT keeps the subquery from being flattened into such a join; the primary key makes it exact.
 */
const byKey = (table: 'records' | 'aliases', columns: string, tbl: string, id: string) =>
  `SELECT ${columns} FROM ${table} WHERE team_id = $1 AND tbl = ${collate(table, tbl)} AND id = ${collate(table, id)} LIMIT 1`;
/**
 * A key (a plain column) compared in the collation of the table's key columns. Records keep theirs in "C" (pages
 * in byte order); a text array's elements have the database's, and where that is another (PGlite's), compared in
 * it the index on the "C" columns cannot serve: each lookup read the team's rows of the table one by one.
 */
const collate = (table: 'records' | 'aliases', column: string) => (table === 'records' ? `${column} COLLATE "C"` : column);
/**
 * The statements a push looks records up with, by the keys of its batch ($1 the team, then arrays of keys).
 * Exported for the test that plans them as PostgreSQL does after a few runs (server/test/lookup-plans.test.ts).
 */
export const LOOKUPS = {
  /** The aliases of the keys ($2 tables, $3 ids), and the stored records of those flagged in $4, through their aliases. */
  aliasesAndRows: `WITH w AS (SELECT * FROM unnest($2::text[], $3::text[], $4::bool[]) AS w(tbl, id, want_row)),
        -- rid: the id a record is stored under. A column of its own, materialized: compared as COALESCE(...)
        -- inside the lookup, PostgreSQL 15 filtered the team's rows with it rather than look it up.
        a AS MATERIALIZED (SELECT w.tbl, w.id, w.want_row, al.target, COALESCE(al.target, w.id) AS rid
                             FROM w LEFT JOIN LATERAL (${byKey('aliases', 'target', 'w.tbl', 'w.id')}) al ON true)
   SELECT 'alias' AS kind, tbl, id, target, NULL::jsonb AS data, NULL::jsonb AS stamps, NULL::text AS merged_into, NULL::timestamptz AS deleted_at FROM a WHERE target IS NOT NULL
   UNION ALL
   SELECT 'row', r.tbl, r.id, NULL, r.data, r.stamps, r.merged_into, r.deleted_at
     FROM a CROSS JOIN LATERAL (${byKey('records', ROW_COLUMNS, 'a.tbl', 'a.rid')}) r WHERE a.want_row`,
  /** The stored records with these keys ($2 tables, $3 ids). */
  rows: `SELECT r.* FROM unnest($2::text[], $3::text[]) AS w(tbl, id) CROSS JOIN LATERAL (${byKey('records', ROW_COLUMNS, 'w.tbl', 'w.id')}) r`,
  /** The natural keys held by these records ($2 tables, $3 ids): by row address, found record by record (several keys each: no LIMIT, OFFSET 0 is the fence). */
  dropKeys: `DELETE FROM natural_keys WHERE ctid = ANY(ARRAY(
    SELECT n.ctid FROM unnest($2::text[], $3::text[]) AS w(tbl, id)
     CROSS JOIN LATERAL (SELECT ctid FROM natural_keys n WHERE n.team_id = $1 AND n.tbl = w.tbl AND n.id = w.id OFFSET 0) n))`,
};
/**
 * Whether a record's natural keys may differ from those stored for it. A stored, unmerged record owns its keys
 * (every batch merges records that share one), so one whose keys did not change needs no check and no rewrite.
 */
const keysMoved = (r: Row) => KEYED.has(r.tbl) && (r.storedKeys === null || r.mergedInto !== null || naturalKeys(r.tbl, r.data).join('\n') !== r.storedKeys);
const REF_EXPR: Record<string, string> = { contactId: "data->>'contactId'", companyId: "data->>'companyId'", dealId: "data->>'dealId'" };

/**
 * Applies one push batch to one team, inside the push's transaction, with the
 * team locked (so nothing else writes this team meanwhile). Reads what the
 * batch touches in a few bulk queries, applies the changes in memory (field
 * by field, lib/domain/sync-merge), merges records that turn out to be the
 * same (natural keys), and writes every touched record back at one version.
 * Every touched record gets the new version even if no field changed, so the
 * device that pushed pulls back the server's decision.
 */
export class TeamWriter {
  private rows = new Map<string, Row | null>();
  private aliases = new Map<string, string>();
  private aliasesKnown = new Set<string>();
  private newAliases: { tbl: SyncTable; id: string; target: string }[] = [];
  private keyOwners = new Map<string, string | null>();
  /** Records whose natural keys must be checked (and rewritten). */
  private keyQueue: Row[] = [];
  dropped = 0;
  merged = 0;

  constructor(
    private readonly sql: Sql,
    private readonly teamId: string,
    private readonly version: number,
    private readonly now: Date,
  ) {}

  async apply(changes: readonly Change[]): Promise<void> {
    const ids: [SyncTable, string][] = [];
    for (const c of changes) {
      ids.push([c.t, c.id]);
      for (const [field, target] of Object.entries(TABLES[c.t].refs)) {
        const v = c.f[field];
        if (typeof v === 'string') ids.push([target, v]);
      }
    }
    await this.loadAliasesAndRows(ids, changes.length);
    for (const c of changes) this.applyOne(c);
    await this.resolveNaturalKeys();
    await this.flush();
  }

  private resolve(tbl: SyncTable, id: string): string {
    return this.aliases.get(k(tbl, id)) ?? id;
  }

  private applyOne(c: Change): void {
    const id = this.resolve(c.t, c.id);
    const fields: SyncData = { ...c.f };
    for (const [field, target] of Object.entries(TABLES[c.t].refs)) {
      const v = fields[field];
      if (typeof v === 'string') fields[field] = this.resolve(target, v);
    }
    const row = this.rows.get(k(c.t, id)) ?? null;
    const applied = applyChange(c.t, row, c.op, fields, c.s);
    if (!applied) {
      this.dropped++;
      return;
    }
    const next: Row = row ?? { tbl: c.t, id, mergedInto: null, deletedAt: null, dirty: true, data: {}, stamps: {}, storedKeys: null };
    next.data = applied.row.data;
    next.stamps = applied.row.stamps;
    next.dirty = true;
    this.rows.set(k(c.t, id), next);
    if (keysMoved(next)) this.keyQueue.push(next);
  }

  /**
   * The aliases of every id the batch names (its records and the records they refer to), and the stored
   * records its changes touch (through their aliases), in one query: a push's round trips to the database
   * are most of its time, all of it with the team locked.
   */
  private async loadAliasesAndRows(ids: readonly [SyncTable, string][], changed: number): Promise<void> {
    if (ids.length === 0) return;
    const found = await this.sql<DbRow & { kind: 'alias' | 'row'; target: string | null }>(
      LOOKUPS.aliasesAndRows,
      [this.teamId, ids.map(([t]) => t), ids.map(([, id]) => id), ids.map((_, i) => i < changed)],
    );
    for (const [t, id] of ids) this.aliasesKnown.add(k(t, id));
    for (const a of found) if (a.kind === 'alias') this.aliases.set(k(a.tbl, a.id), a.target!);
    for (const [t, id] of ids.slice(0, changed)) if (!this.rows.has(k(t, this.resolve(t, id)))) this.rows.set(k(t, this.resolve(t, id)), null);
    for (const r of found) if (r.kind === 'row') this.rows.set(k(r.tbl, r.id), this.fromDb(r));
  }

  private async loadRows(ids: readonly [SyncTable, string][]): Promise<void> {
    const want = [...new Map(ids.filter(([t, id]) => !this.rows.has(k(t, id))).map((x) => [k(...x), x])).values()];
    if (want.length === 0) return;
    const found = await this.sql<DbRow>(
      LOOKUPS.rows,
      [this.teamId, want.map(([t]) => t), want.map(([, id]) => id)],
    );
    for (const [t, id] of want) this.rows.set(k(t, id), null);
    for (const r of found) this.rows.set(k(r.tbl, r.id), this.fromDb(r));
  }

  private fromDb(r: DbRow): Row {
    return {
      tbl: r.tbl,
      id: r.id,
      data: r.data,
      stamps: r.stamps,
      mergedInto: r.merged_into,
      deletedAt: r.deleted_at ? new Date(r.deleted_at) : null,
      dirty: false,
      storedKeys: r.merged_into === null ? naturalKeys(r.tbl, r.data).join('\n') : null,
    };
  }

  private async row(tbl: SyncTable, id: string): Promise<Row | null> {
    if (!this.rows.has(k(tbl, id))) await this.loadRows([[tbl, id]]);
    return this.rows.get(k(tbl, id)) ?? null;
  }

  /** Whether `key` still belongs to record `id` (it may have been merged away, deleted, or changed its address). */
  private async holds(tbl: SyncTable, id: string, key: string): Promise<boolean> {
    const r = await this.row(tbl, id);
    return !!r && r.mergedInto === null && naturalKeys(tbl, r.data).includes(key);
  }

  private async loadOwners(tbl: SyncTable, keys: readonly string[]): Promise<void> {
    const want = keys.filter((key) => !this.keyOwners.has(k(tbl, key)));
    if (want.length === 0) return;
    const found = await this.sql<{ key: string; id: string }>(`SELECT key, id FROM natural_keys WHERE team_id = $1 AND tbl = $2 AND key = ANY($3::text[])`, [
      this.teamId,
      tbl,
      want,
    ]);
    for (const key of want) this.keyOwners.set(k(tbl, key), null);
    for (const f of found) this.keyOwners.set(k(tbl, f.key), f.id);
  }

  /**
   * Two records holding one natural key are one: merged into the smaller id.
   * Repeated until no key is held twice, since a merge can join keys (a
   * contact's addresses) and move references (an activity's contact) that
   * meet further records.
   */
  private async resolveNaturalKeys(): Promise<void> {
    // One bulk read of the current owners of every key in the batch, per table.
    const byTable = new Map<SyncTable, string[]>();
    for (const r of this.keyQueue) for (const key of naturalKeys(r.tbl, r.data)) (byTable.get(r.tbl) ?? byTable.set(r.tbl, []).get(r.tbl)!).push(key);
    for (const [tbl, keys] of byTable) await this.loadOwners(tbl, keys);
    const owners = [...this.keyOwners.entries()].flatMap(([key, id]) => (id ? [[key.split('\u0000')[0] as SyncTable, id] as [SyncTable, string]] : []));
    await this.loadRows(owners);

    while (this.keyQueue.length > 0) {
      const r = this.keyQueue.shift()!;
      if (r.mergedInto !== null) continue;
      const keys = naturalKeys(r.tbl, r.data);
      await this.loadOwners(r.tbl, keys);
      for (const key of keys) {
        const owner = this.keyOwners.get(k(r.tbl, key));
        if (owner && owner !== r.id && (await this.holds(r.tbl, owner, key))) {
          const winner = await this.merge(r.tbl, owner, r.id);
          this.keyQueue.push((await this.row(r.tbl, winner))!);
          break;
        }
        this.keyOwners.set(k(r.tbl, key), r.id);
      }
    }
  }

  /** Merges two records of one table; returns the id kept (the smaller, so any order of discovery keeps the same one). */
  private async merge(tbl: SyncTable, a: string, b: string): Promise<string> {
    const [winnerId, loserId] = a < b ? [a, b] : [b, a];
    const winner = (await this.row(tbl, winnerId))!;
    const loser = (await this.row(tbl, loserId))!;
    const merged = mergeRows(tbl, winner, loser);
    winner.data = merged.data;
    winner.stamps = merged.stamps;
    winner.dirty = true;
    loser.mergedInto = winnerId;
    if (TABLES[tbl].tombstone && loser.data.deletedAt == null) {
      loser.data = { ...loser.data, deletedAt: this.now.getTime() };
      loser.stamps = { ...loser.stamps, deletedAt: rowStamp(loser) };
    }
    loser.deletedAt = this.now;
    loser.dirty = true;
    this.merged++;

    this.aliases.set(k(tbl, loserId), winnerId);
    this.aliasesKnown.add(k(tbl, loserId));
    for (const [key, target] of this.aliases) if (target === loserId && key.startsWith(`${tbl}\u0000`)) this.aliases.set(key, winnerId);
    this.newAliases.push({ tbl, id: loserId, target: winnerId });

    for (const ref of referencesTo(tbl)) {
      for (const r of await this.referencing(ref.table, ref.field, loserId)) {
        r.data = { ...r.data, [ref.field]: winnerId };
        r.dirty = true;
        if (KEYED.has(r.tbl)) this.keyQueue.push(r);
      }
    }
    return winnerId;
  }

  /** Every record of `tbl` whose `field` names `id`: those stored, and those in this batch. */
  private async referencing(tbl: SyncTable, field: string, id: string): Promise<Row[]> {
    const expr = REF_EXPR[field];
    if (!expr) throw new Error(`no reference index for ${field}`);
    const stored = await this.sql<DbRow>(`SELECT ${ROW_COLUMNS} FROM records WHERE team_id = $1 AND tbl = $2 AND ${expr} = $3`, [this.teamId, tbl, id]);
    for (const r of stored) if (!this.rows.get(k(r.tbl, r.id))) this.rows.set(k(r.tbl, r.id), this.fromDb(r));
    const out: Row[] = [];
    for (const r of this.rows.values()) if (r && r.tbl === tbl && r.data[field] === id) out.push(r);
    return out;
  }

  private async flush(): Promise<void> {
    const dirty = [...this.rows.values()].filter((r): r is Row => !!r && r.dirty);
    if (dirty.length === 0) return;
    const records = dirty.map((r) => {
      const deleted = (TABLES[r.tbl].tombstone && r.data.deletedAt != null) || r.mergedInto !== null;
      return {
        tbl: r.tbl,
        id: r.id,
        data: r.data,
        stamps: r.stamps,
        stamp: rowStamp(r),
        merged_into: r.mergedInto,
        deleted_at: deleted ? (r.deletedAt ?? this.now).toISOString() : null,
      };
    });
    await this.sql(
      `INSERT INTO records (team_id, tbl, id, data, stamps, stamp, version, merged_into, deleted_at)
       SELECT $1, r.tbl, r.id, r.data, r.stamps, r.stamp, $2, r.merged_into, r.deleted_at
         FROM jsonb_to_recordset($3::jsonb) AS r(tbl text, id text, data jsonb, stamps jsonb, stamp text, merged_into text, deleted_at timestamptz)
       ON CONFLICT (team_id, tbl, id) DO UPDATE SET data = EXCLUDED.data, stamps = EXCLUDED.stamps, stamp = EXCLUDED.stamp,
         version = EXCLUDED.version, merged_into = EXCLUDED.merged_into, deleted_at = EXCLUDED.deleted_at`,
      [this.teamId, this.version, JSON.stringify(records)],
    );

    if (this.newAliases.length > 0) {
      const rows = JSON.stringify(this.newAliases);
      // Earlier aliases of a record merged away now lead straight to the survivor: one hop, always.
      await this.sql(
        `UPDATE aliases a SET target = n.target FROM jsonb_to_recordset($2::jsonb) AS n(tbl text, id text, target text)
          WHERE a.team_id = $1 AND a.tbl = n.tbl AND a.target = n.id`,
        [this.teamId, rows],
      );
      await this.sql(
        `INSERT INTO aliases (team_id, tbl, id, target) SELECT $1, n.tbl, n.id, n.target FROM jsonb_to_recordset($2::jsonb) AS n(tbl text, id text, target text)
         ON CONFLICT (team_id, tbl, id) DO UPDATE SET target = EXCLUDED.target`,
        [this.teamId, rows],
      );
    }

    const keyed = dirty.filter(keysMoved);
    if (keyed.length > 0) {
      await this.sql(LOOKUPS.dropKeys, [
        this.teamId,
        keyed.map((r) => r.tbl),
        keyed.map((r) => r.id),
      ]);
      const keys = keyed.filter((r) => r.mergedInto === null).flatMap((r) => naturalKeys(r.tbl, r.data).map((key) => ({ tbl: r.tbl, key, id: r.id })));
      if (keys.length > 0)
        await this.sql(
          `INSERT INTO natural_keys (team_id, tbl, key, id) SELECT $1, n.tbl, n.key, n.id FROM jsonb_to_recordset($2::jsonb) AS n(tbl text, key text, id text)
           ON CONFLICT (team_id, tbl, key) DO UPDATE SET id = EXCLUDED.id`,
          [this.teamId, JSON.stringify(keys)],
        );
    }
  }
}
