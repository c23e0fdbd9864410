import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AdminOps, DeviceInfo } from './admin';

/**
 * The embedded database can be opened by one process only. While a server
 * runs on it, it leaves its port and a random secret in the data folder, and
 * `npm run server -- admin …` sends the command to that server (on the
 * loopback address, with the secret) instead of opening the files itself.
 */
interface Link {
  pid: number;
  port: number;
  secret: string;
}

const FILE = 'server.json';

export function writeLink(dataDir: string, link: Link): () => void {
  const path = join(dataDir, FILE);
  writeFileSync(path, JSON.stringify(link), { mode: 0o600 });
  return () => rmSync(path, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The running server's link, if one is running on this data folder. */
export function readLink(dataDir: string): Link | null {
  const path = join(dataDir, FILE);
  if (!existsSync(path)) return null;
  try {
    const link = JSON.parse(readFileSync(path, 'utf8')) as Link;
    return alive(link.pid) ? link : null;
  } catch {
    return null;
  }
}

/** Whether the linked server answers on its port (its process id alone may have been given to another process since). */
export async function serverAnswers(link: Link): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${link.port}/health`, { signal: AbortSignal.timeout(2_000) });
    return res.ok && ((await res.json()) as { database?: string }).database === 'pglite';
  } catch {
    return false;
  }
}

export function linkedAdmin(link: Link): AdminOps {
  const call = async <T>(command: string, body: Record<string, unknown>): Promise<T> => {
    const res = await fetch(`http://127.0.0.1:${link.port}/admin/${command}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-sidecar-admin': link.secret },
      body: JSON.stringify(body),
    });
    const out = (await res.json()) as { result?: T; error?: string };
    if (!res.ok) throw new Error(out.error ?? `server answered ${res.status}`);
    return out.result as T;
  };
  return {
    createTeam: (name) => call('create-team', { name }),
    pair: (team, email) => call('pair', { team, email }),
    devices: (team) => call<DeviceInfo[]>('devices', { team }),
    revoke: (team, device) => call('revoke', { team, device }),
    purge: (team, days) => call('purge', { team, days }),
  };
}
