import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run server` as an admin (or a test harness) runs it, on the embedded database: stopping npm stops the
 * server, and a second server on the same data folder does not open the files the first one owns.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
let nextPort = 19_300 + Math.floor(Math.random() * 500);

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<number | null>;
}

function start(command: string, args: string[], dir: string): Started {
  const port = nextPort++;
  const child = spawn(command, args, { cwd: root, env: { ...process.env, DATABASE_URL: '', SIDECAR_DATA_DIR: dir, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, port, output: () => out, exited };
}

async function listening(s: Started): Promise<void> {
  const until = Date.now() + 120_000;
  while (!s.output().includes('sidecar sync server on')) {
    if (Date.now() > until || s.child.exitCode !== null) throw new Error(`server did not start:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whatever server still runs on the folder (the test's own, if it failed): stopped, so no run leaves one behind. */
function stopLeftover(dir: string): void {
  try {
    process.kill((JSON.parse(readFileSync(join(dir, 'server.json'), 'utf8')) as { pid: number }).pid, 'SIGTERM');
  } catch {
    // none
  }
}

const healthy = (port: number) => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false);

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('npm run server on the embedded database', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sidecar-start-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stops when npm is stopped (SIGTERM to the npm process only)', async () => {
    const s = start('npm', ['run', 'server'], dir);
    try {
      await listening(s);
      expect(await healthy(s.port)).toBe(true);
      s.child.kill('SIGTERM');
      await s.exited;
      // The server itself (under npm's shell) goes too, and says so by removing its link for the admin commands.
      expect(await until(async () => !(await healthy(s.port)), 15_000)).toBe(true);
      expect(await until(async () => !existsSync(join(dir, 'server.json')), 5_000)).toBe(true);
    } finally {
      s.child.kill('SIGKILL');
      stopLeftover(dir);
    }
  }, 180_000);

  it('refuses a second server on the same data folder, and the first one keeps serving', async () => {
    const first = start(process.execPath, ['--import', 'tsx', 'server/main.ts'], dir);
    try {
      await listening(first);
      const second = start(process.execPath, ['--import', 'tsx', 'server/main.ts'], dir);
      const code = await Promise.race([second.exited, new Promise((r) => setTimeout(() => r('still running'), 60_000))]);
      second.child.kill('SIGTERM');
      expect(code).not.toBe('still running');
      expect(code).not.toBe(0);
      expect(second.output()).toMatch(/already running on this data folder/);
      expect(second.output()).not.toContain('sidecar sync server on');
      expect(await healthy(first.port)).toBe(true);
      expect(existsSync(join(dir, 'server.json'))).toBe(true);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
      stopLeftover(dir);
    }
  }, 180_000);

  it('an admin command opens the database itself when server.json is stale (its pid now another process, nothing on its port)', async () => {
    // This test's own process stands for the process that was given the dead server's id; nothing listens on the port.
    writeFileSync(join(dir, 'server.json'), JSON.stringify({ pid: process.pid, port: nextPort++, secret: 'stale' }));
    const s = start(process.execPath, ['--import', 'tsx', 'server/main.ts', 'admin', 'create-team', 'Acme'], dir);
    const code = await s.exited;
    expect(s.output()).not.toContain('fetch failed');
    expect(code).toBe(0);
    expect(s.output().trim()).toMatch(/^[0-9A-Z]{26}$/);
  }, 180_000);
});
