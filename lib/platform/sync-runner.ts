import type { SidecarDb } from '../db';
import { SyncClient, type RunResult } from '../sync/engine';
import type { SyncFailure } from '../sync/transport';

const ALARM = 'sidecar-sync';
/** After a local write, how long to wait for more before pushing: a burst of edits goes in one batch. */
const PUSH_DELAY_MS = 2_000;

/** This browser as the server's device list shows it. */
function deviceName(): string {
  const ua = navigator.userAgent;
  const browserName = /Firefox\//.test(ua) ? 'Firefox' : /Edg\//.test(ua) ? 'Edge' : 'Chrome';
  const os = /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /CrOS/.test(ua) ? 'ChromeOS' : /Linux/.test(ua) ? 'Linux' : 'unknown';
  return `${browserName} on ${os}`;
}

export interface SyncRunner {
  connect(url: string, code: string): Promise<{ ok: true } | { ok: false; failure: SyncFailure }>;
  disconnect(): Promise<void>;
  /** "Sync now": runs whatever the backoff says. */
  now(): Promise<RunResult>;
  /** A local write happened: push it soon. */
  soon(): void;
}

/**
 * Drives sync from the background: chrome.alarms wakes the worker every
 * minute for a run when one is due (no long-lived connection is kept), a
 * local write schedules a push a moment later, and `onPulled` tells the rest
 * of the background (nudges, chips) that records arrived. `holdEngine`
 * keeps the nudge engine waiting while a run catches up (SyncOptions.hold).
 */
export function startSyncRunner(db: SidecarDb, onPulled: () => void, holdEngine?: () => () => void): SyncRunner {
  const client = new SyncClient(db, { hold: holdEngine });
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = async (force: boolean, fresh = false): Promise<RunResult> => {
    if (!force && !(await client.due())) return { ok: true, pushed: 0, pulled: 0 };
    const r = await (fresh ? client.syncFresh() : client.sync());
    if (r.pulled > 0) onPulled();
    return r;
  };

  void browser.alarms.create(ALARM, { periodInMinutes: 1 });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void run(false).catch((e: unknown) => console.error('[sidecar] sync', e));
  });
  // A run that was going when the worker stopped is over: the next alarm starts a new one.
  void client.clearStaleRun();

  return {
    async connect(url, code) {
      const r = await client.connect(url, code, deviceName());
      if (r.ok) void run(true);
      return r;
    },
    disconnect: () => client.disconnect(),
    now: () => run(true, true),
    soon() {
      clearTimeout(timer);
      timer = setTimeout(() => void run(false).catch(() => undefined), PUSH_DELAY_MS);
    },
  };
}
