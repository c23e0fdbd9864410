import { isFarFuture } from '../lib/domain/hlc';
import { decodeCursor, encodeCursor, type Change, type Cursor, type PairResponse, type PullResponse, type PushResponse } from '../lib/domain/sync-wire';
import type { SyncTable } from '../lib/domain/sync-tables';
import { checkToken, codeHash, DEVICE_COLUMNS, newServerId, newToken, sha256, type StoredDevice, type TokenParts } from './auth';
import type { Config } from './config';
import { literal, type Database, type Sql } from './db';
import { SyncError } from './errors';
import { TeamWriter } from './team-writer';

export interface PushInput {
  deviceId: string;
  seq: number;
  changes: Change[];
  /** The request body as received: a replayed batch must be the same bytes. */
  raw: string;
}

/** Test seam: runs inside the push transaction, after the batch is written and before COMMIT. */
export type BeforeCommit = (info: { version: number }) => Promise<void>;

const UNPAIRED = 'This device is not paired with the server, or it was disconnected there. Pair it again with a new code.';

/**
 * One push batch. The whole batch is one transaction: it is applied entirely
 * or (refused, failed, or the process killed) not at all. The team's row is
 * locked first, so batches of one team are applied one at a time, each at the
 * next version, and a version is never committed after a higher one.
 */
export async function push(db: Database, cfg: Config, token: TokenParts, teamId: string, input: PushInput, beforeCommit?: BeforeCommit): Promise<PushResponse> {
  const now = cfg.now();
  // Checked before anything is read or written: a refused batch writes nothing.
  for (const c of input.changes) {
    if (isFarFuture(c.s, now, cfg.maxSkewMs)) {
      throw new SyncError('clock_skew', "This device's clock is ahead of the server's. Set the computer's date and time correctly; nothing was lost.", { now });
    }
    if (!c.s.endsWith(`-${input.deviceId}`)) throw new SyncError('bad_request', `change ${c.t}/${c.id} is stamped by another device`);
  }
  const digest = sha256(input.raw);
  const [teamLit, devLit, hashLit] = [literal(token.teamId), literal(token.deviceId), literal(sha256(token.secret))];
  // Sent with BEGIN, in one round trip: the device (its row locked, so its own pushes run one at a time and its
  // last batch number is read as it is now), then the team's lock and next version, taken only for a device
  // whose token matches. Always device, then team: no two pushes wait on each other in a circle.
  const lead = [
    `SELECT ${DEVICE_COLUMNS} FROM devices d JOIN teams t ON t.id = d.team_id WHERE d.team_id = ${teamLit} AND d.id = ${devLit} AND d.token_hash = ${hashLit} FOR UPDATE OF d`,
    `UPDATE teams SET version = version + 1
      WHERE id = ${teamLit} AND EXISTS (SELECT 1 FROM devices WHERE team_id = ${teamLit} AND id = ${devLit} AND token_hash = ${hashLit} AND revoked_at IS NULL)
      RETURNING version, purged_at`,
  ];
  try {
    return await db.tx({ teamId: token.teamId }, async (sql, ctx) => {
      const d = checkToken(ctx.lead[0]![0] as StoredDevice | undefined, token);
      if (!d) throw new SyncError('unauthorized', UNPAIRED);
      if (d.team_id !== teamId) throw new SyncError('forbidden', 'This device belongs to another team.');
      if (input.deviceId !== d.id) throw new SyncError('forbidden', 'A device may only push its own changes.');
      const team = ctx.lead[1]![0] as { version: number; purged_at: Date };
      const version = Number(team.version);
      const last = Number(d.last_seq);
      if (input.seq <= last) {
        if (input.seq === last && d.last_digest !== digest)
          throw new SyncError('sequence_gap', `Batch ${input.seq} was already applied with other content.`, { expected: last + 1 });
        throw new Duplicate({ seq: input.seq, duplicate: true, version: version - 1, dropped: 0, now });
      }
      if (input.seq > last + 1) throw new SyncError('sequence_gap', `Batch ${input.seq} arrived, but batch ${last + 1} is next.`, { expected: last + 1 });

      const writer = new TeamWriter(sql, d.team_id, version, new Date(now));
      await writer.apply(input.changes);
      if (now - new Date(team.purged_at).getTime() >= cfg.purgeEveryMs) await purgeTombstones(sql, d.team_id, new Date(now - cfg.tombstoneHorizonMs));
      await beforeCommit?.({ version });
      ctx.atCommit(`UPDATE devices SET last_seq = ${literal(input.seq)}, last_digest = ${literal(digest)}, last_seen_at = now() WHERE team_id = ${teamLit} AND id = ${devLit}`);
      return { seq: input.seq, duplicate: false, version, dropped: writer.dropped, now };
    }, 'write', lead);
  } catch (e) {
    // A replay: its transaction (which only took the lock) is rolled back, and the batch is acknowledged again.
    if (e instanceof Duplicate) return e.response;
    throw e;
  }
}

class Duplicate extends Error {
  constructor(readonly response: PushResponse) {
    super('duplicate batch');
  }
}

/**
 * Deletes tombstones older than the horizon, and what only they held: their
 * natural keys, the stage history of a deleted deal (insert-only, so it has
 * no tombstone of its own) and the nudge states naming a deleted deal or
 * contact (their ids carry it). A forgotten person's blanked records thus
 * leave nothing behind here either. Devices whose cursor is below the newest
 * version removed can no longer learn of those deletions from a pull: they
 * get "resync".
 */
