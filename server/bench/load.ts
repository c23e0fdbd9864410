import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { encodeHlc } from '../../lib/domain/hlc';
import { createPairingCode, createTeam } from '../admin';
import { openDatabase } from '../db';

/**
 * Load test of the sync server on PostgreSQL (`DATABASE_URL`), on this
 * machine's loopback only, bounded in time: a server process, TEAMS teams of
 * DEVICES/TEAMS paired devices, each team over 2,000 contacts, then autocannon with one
 * connection per device for SECONDS, each alternating a pull from its
 * cursor (what its team pushed since: the steady state) and a push of one field edit (the
 * next batch number, a fresh stamp): once as fast as the server answers
 * (its throughput, with autocannon), then at a steady offered rate of RATE
 * requests a second, one due every 1/RATE s (the latency at the budget's
 * rate, open loop). Prints one JSON line for test/bench/run.mjs.
 */
const DEVICES = Number(process.env.SYNC_LOAD_DEVICES ?? 40);
/** Teams on the server (the devices are spread over them): a server serves many small teams, each its own lock. */
const TEAMS = Number(process.env.SYNC_LOAD_TEAMS ?? 8);
const SECONDS = Number(process.env.SYNC_LOAD_SECONDS ?? 10);
/** The offered rate of the second run: the budget's 300 requests a second, at which its p99 is measured. */
const RATE = Number(process.env.SYNC_LOAD_RATE ?? 300);
/** Seconds at that rate before the measured ones: every device's first requests, on connections still being opened. */
const WARMUP = Number(process.env.SYNC_LOAD_WARMUP ?? 2);
const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * CPU time (ms, user + system) of a process so far, from /proc; 0 where there is none. On a shared machine this,
 * per request, compares runs at different loads. With `reaped`, that of its children that have exited too.
 */
function cpuMs(pid: number, reaped = false): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0)) * 10;
  } catch {
    return 0;
  }
}
/**
 * The same for PostgreSQL: every process of it on this machine, plus the backends that have exited (connections
 * closed when idle, autovacuum workers), which the postmaster has reaped: without them the figure could fall.
 */
