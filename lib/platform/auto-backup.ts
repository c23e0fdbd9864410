import type { SidecarDb } from '../db';
import { backupChunks } from '../services/export';
import { loadSettings } from '../services/settings';
import { BACKUP_STATE_KEY } from './storage-keys';

// Automatic backups (opt-in in options): a full backup file in the Downloads
// folder (sidecar-backups/), daily or weekly on chrome.alarms, the last N kept.
// Needs the optional `downloads` permission, asked for when the rep turns this
// on. Chromium's MV3 worker cannot make a file URL, so the file is built in an
// offscreen document (reason BLOBS) that reads the backup over the data port;
// Firefox's background page builds it itself.

const ALARM = 'sidecar-auto-backup';
export const OFFSCREEN_PORT = 'sidecar-offscreen-backup';
const PERIOD_MIN = { daily: 24 * 60, weekly: 7 * 24 * 60 } as const;

/** The error a run records when the downloads permission is missing (a restored backup can switch backups on without it). */
export const NO_DOWNLOADS = 'no downloads permission';

export interface BackupState {
  /** When the last automatic backup was saved. */
  last: number | null;
  /** Downloads made, oldest first, so the oldest beyond `keep` can be removed. */
  files: { id: number; at: number }[];
  error: string | null;
}

export async function readBackupState(): Promise<BackupState> {
  const v = (await browser.storage.local.get(BACKUP_STATE_KEY))[BACKUP_STATE_KEY] as Partial<BackupState> | undefined;
  return { last: typeof v?.last === 'number' ? v.last : null, files: Array.isArray(v?.files) ? v.files : [], error: typeof v?.error === 'string' ? v.error : null };
}

/** Calls `onState` now and on every change, until `signal` aborts (the options page shows when the last backup was made). */
export function followBackupState(onState: (s: BackupState) => void, signal: AbortSignal): void {
  void readBackupState().then((s) => !signal.aborted && onState(s));
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && BACKUP_STATE_KEY in changes) void readBackupState().then((s) => !signal.aborted && onState(s));
  };
  browser.storage.onChanged.addListener(listener);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(listener));
}

const fileName = (now: number) => {
  const d = new Date(now);
  const p = (n: number) => String(n).padStart(2, '0');
  return `sidecar-backups/sidecar-backup-${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}.json`;
};

type Downloads = typeof browser.downloads;
const downloadsApi = () => (browser as unknown as { downloads?: Downloads }).downloads;

function whenComplete(id: number): Promise<void> {
  const api = downloadsApi()!;
  return new Promise((resolve, reject) => {
    const listener = (delta: { id: number; state?: { current?: string }; error?: { current?: string } }) => {
      if (delta.id !== id) return;
      if (delta.state?.current === 'complete') done(resolve);
      else if (delta.state?.current === 'interrupted') done(() => reject(new Error(delta.error?.current ?? 'download interrupted')));
    };
    const done = (f: () => void) => {
      api.onChanged.removeListener(listener);
      f();
    };
    api.onChanged.addListener(listener);
    void api.search({ id }).then(([d]) => d?.state === 'complete' && done(resolve));
  });
}

/** A file URL for a fresh backup, and what to do once it is saved. */
async function backupUrl(db: SidecarDb): Promise<{ url: string; release: () => Promise<void> }> {
  if (typeof URL.createObjectURL === 'function' && typeof document !== 'undefined') {
    const parts: Blob[] = [];
    for await (const c of backupChunks(db, { now: Date.now(), app: browser.runtime.getManifest().version })) parts.push(new Blob([c]));
    const url = URL.createObjectURL(new Blob(parts, { type: 'application/json' }));
    return { url, release: async () => URL.revokeObjectURL(url) };
  }
  const offscreen = (globalThis as unknown as { chrome: { offscreen: { createDocument(o: object): Promise<void>; closeDocument(): Promise<void>; hasDocument?(): Promise<boolean> } } }).chrome.offscreen;
  const got = new Promise<{ url: string; port: Browser.runtime.Port }>((resolve, reject) => {
    const onConnect = (port: Browser.runtime.Port) => {
      if (port.name !== OFFSCREEN_PORT || port.sender?.id !== browser.runtime.id) return;
      browser.runtime.onConnect.removeListener(onConnect);
      port.onMessage.addListener((msg: { url?: string; error?: string }) => (msg.url ? resolve({ url: msg.url, port }) : reject(new Error(msg.error ?? 'no backup'))));
    };
    browser.runtime.onConnect.addListener(onConnect);
  });
  if (await offscreen.hasDocument?.()) await offscreen.closeDocument();
  await offscreen.createDocument({ url: browser.runtime.getURL('/offscreen.html'), reasons: ['BLOBS'], justification: 'Build the automatic backup file for the Downloads folder.' });
  const { url, port } = await got;
  return { url, release: async () => {
    port.disconnect();
    await offscreen.closeDocument().catch(() => {});
  } };
}

export function startAutoBackups(db: SidecarDb, locale: () => string) {
  const setState = async (patch: Partial<BackupState>) => browser.storage.local.set({ [BACKUP_STATE_KEY]: { ...(await readBackupState()), ...patch } });

  const run = async () => {
    const { backups } = await loadSettings(db, locale());
    if (!backups.enabled) return;
    const api = downloadsApi();
    if (!api || !(await browser.permissions.contains({ permissions: ['downloads'] }))) return setState({ error: NO_DOWNLOADS });
    const now = Date.now();
    try {
      const { url, release } = await backupUrl(db);
      try {
        const id = await api.download({ url, filename: fileName(now), conflictAction: 'uniquify', saveAs: false });
        await whenComplete(id);
        const files = [...(await readBackupState()).files, { id, at: now }];
        // Only the files this feature wrote are ever removed, oldest first.
        while (files.length > backups.keep) {
          const old = files.shift()!;
          await api.removeFile(old.id).catch(() => {});
          await api.erase({ id: old.id }).catch(() => {});
        }
        await setState({ last: now, files, error: null });
      } finally {
        await release();
      }
    } catch (e) {
      await setState({ error: e instanceof Error ? e.message : String(e) });
    }
  };

  /** The alarm follows the settings: the first backup one period after the last one (or now, if overdue). */
  const schedule = async () => {
    const { backups } = await loadSettings(db, locale());
    if (!backups.enabled) return void (await browser.alarms.clear(ALARM));
    const period = PERIOD_MIN[backups.every];
    const { last } = await readBackupState();
    const due = last === null ? Date.now() + 60_000 : Math.max(Date.now() + 1000, last + period * 60_000);
    const current = await browser.alarms.get(ALARM);
    if (current && current.periodInMinutes === period && Math.abs(current.scheduledTime - due) < 60_000) return;
    await browser.alarms.create(ALARM, { when: due, periodInMinutes: period });
  };

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void run();
  });
  void schedule();
  return { schedule, run };
}
