import type { SidecarDb } from '../db';
import { recomputeNudges } from '../services/nudge-pass';
import { countActiveNudges, nextWakeUp } from '../services/nudges';
import { loadSettings } from '../services/settings';
import { applyDueFutureActivities, syncEngagementHalfLife } from '../services/summaries';
import { NUDGES_LAST_FULL_KEY } from './storage-keys';

const FULL = 'nudges-full';
const WAKE = 'nudges-wake';
const DAILY = 'nudges-daily';
// A nudge (its due time, its sentence) depends only on the data, so stored
// nudges fall due by themselves; writes recompute their contacts at once. A
// full pass is only for what time alone changes (score decay, stage medians)
// and for settings edits: daily is plenty.
const FULL_EVERY_MS = 24 * 3_600_000;

/** The count as the badge and the digest show it: countActiveNudges stops at 1,000. */
const countText = (n: number) => (n > 999 ? '999+' : String(n));

/** Next local occurrence of HH:MM after `now`. */
function nextDaily(time: string, now: number): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const d = new Date(now);
  const at = new Date(d.getFullYear(), d.getMonth(), d.getDate(), h, m, 0, 0);
  if (at.getTime() <= now) at.setDate(at.getDate() + 1);
  return at.getTime();
}

/**
 * The MV3 worker may be stopped at any time, so nothing here is a long-lived
 * timer: chrome.alarms wakes it (an hourly check for the daily full pass, a
 * wake-up when the next nudge falls due, a snooze ends or a future-dated
 * activity comes due, the daily digest),
 * and every write is followed by a quick pass over just the contacts it touched.
 */
/** A hold nobody released (a page that stalled) ends by itself after this. */
const HOLD_MAX_MS = 2 * 60_000;

export function startNudgeEngine(db: SidecarDb, locale: () => string, refreshViews: () => void) {
  let pending: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();
  // While the rep waits on a backup, import or restore, the engine waits between pages: both would share
  // IndexedDB's one backend, and a pass after a restore (every contact rebuilt) made a backup 3x slower.
  const holds = new Set<symbol>();
  let waiting: (() => void)[] = [];
  const free = (): Promise<void> => (holds.size === 0 ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve)));
  const hold = (maxMs = HOLD_MAX_MS) => {
    const h = Symbol('hold');
    holds.add(h);
    const release = () => {
      clearTimeout(timer);
      if (!holds.delete(h) || holds.size > 0) return;
      const wake = waiting;
      waiting = [];
      for (const w of wake) w();
    };
    const timer = setTimeout(release, maxMs);
    return release;
  };

  // Firefox's MV2 build has browserAction where Chromium's MV3 has action.
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  const updateBadge = async () => {
    const n = await countActiveNudges(db, Date.now());
    await action.setBadgeBackgroundColor({ color: '#b45309' });
    await action.setBadgeText({ text: n === 0 ? '' : countText(n) });
  };
  const scheduleWake = async () => {
    const t = await nextWakeUp(db, Date.now());
    if (t === null) await browser.alarms.clear(WAKE);
    else await browser.alarms.create(WAKE, { when: Math.max(t, Date.now() + 1000) });
  };
  const scheduleDaily = async () => {
    const { notifications } = await loadSettings(db, locale());
    if (notifications.enabled) await browser.alarms.create(DAILY, { when: nextDaily(notifications.time, Date.now()) });
    else await browser.alarms.clear(DAILY);
  };

  const serial = (job: () => Promise<void>) => {
    running = running
      .then(async () => {
        // Chromium stops an MV3 worker idle for 30 s, and IndexedDB work is not activity there; an
        // extension API call is. A first pass over a large pipeline takes longer than that (and if the
        // worker is stopped anyway, the rebuild resumes where it stopped).
        const keepAlive = setInterval(() => void browser.runtime.getPlatformInfo().catch(() => {}), 20_000);
        try {
          await free();
          await job();
        } finally {
          clearInterval(keepAlive);
        }
      })
      .catch((e) => console.error('[sidecar nudges]', e));
    return running;
  };

  const full = () =>
    serial(async () => {
      const now = Date.now();
      // A half-life edit changes every lead's engagement: the summaries follow before the scores are read.
      await syncEngagementHalfLife(db, locale(), now);
      await applyDueFutureActivities(db, locale(), now);
      await recomputeNudges(db, { now, locale: locale(), all: true, pause: free });
      await browser.storage.local.set({ [NUDGES_LAST_FULL_KEY]: now });
      await updateBadge();
      await scheduleWake();
    });
  /** The worker wakes often; the full pass runs only when a day has passed (or the clock jumped back). */
  const fullIfDue = async () => {
    const last = (await browser.storage.local.get(NUDGES_LAST_FULL_KEY))[NUDGES_LAST_FULL_KEY] as number | undefined;
    const now = Date.now();
    if (last === undefined || now - last >= FULL_EVERY_MS || now < last) await full();
    else await incremental();
  };

  const incremental = () =>
    serial(async () => {
      // The contacts to recompute are the ones writes marked in the database (lib/db/facts-dirty),
      // so a write is never missed: not when the worker stopped before this ran, not when the clock went back.
      await recomputeNudges(db, { now: Date.now(), locale: locale(), pause: free });
      await updateBadge();
      await scheduleWake();
    });

  const digest = async () => {
    const { notifications } = await loadSettings(db, locale());
    if (!notifications.enabled) return;
    const n = await countActiveNudges(db, Date.now());
    const api = (browser as unknown as { notifications?: { create(o: object): Promise<string> } }).notifications;
    if (n > 0 && api) {
      await api.create({
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: browser.i18n.getMessage('extName') || 'Sidecar CRM',
        message: browser.i18n.getMessage('digestMessage', [countText(n)]) || `${countText(n)} follow-ups are due.`,
      });
    }
    await scheduleDaily();
  };

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FULL) void fullIfDue();
    else if (alarm.name === WAKE) void serial(async () => {
      // Time passing changes nothing in the database, so open lists would not notice a
      // snooze ending or a nudge falling due: re-run them.
      await db.nudgeStates.where('state').equals('snoozed').and((s) => (s.until ?? 0) <= Date.now()).delete();
      // An activity dated ahead of the clock is applied when its time comes, not when its contact is next written.
      if ((await applyDueFutureActivities(db, locale(), Date.now())) > 0) await recomputeNudges(db, { now: Date.now(), locale: locale(), pause: free });
      refreshViews();
      await updateBadge();
      await scheduleWake();
    });
    else if (alarm.name === DAILY) void digest();
  });
  void browser.alarms.create(FULL, { periodInMinutes: 60 });
  void fullIfDue();
  void scheduleDaily();

  return {
    /** After a write: recompute the touched contacts and the badge (debounced, a few ms). */
    poke() {
      if (pending) clearTimeout(pending);
      pending = setTimeout(() => {
        pending = null;
        void incremental();
      }, 15);
    },
    /** After a settings change: everything may differ. */
    full,
    refreshBadge: () => serial(async () => {
      await updateBadge();
      await scheduleWake();
    }),
    scheduleDaily,
    /** Holds the engine between pages until the returned release is called (or HOLD_MAX_MS passed). */
    hold,
  };
}
