import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { directAdmin, type AdminOps } from './admin';
import { linkedAdmin, readLink, serverAnswers, writeLink } from './admin-link';
import { createApp } from './app';
import { loadConfig } from './config';
import { openDatabase, type Database } from './db';

/**
 * `npm run server`                             serve on PORT (default 8787)
 * `npm run server -- admin create-team NAME`   prints the new team's id
 * `npm run server -- admin pair TEAM [EMAIL]`  prints a one-time pairing code on its last line
 * `npm run server -- admin devices TEAM`       lists the team's devices
 * `npm run server -- admin revoke TEAM DEVICE` disconnects a device at once
 * `npm run server -- admin purge TEAM DAYS`    cleans up tombstones older than DAYS now
 */
const USAGE = 'usage: npm run server [-- admin create-team NAME | pair TEAM [EMAIL] | devices TEAM | revoke TEAM DEVICE | purge TEAM DAYS]';

async function admin(args: string[]): Promise<number> {
  const cfg = loadConfig();
  // The embedded database has one owner: when a server runs on it, the command goes through that server. A
  // server.json whose process id was given to another process since, with nothing answering on its port, is stale.
  const found = cfg.databaseUrl ? null : readLink(cfg.dataDir);
  const link = found && (await serverAnswers(found)) ? found : null;
  let db: Database | null = null;
  let ops: AdminOps;
  if (link) ops = linkedAdmin(link);
  else {
    db = await openDatabase({ url: cfg.databaseUrl, dataDir: cfg.dataDir, poolSize: 2 });
    ops = directAdmin(db, cfg.pairingCodeTtlMs);
  }
  try {
    const [cmd, a, b] = args;
    if (cmd === 'create-team' && a) {
      console.log(await ops.createTeam(args.slice(1).join(' ')));
    } else if (cmd === 'pair' && a) {
      const code = await ops.pair(a, b);
      console.log(`One-time pairing code for team ${a}${b ? ` (${b})` : ''}, valid ${Math.round(cfg.pairingCodeTtlMs / 3_600_000)} h:`);
      console.log(code);
    } else if (cmd === 'devices' && a) {
      for (const d of await ops.devices(a)) console.log([d.id, d.name || '-', d.email ?? '-', `seq ${d.last_seq}`, d.revoked_at ? 'revoked' : 'active'].join('\t'));
    } else if (cmd === 'revoke' && a && b) {
      console.log((await ops.revoke(a, b)) ? `revoked ${b}` : `no active device ${b} in team ${a}`);
    } else if (cmd === 'purge' && a && b) {
      console.log(`removed ${await ops.purge(a, Number(b))} tombstones`);
    } else {
      console.error(USAGE);
      return 2;
    }
    return 0;
  } finally {
    await db?.close();
  }
}

async function serveForever(): Promise<void> {
  const cfg = loadConfig();
  // The embedded database has one owner: a second server on its folder would write the same files.
  const running = cfg.databaseUrl ? null : readLink(cfg.dataDir);
  if (running && (await serverAnswers(running))) {
    console.error(
      `A sync server (process ${running.pid}, port ${running.port}) is already running on this data folder (${cfg.dataDir}). Stop it first, or give this one another SIDECAR_DATA_DIR.`,
    );
    process.exitCode = 1;
    return;
  }
  const db = await openDatabase({ url: cfg.databaseUrl, dataDir: cfg.dataDir, poolSize: cfg.poolSize });
  const secret = randomBytes(24).toString('base64url');
  // Test seam for the kill test (server/test/kill.test.ts): every push waits this long before COMMIT, saying so.
  const holdMs = Number(process.env.SIDECAR_TEST_HOLD_PUSH_MS ?? 0);
  const app = createApp(db, cfg, {
    beforeCommit: holdMs > 0 ? async ({ version }) => {
      console.log(`holding push at version ${version}`);
      await new Promise((r) => setTimeout(r, holdMs));
    } : undefined,
    clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
    admin: { ops: directAdmin(db, cfg.pairingCodeTtlMs), secret },
  });
  let unlink = () => {};
  const server = serve({ fetch: app.fetch, port: cfg.port }, (info) => {
    if (db.kind === 'pglite') unlink = writeLink(cfg.dataDir, { pid: process.pid, port: info.port, secret });
    console.log(`sidecar sync server on http://localhost:${info.port} (${db.kind === 'pglite' ? `embedded database in ${cfg.dataDir}` : 'PostgreSQL'})`);
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    unlink();
    server.close();
    void db.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Under `npm run server`, npm's shell is the parent. Stopping npm (SIGTERM to its process alone) ends that
  // shell but reaches no further: the server, left behind, would keep the port and the database. It goes too.
  if (process.env.npm_lifecycle_event === 'server') {
    const parent = process.ppid;
    setInterval(() => process.ppid !== parent && stop(), 500).unref();
  }
}

const args = process.argv.slice(2);
if (args[0] === 'admin') {
  admin(args.slice(1)).then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    },
  );
} else if (args.length > 0) {
  console.error(USAGE);
  process.exitCode = 2;
} else {
  void serveForever();
}
