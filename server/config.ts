import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  /** postgres://… ; without it the embedded database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize: number;
  /** Largest request body accepted (413 above). */
  maxBodyBytes: number;
  /** How far ahead of the server's clock a change's stamp may be. */
  maxSkewMs: number;
  /** Tombstones older than this are cleaned up; a device that last synced before that fetches everything again. */
  tombstoneHorizonMs: number;
  purgeEveryMs: number;
  /** Per device: requests a second, sustained, and the burst allowed above that. */
  ratePerSecond: number;
  rateBurst: number;
  /** Pairing codes' lifetime. */
  pairingCodeTtlMs: number;
  /** The server's clock (a test gives a device a clock of its own by moving Date.now, the server keeps this one). */
  now: () => number;
}

const DAY = 24 * 60 * 60 * 1000;
const num = (v: string | undefined, fallback: number) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback);

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: num(env.PORT, 8787),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.SIDECAR_DATA_DIR || fileURLToPath(new URL('./.data', import.meta.url)),
    poolSize: num(env.SIDECAR_POOL_SIZE, 10),
    maxBodyBytes: num(env.SIDECAR_MAX_BODY_BYTES, 4 * 1024 * 1024),
    maxSkewMs: num(env.SIDECAR_MAX_SKEW_MS, 5 * 60 * 1000),
    tombstoneHorizonMs: num(env.SIDECAR_TOMBSTONE_DAYS, 30) * DAY,
    purgeEveryMs: num(env.SIDECAR_PURGE_EVERY_MS, 60 * 60 * 1000),
    ratePerSecond: num(env.SIDECAR_RATE_PER_SECOND, 20),
    rateBurst: num(env.SIDECAR_RATE_BURST, 60),
    pairingCodeTtlMs: num(env.SIDECAR_PAIRING_TTL_HOURS, 24) * 60 * 60 * 1000,
    now: () => Date.now(),
  };
}