export async function purgeTombstones(sql: Sql, teamId: string, before: Date): Promise<number> {
  const [r] = await sql<{ n: number; v: number | null }>(
    `WITH gone AS (DELETE FROM records WHERE team_id = $1 AND deleted_at < $2 RETURNING tbl, id, version),
          keys AS (DELETE FROM natural_keys n USING gone WHERE n.team_id = $1 AND n.tbl = gone.tbl AND n.id = gone.id),
          held AS (DELETE FROM records h USING gone g
                    WHERE h.team_id = $1 AND g.tbl IN ('deals', 'contacts')
                      AND ((h.tbl = 'stageChanges' AND g.tbl = 'deals' AND h.data->>'dealId' = g.id)
                        OR (h.tbl = 'nudgeStates' AND strpos(h.id, g.id) > 0))
                    RETURNING h.tbl, h.id, h.version),
          removed AS (SELECT version FROM gone UNION ALL SELECT version FROM held)
     SELECT count(*)::int AS n, max(version) AS v FROM removed`,
    [teamId, before.toISOString()],
  );
  await sql('UPDATE teams SET purged_version = GREATEST(purged_version, COALESCE($2::bigint, 0)), purged_at = now() WHERE id = $1', [teamId, r?.v ?? null]);
  return r?.n ?? 0;
}

/** A page of records changed after `after`, in (version, table, id) order. */
export async function pull(db: Database, cfg: Config, token: TokenParts, teamId: string, after: string, limit: number): Promise<PullResponse> {
  const cursor = decodeCursor(after);
  if (!cursor || cursor.after?.table.includes('\u0000') || cursor.after?.id.includes('\u0000')) throw new SyncError('bad_request', 'Unreadable cursor.');
  type Found = StoredDevice & { tbl: SyncTable | null; rid: string | null; data: Record<string, unknown>; stamp: string; rversion: number; merged_into: string | null };
  // The device, its team's version and the page in one statement, so one snapshot: everything up to that
  // version is committed (a version commits with its records) and visible in the page. The page is read
  // before the token is checked and dropped if the check fails; the statement sees the token's team only.
  // Sent with the scope in one round trip (db.read): values are written into the text as literals.
  const from = cursor.after
    ? `(version, tbl, id) > (${literal(cursor.version)}::bigint, ${literal(cursor.after.table)}::text, ${literal(cursor.after.id)}::text)`
    : `version > ${literal(cursor.version)}::bigint`;
  const found = await db.read<Found>(
    { teamId: token.teamId },
    `SELECT ${DEVICE_COLUMNS}, r.tbl, r.id AS rid, r.data, r.stamp, r.version AS rversion, r.merged_into
       FROM devices d JOIN teams t ON t.id = d.team_id
       LEFT JOIN LATERAL (SELECT tbl, id, data, stamp, version, merged_into FROM records WHERE team_id = d.team_id AND ${from} ORDER BY version, tbl, id LIMIT ${literal(limit)}) r ON true
      WHERE d.team_id = ${literal(token.teamId)} AND d.id = ${literal(token.deviceId)}
      ORDER BY r.version, r.tbl, r.id`,
  );
  const d = checkToken(found[0], token);
  if (!d) throw new SyncError('unauthorized', UNPAIRED);
  if (d.team_id !== teamId) throw new SyncError('forbidden', 'This device belongs to another team.');
  if (cursor.version > 0 && (cursor.version < d.purged_version || cursor.version > d.version))
    throw new SyncError('resync', 'Deleted records older than this device last synced were cleaned up on the server: it will fetch everything again, keeping its unsent changes.');
  const rows = found.filter((r) => r.rid !== null);
  const more = rows.length === limit;
  const lastRow = rows[rows.length - 1];
  // At the end, the device has everything up to the team's version read above (committed, since a version
  // commits with its records), even if its last records were overwritten at later versions.
  const next: Cursor = more
    ? { version: lastRow!.rversion, after: { table: lastRow!.tbl!, id: lastRow!.rid! } }
    : { version: Math.max(d.version, lastRow?.rversion ?? 0, cursor.version), after: null };
  return {
    rows: rows.map((r) => (r.merged_into ? { t: r.tbl!, id: r.rid!, d: r.data, s: r.stamp, m: r.merged_into } : { t: r.tbl!, id: r.rid!, d: r.data, s: r.stamp })),
    cursor: encodeCursor(next),
    more,
    now: cfg.now(),
  };
}

/** Exchanges a one-time pairing code for a device token (shown once; the server keeps only its hash). */
export async function pair(db: Database, code: string, name: string): Promise<PairResponse> {
  const hash = codeHash(code);
  return db.tx({ pairCode: hash }, async (sql) => {
    const [c] = await sql<{ team_id: string; user_id: string }>(
      'UPDATE pairing_codes SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING team_id, user_id',
      [hash],
    );
    if (!c) throw new SyncError('bad_code', 'That pairing code is wrong, used or expired. Ask for a new one.');
    await sql("SELECT set_config('app.team_id', $1, true)", [c.team_id]);
    const deviceId = newServerId();
    const { token, hash: tokenHash } = newToken(c.team_id, deviceId);
    await sql('INSERT INTO devices (id, team_id, user_id, name, token_hash) VALUES ($1, $2, $3, $4, $5)', [deviceId, c.team_id, c.user_id, name.slice(0, 100), tokenHash]);
    // The user the code was made for (`admin pair TEAM EMAIL`): the extension owns its new deals by this address.
    const [user] = await sql<{ email: string | null }>('SELECT email FROM users WHERE team_id = $1 AND id = $2', [c.team_id, c.user_id]);
    return { teamId: c.team_id, deviceId, token, email: user?.email ?? null };
  });
}
