import { codeHash, newPairingCode, newServerId } from './auth';
import type { Database } from './db';
import { purgeTombstones } from './sync-service';

/** Team administration, used by `npm run server -- admin …` and by the tests. Each works inside the team's own scope. */

export async function createTeam(db: Database, name: string): Promise<string> {
  const id = newServerId();
  await db.tx({ teamId: id }, (sql) => sql('INSERT INTO teams (id, name) VALUES ($1, $2)', [id, name.slice(0, 200)]));
  return id;
}

/** A one-time code for one new device of `email`'s (a user of the team, made on first use; the team's default user without). */
export async function createPairingCode(db: Database, teamId: string, opts: { email?: string; ttlMs: number }): Promise<string> {
  const code = newPairingCode();
  await db.tx({ teamId }, async (sql) => {
    const [team] = await sql('SELECT id FROM teams WHERE id = $1', [teamId]);
    if (!team) throw new Error(`no team ${teamId}`);
    const email = opts.email?.trim().toLowerCase() || null;
    const [found] = await sql<{ id: string }>('SELECT id FROM users WHERE team_id = $1 AND email IS NOT DISTINCT FROM $2', [teamId, email]);
    const userId = found?.id ?? newServerId();
    if (!found) await sql('INSERT INTO users (id, team_id, email) VALUES ($1, $2, $3)', [userId, teamId, email]);
    await sql('INSERT INTO pairing_codes (code_hash, team_id, user_id, expires_at) VALUES ($1, $2, $3, $4)', [
      codeHash(code),
      teamId,
      userId,
      new Date(Date.now() + opts.ttlMs).toISOString(),
    ]);
  });
  return code;
}

export interface DeviceInfo {
  id: string;
  name: string;
  email: string | null;
  last_seq: number;
  last_seen_at: Date | null;
  revoked_at: Date | null;
}

export async function listDevices(db: Database, teamId: string): Promise<DeviceInfo[]> {
  return db.tx({ teamId }, (sql) =>
    sql<DeviceInfo>(
      `SELECT d.id, d.name, u.email, d.last_seq, d.last_seen_at, d.revoked_at FROM devices d JOIN users u ON u.id = d.user_id
        WHERE d.team_id = $1 ORDER BY d.created_at`,
      [teamId],
    ),
  );
}

/** The device's token stops working at once; its data stays with the team. */
export async function revokeDevice(db: Database, teamId: string, deviceId: string): Promise<boolean> {
  const rows = await db.tx({ teamId }, (sql) => sql('UPDATE devices SET revoked_at = now() WHERE team_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id', [teamId, deviceId]));
  return rows.length === 1;
}

/** Cleans up tombstones older than `horizonMs` now, under the team's lock (as a push does); returns how many went. */
export async function purgeTeam(db: Database, teamId: string, horizonMs: number): Promise<number> {
  return db.tx({ teamId }, async (sql) => {
    await sql('SELECT version FROM teams WHERE id = $1 FOR UPDATE', [teamId]);
    return purgeTombstones(sql, teamId, new Date(Date.now() - horizonMs));
  });
}

/** The admin commands, whether run on the database directly or through a running server (the embedded database has one owner). */
export interface AdminOps {
  createTeam(name: string): Promise<string>;
  pair(teamId: string, email: string | undefined): Promise<string>;
  devices(teamId: string): Promise<DeviceInfo[]>;
  revoke(teamId: string, deviceId: string): Promise<boolean>;
  purge(teamId: string, days: number): Promise<number>;
}

export function directAdmin(db: Database, pairingTtlMs: number): AdminOps {
  return {
    createTeam: (name) => createTeam(db, name),
    pair: (teamId, email) => createPairingCode(db, teamId, { email, ttlMs: pairingTtlMs }),
    devices: (teamId) => listDevices(db, teamId),
    revoke: (teamId, deviceId) => revokeDevice(db, teamId, deviceId),
    purge: (teamId, days) => purgeTeam(db, teamId, days * 86_400_000),
  };
}