function postgresCpuMs(): number {
  try {
    return execFileSync('pgrep', ['-x', 'postgres'], { encoding: 'utf8' }).split('\n').filter(Boolean).reduce((n, pid) => n + cpuMs(Number(pid), true), 0);
  } catch {
    return 0;
  }
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log(JSON.stringify({ skipped: 'no DATABASE_URL (PostgreSQL) set' }));
    return;
  }
  const port = 19_000 + Math.floor(Math.random() * 1000);
  const server = spawn(process.execPath, [...(process.env.SYNC_LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: url, SIDECAR_RATE_PER_SECOND: '100', SIDECAR_RATE_BURST: '200' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (b: Buffer) => b.toString().includes('sidecar sync server on') && resolve());
    server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  const db = await openDatabase({ url, dataDir: '', poolSize: 2 });
  try {
    const teamIds: string[] = [];
    for (let t = 0; t < TEAMS; t++) teamIds.push(await createTeam(db, `load test ${t}`));
    const devices: { id: string; team: string; token: string; seq: number; cursor: string; counter: number }[] = [];
    // Two sets of devices, one per run: a push cut off when the first run stops leaves its device's batch number unsure.
    for (let i = 0; i < 2 * DEVICES; i++) {
      const team = teamIds[i % TEAMS]!;
      const code = await createPairingCode(db, team, { ttlMs: 60_000 });
      const r = (await (await fetch(`${base}/v1/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: `load ${i}` }) })).json()) as {
        deviceId: string;
        token: string;
      };
      devices.push({ id: r.deviceId, team, token: r.token, seq: 0, cursor: '', counter: 0 });
    }
    const stamp = (d: (typeof devices)[number]) => encodeHlc({ ms: Date.now(), counter: ++d.counter % 100_000, node: d.id });
    const headers = (d: (typeof devices)[number]) => ({ authorization: `Bearer ${d.token}`, 'content-type': 'application/json' });
    // 2,000 contacts to edit per team, in two batches of the team's first device.
    for (const seed of devices.slice(0, TEAMS)) {
      for (let b = 0; b < 2; b++) {
        const changes = Array.from({ length: 1000 }, (_, i) => ({
          t: 'contacts',
          id: `C${b}${String(i).padStart(4, '0')}`,
          op: 'insert',
          s: stamp(seed),
          f: { name: `n${i}`, emails: [`p${b}-${i}@example.com`], title: null, headline: null, location: null, companyId: null, linkedinUrl: null, photoUrl: null, createdAt: 1, updatedAt: 1, deletedAt: null },
        }));
        const res = await fetch(`${base}/v1/teams/${seed.team}/push`, { method: 'POST', headers: headers(seed), body: JSON.stringify({ deviceId: seed.id, seq: ++seed.seq, changes }) });
        if (!res.ok) throw new Error(`seed push ${res.status} ${await res.text()}`);
      }
    }
    // Every device pulls to the end once: from then on a pull is the steady state.
    for (const d of devices) {
      for (;;) {
        const page = (await (await fetch(`${base}/v1/teams/${d.team}/pull?after=${encodeURIComponent(d.cursor)}&limit=5000`, { headers: headers(d) })).json()) as { cursor: string; more: boolean };
        d.cursor = page.cursor;
        if (!page.more) break;
      }
    }
    type Device = (typeof devices)[number];
    const pullPath = (d: Device) => `/v1/teams/${d.team}/pull?after=${encodeURIComponent(d.cursor)}&limit=1000`;
    const pushBody = (d: Device) => {
      const id = `C${Math.random() < 0.5 ? 0 : 1}${String(Math.floor(Math.random() * 1000)).padStart(4, '0')}`;
      return JSON.stringify({ deviceId: d.id, seq: ++d.seq, changes: [{ t: 'contacts', id, op: 'patch', s: stamp(d), f: { title: `t${d.seq}` } }] });
    };
    // The device moves on to the cursor it was given, as the extension does: its next pull asks only for
    // what its team pushed since (without this every pull fetched everything since the start, up to 1,000 records).
    const pulledPage = (d: Device, body: string) => {
      const page = JSON.parse(body) as { cursor: string; rows: unknown[] };
      d.cursor = page.cursor;
      return page.rows.length;
    };
    const setOf = (set: number) => devices.map((_, i) => i).filter((i) => Math.floor(i / DEVICES) === set);
    const measure = () => {
      const loadBefore = os.loadavg()[0]!;
      const cpu0 = [cpuMs(server.pid!), postgresCpuMs()];
      const client0 = process.cpuUsage();
      return (total: number) => {
        const client = process.cpuUsage(client0);
        const per = (ms: number) => Math.round((ms / total) * 100) / 100;
        return {
          loadBefore,
          loadAfter: os.loadavg()[0]!,
          serverCpuMsPerRequest: per(cpuMs(server.pid!) - cpu0[0]!),
          postgresCpuMsPerRequest: per(postgresCpuMs() - cpu0[1]!),
          // The load generator runs on the same two cores: what it takes is not the server's to use.
          clientCpuMsPerRequest: per((client.user + client.system) / 1000),
        };
      };
    };

    // As fast as the server answers: autocannon, one connection per device, each sending its next request when
    // answered. autocannon resets a connection's context after each pass over `requests`: the device is taken
    // from a free list by the pull and handed back when its push is answered, so one device never has two pushes on the way.
    const saturated = async (set: number) => {
      const free = setOf(set);
      let [pushes, pulls, pulled, answered] = [0, 0, 0, 0];
      const done = measure();
      const result = await autocannon({
        url: base,
        connections: DEVICES,
        duration: SECONDS,
        requests: [
          {
            setupRequest: (req: Record<string, unknown>, context: Record<string, number>) => {
              context.dev = free.pop()!;
              const d = devices[context.dev]!;
              pulls++;
              return { ...req, method: 'GET', path: pullPath(d), headers: headers(d) };
            },
            onResponse: (status: number, body: string, context: Record<string, number>) => {
              if (status !== 200) return;
              pulled += pulledPage(devices[context.dev!]!, body);
              answered++;
            },
          },
          {
            setupRequest: (req: Record<string, unknown>, context: Record<string, number>) => {
              const d = devices[context.dev!]!;
              pushes++;
              return { ...req, method: 'POST', path: `/v1/teams/${d.team}/push`, headers: headers(d), body: pushBody(d) };
            },
            onResponse: (_status: number, _body: string, context: Record<string, number>) => {
              free.push(context.dev!);
            },
          },
        ],
      } as never);
      const r = result as unknown as { requests: { average: number; total: number }; latency: { p50: number; p99: number; max: number }; non2xx: number; errors: number; timeouts: number };
      return {
        rps: r.requests.average,
        total: r.requests.total,
        p50: r.latency.p50,
        p99: r.latency.p99,
        max: r.latency.max,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
        pulls,
        pushes,
        recordsPerPull: answered ? Math.round((pulled / answered) * 10) / 10 : 0,
        ...done(r.requests.total),
      };
    };

    // At a fixed offered rate, open loop: request i is due at start + i/RATE, evenly spread (autocannon's rate
    // mode sends each second's quota as a burst at the start of the second, which measures saturation again).
    // A due request goes to the device free longest, and waits for one if none is; its latency counts from when
    // it was due, so that waiting counts too (no coordinated omission). Each device alternates pull and push.
    const fixedRate = async (set: number, rate: number) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: DEVICES });
      const free = setOf(set);
      const nextIsPush = new Set<number>();
      const waiting: number[] = [];
      const latencies: number[] = [];
      const warmupLatencies: number[] = [];
      let [pushes, pulls, pulled, answered, non2xx, errors] = [0, 0, 0, 0, 0, 0];
      const send = (method: 'GET' | 'POST', path: string, d: Device, body?: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = http.request(`${base}${path}`, { method, agent, headers: headers(d) }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (b: Buffer) => chunks.push(b));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
          });
          req.on('error', reject);
          req.end(body);
        });
      const run = async (dev: number, due: number): Promise<void> => {
        const d = devices[dev]!;
        const push = nextIsPush.has(dev);
        try {
          const r = push ? await send('POST', `/v1/teams/${d.team}/push`, d, pushBody(d)) : await send('GET', pullPath(d), d);
          if (r.status !== 200) non2xx++;
          else if (!push) {
            pulled += pulledPage(d, r.body);
            answered++;
          }
        } catch {
          errors++;
        }
        const counted = due >= measured;
        (counted ? latencies : warmupLatencies).push(performance.now() - due);
        if (push) {
          if (counted) pushes++;
          nextIsPush.delete(dev);
        } else {
          if (counted) pulls++;
          nextIsPush.add(dev);
        }
        if (waiting.length > 0) void run(dev, waiting.shift()!);
        else free.push(dev);
      };
      const done = measure();
      const total = Math.round(rate * (WARMUP + SECONDS));
      const start = performance.now() + 20;
      const measured = start + WARMUP * 1000;
      for (let i = 0; i < total; i++) {
        const due = start + (i * 1000) / rate;
        const ahead = due - performance.now();
        if (ahead > 0.5) await new Promise((r) => setTimeout(r, ahead));
        const dev = free.shift();
        if (dev === undefined) waiting.push(due);
        else void run(dev, due);
      }
      while (latencies.length + warmupLatencies.length < total) await new Promise((r) => setTimeout(r, 5));
      const elapsed = (performance.now() - measured) / 1000;
      agent.destroy();
      const at = (list: number[], q: number) => Math.round(list.sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))]! * 10) / 10;
      return {
        rps: Math.round((latencies.length / elapsed) * 10) / 10,
        total: latencies.length,
        p50: at(latencies, 0.5),
        p99: at(latencies, 0.99),
        max: at(latencies, 1),
        warmup: { seconds: WARMUP, total: warmupLatencies.length, p50: at(warmupLatencies, 0.5), p99: at(warmupLatencies, 0.99), max: at(warmupLatencies, 1) },
        non2xx,
        errors,
        pulls,
        pushes,
        recordsPerPull: answered ? Math.round((pulled / answered) * 10) / 10 : 0,
        ...done(total),
      };
    };
    // As many requests as the server answers (each device sends its next when answered), then a fixed offered rate.
    const most = await saturated(0);
    const atRate = await fixedRate(1, RATE);
    console.log(JSON.stringify({ ...most, rate: RATE, atRate, devices: DEVICES, teams: TEAMS, seconds: SECONDS }));
  } finally {
    await db.close();
    server.kill('SIGTERM');
  }
}

main().catch((e) => {
  console.log(JSON.stringify({ error: String(e?.message ?? e) }));
  process.exitCode = 1;
});
