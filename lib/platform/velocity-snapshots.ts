import type { SidecarDb } from '../db';
import { keepVelocitySnapshots } from '../services/dashboard';

const ALARM = 'velocity-snapshot';

/**
 * Pipeline velocity over time: chrome.alarms wakes the worker every hour, and
 * each wake refreshes today's snapshot (back-filling missing days from the
 * history), so every day that passes keeps its own figure.
 */
export function startVelocitySnapshots(db: SidecarDb, locale: () => string) {
  let running: Promise<unknown> = Promise.resolve();
  const run = () => (running = running.then(() => keepVelocitySnapshots(db, { now: Date.now(), locale: locale() })).catch((e) => console.error('[sidecar velocity]', e)));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void run();
  });
  void browser.alarms.create(ALARM, { periodInMinutes: 60 });
  void run();
  return { run };
}
