import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from '../lib/domain/ids';

/**
 * Device tokens: `sc1.<team>.<device>.<secret>`. The team and device ids say
 * where to look (a transaction can only see one team's rows); the secret is
 * 32 random bytes, stored only as its SHA-256 (a slow hash adds nothing to a
 * secret this long). A token is revoked per device.
 */
const TOKEN = /^sc1\.([0-9A-Z]{26})\.([0-9A-Z]{26})\.([A-Za-z0-9_-]{43})$/;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

export interface TokenParts {
  teamId: string;
  deviceId: string;
  secret: string;
}

export function parseToken(header: string | undefined | null): TokenParts | null {
  const m = header ? TOKEN.exec(header.replace(/^Bearer\s+/i, '').trim()) : null;
  return m ? { teamId: m[1]!, deviceId: m[2]!, secret: m[3]! } : null;
}

export function newToken(teamId: string, deviceId: string): { token: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `sc1.${teamId}.${deviceId}.${secret}`, hash: sha256(secret) };
}

export interface DeviceRow {
  id: string;
  team_id: string;
  user_id: string;
  last_seq: number;
  last_digest: string | null;
  purged_version: number;
  /** The team's version (the last one given out). */
  version: number;
}

/** The columns of a device and its team that a request checks (device `d`, team `t`). */
export const DEVICE_COLUMNS = 'd.id, d.team_id, d.user_id, d.last_seq, d.last_digest, d.token_hash, d.revoked_at, t.purged_version, t.version';
export type StoredDevice = DeviceRow & { token_hash: string; revoked_at: Date | null };

/** The stored device if the token's secret is its own and it is not revoked (read by the caller, e.g. with the records it asks for). */
export function checkToken(row: StoredDevice | undefined, t: TokenParts): DeviceRow | null {
  if (!row || row.revoked_at) return null;
  const a = Buffer.from(row.token_hash);
  const b = Buffer.from(sha256(t.secret));
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  return row;
}

// Pairing codes: 12 characters of Crockford base32 (60 bits), shown as XXXX-XXXX-XXXX, one use, short-lived.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newPairingCode(): string {
  const bytes = randomBytes(12);
  let s = '';
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[bytes[i]! % 32];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/** As typed: any case, spaces or dashes, the letters Crockford reads as digits. */
export function normalizeCode(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export const codeHash = (raw: string) => sha256(`pair:${normalizeCode(raw)}`);

export const newServerId = () => newId(Date.now());
