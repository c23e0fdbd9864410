import type { SidecarDb } from '../db';
import { markQuiet } from '../db/sync-outbox';
import { normalizeEmail } from '../domain/email';
import { normalizeServerUrl } from '../domain/sync-url';
import { defaultLocale, rememberPairedAddress } from '../services/settings';
import { DEFAULT_PULL_LIMIT, MAX_PULL_LIMIT, type PullResponse } from '../domain/sync-wire';
import { applyPage, finishResync } from './apply-page';
import { acknowledge, adoptServerClock, DEFAULT_LIMITS, dropInflight, nextBatch, restartFromScratch, type BatchLimits } from './push';
import { readState, writeState, type SyncState } from './state';
import { rebuildStaleSummaries } from './summaries';
import { pairDevice, pullPage, pushBatch, SyncCallError, type Fetch, type SyncFailure } from './transport';

export interface SyncOptions {
  fetch?: Fetch;
  now?: () => number;
  pullLimit?: number;
  limits?: BatchLimits;
  /** Test seam: called between the steps of a run (see the crash tests). */
  step?: (name: string) => void | Promise<void>;
  /**
   * Keeps the nudge engine waiting, returning its release: taken when a run catches up (a first sync, a
   * re-sync, or a page with more after it), until the run ends. The pages after one that marked every contact
   * for a rebuild mark nothing more while the rebuild waits; an engine running between them would rebuild
   * everything after each page, on the same IndexedDB backend the pages are written through.
   */
  hold?: () => () => void;
}

export interface RunResult {
  ok: boolean;
  pushed: number;
  pulled: number;
  failure?: SyncFailure;
}

// Failures that another try may cure: the network, a busy or failing server.
const TRANSIENT = new Set(['network', 'server_error', 'rate_limited', 'bad_response', 'local_error']);
const MAX_BACKOFF_MS = 10 * 60_000;

/** How long to wait after the n-th failure in a row: 5 s, 10 s, 20 s… up to 10 minutes, with jitter so a team's devices spread out. */
export function backoffMs(failures: number, random = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 5_000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.5 + random() / 2));
}

/**
 * The client side of sync: pairing, and runs of push-then-pull. A run first
 * sends everything unsent, batch by batch (each kept until acknowledged, then
 * removed with its outbox entries), then pulls page by page (each page stored
 * with its cursor), then rebuilds what the pulled records change (activity
 * summaries). Driven by chrome.alarms from the background (lib/platform); one
 * run at a time.
 */
export class SyncClient {
  private readonly fetchFn: Fetch;
  private readonly now: () => number;
  private running: Promise<RunResult> | null = null;
  private limits: BatchLimits;
  /** The nudge engine's release while this run holds it. */
  private release: (() => void) | null = null;

  constructor(
    private readonly db: SidecarDb,
    private readonly opts: SyncOptions = {},
  ) {
    this.fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
    this.now = opts.now ?? (() => Date.now());
    this.limits = opts.limits ?? DEFAULT_LIMITS;
  }

  /** Pairs this browser with a server and a code, and starts its first upload. Local data is kept. */
  async connect(rawUrl: string, code: string, name: string): Promise<{ ok: true } | { ok: false; failure: SyncFailure }> {
    const url = normalizeServerUrl(rawUrl);
    if (!url) return { ok: false, failure: { code: 'bad_url', message: 'Use https://…, or http://localhost for a server on this computer.' } };
    try {
      const p = await pairDevice(this.fetchFn, url, code.trim(), name);
      // The paired user's address is the rep's own when no Gmail account told it yet (a rep on LinkedIn only): their
      // new deals are then owned by it, and teammates see whose they are. Otherwise it is proposed, as a second
      // Gmail account is (the rep confirms it in the options). Learnt before sync is on, so nothing is queued for it.
      const email = p.email ? normalizeEmail(p.email) : null;
      if (email) await rememberPairedAddress(this.db, defaultLocale(), email);
      await this.db.transaction('rw', [this.db.syncState, this.db.outbox, this.db.resyncSeen], async (tx) => {
        markQuiet(tx.idbtrans);
        await this.db.outbox.clear();
        await this.db.resyncSeen.clear();
        const state: SyncState = {
          key: 'state',
          url,
          teamId: p.teamId,
          deviceId: p.deviceId,
          token: p.token,
          clockOffset: 0,
          cursor: '',
          nextSeq: 1,
          inflight: null,
          upload: { table: 0, after: '' },
          resync: false,
          lastSyncAt: null,
          lastError: null,
          failures: 0,
          retryAt: 0,
          running: null,
          skipped: 0,
        };
        await writeState(this.db, state);
      });
      return { ok: true };
    } catch (e) {
      if (e instanceof SyncCallError) return { ok: false, failure: e.failure };
      throw e;
    }
  }

  /** Stops syncing: the token and unsent changes are forgotten here; every record stays. */
  async disconnect(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.db.transaction('rw', [this.db.syncState, this.db.outbox, this.db.resyncSeen], async (tx) => {
      markQuiet(tx.idbtrans);
      await this.db.syncState.delete('state');
      await this.db.outbox.clear();
      await this.db.resyncSeen.clear();
    });
    await rebuildStaleSummaries(this.db, this.now());
  }

  /** Whether an automatic run is due (connected, not in backoff, not stopped by an error only the rep can fix). */
  async due(): Promise<boolean> {
    const st = await readState(this.db);
    if (!st) return false;
    if (st.lastError && !TRANSIENT.has(st.lastError.code) && st.lastError.code !== 'resync') return false;
    return this.now() >= st.retryAt;
  }

  /** After the worker restarted: a run it was doing is not going on any more. */
  async clearStaleRun(): Promise<void> {
    if (!this.running) await this.patchState({ running: null });
  }

  /** One run; a second call while one is going joins it. */
  sync(): Promise<RunResult> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /**
   * A run that starts after this call ("Sync now"): one already going may have pulled before what the rep is
   * waiting for was pushed elsewhere, so it is let finish and another follows (calls made meanwhile share that one).
   */
  async syncFresh(): Promise<RunResult> {
    await this.running?.catch(() => undefined);
    return this.sync();
  }

  private async patchState(patch: Partial<SyncState>): Promise<void> {
    await this.db.transaction('rw', [this.db.syncState], async () => {
      const st = await readState(this.db);
      if (st) await writeState(this.db, { ...st, ...patch });
    });
  }

  private async run(): Promise<RunResult> {
    const result: RunResult = { ok: false, pushed: 0, pulled: 0 };
    if (!(await readState(this.db))) return result;
    await this.patchState({ running: this.now(), received: 0 });
    try {
      await this.pushAll(result);
      await this.pullAll(result);
      await this.opts.step?.('summaries');
      await rebuildStaleSummaries(this.db, this.now());
      result.ok = true;
      await this.patchState({ running: null, lastSyncAt: this.now(), lastError: null, failures: 0, retryAt: 0 });
    } catch (e) {
      // Storage errors (a full disk, an aborted transaction) end the run like a network error: what was
      // stored stays consistent (each step is one transaction), and a later run takes up from there.
      const failure: SyncFailure = e instanceof SyncCallError ? e.failure : { code: 'local_error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
      result.failure = failure;
      const st = await readState(this.db);
      const failures = (st?.failures ?? 0) + 1;
      const wait = failure.retryAfter ? failure.retryAfter * 1000 : backoffMs(failures);
      await this.patchState({ running: null, failures, retryAt: this.now() + wait, lastError: { code: failure.code, message: failure.message, at: this.now() } }).catch(() => undefined);
    } finally {
      this.release?.();
      this.release = null;
    }
    return result;
  }

  private async pushAll(result: RunResult): Promise<void> {
    for (let refusals = 0; ; ) {
      await this.opts.step?.('build');
      const batch = await nextBatch(this.db, this.limits, this.now());
      if (!batch) return;
      const st = await readState(this.db);
      if (!st) return;
      try {
        await this.opts.step?.('send');
        const ack = await pushBatch(this.fetchFn, st, batch.body);
        await this.opts.step?.('ack');
        await acknowledge(this.db, batch);
        if (!ack.duplicate) result.pushed += JSON.parse(batch.body).changes.length;
      } catch (e) {
        if (!(e instanceof SyncCallError) || ++refusals > 3) throw e;
        const f = e.failure;
        if (f.code === 'clock_skew' && f.now !== undefined) await adoptServerClock(this.db, f.now, this.now());
        else if (f.code === 'sequence_gap' && f.expected !== undefined) await restartFromScratch(this.db, f.expected);
        else if (f.code === 'too_large' && this.limits.changes > 1) {
          this.limits = { changes: Math.max(1, Math.floor(this.limits.changes / 2)), bytes: Math.max(10_000, Math.floor(this.limits.bytes / 2)) };
          await dropInflight(this.db);
        } else throw e;
      }
    }
  }

  private async pullAll(result: RunResult): Promise<void> {
    // The next page is fetched while this one is stored: the server's time and the database's overlap.
    let prefetched: { after: string; page: Promise<PullResponse> } | null = null;
    for (;;) {
      const st = await readState(this.db);
      if (!st) return;
      // Catching up (a first sync, a re-sync, or more after a full page) goes in the largest pages: fewer
      // round trips and transactions. A routine pull asks for the small default.
      const limit = this.opts.pullLimit ?? (st.cursor === '' || st.resync || prefetched ? MAX_PULL_LIMIT : DEFAULT_PULL_LIMIT);
      await this.opts.step?.('pull');
      let page: PullResponse;
      try {
        const pending: Promise<PullResponse> = prefetched?.after === st.cursor ? prefetched.page : pullPage(this.fetchFn, st, st.cursor, limit);
        prefetched = null;
        page = await pending;
      } catch (e) {
        if (e instanceof SyncCallError && e.failure.code === 'resync') {
          // Tombstones this device never saw were cleaned up: everything again, from the start.
          await this.db.transaction('rw', [this.db.syncState, this.db.resyncSeen], async () => {
            await this.db.resyncSeen.clear();
            const s = await readState(this.db);
            if (s) await writeState(this.db, { ...s, cursor: '', resync: true });
          });
          continue;
        }
        throw e;
      }
      if (page.more) {
        const next = pullPage(this.fetchFn, st, page.cursor, limit);
        // Its failure is met when it is awaited (or never, if this run stops first).
        next.catch(() => undefined);
        prefetched = { after: page.cursor, page: next };
      }
      if (st.cursor === '' || st.resync || page.more) this.release ??= this.opts.hold?.() ?? null;
      await this.opts.step?.('apply');
      if (!(await applyPage(this.db, st.cursor, page, this.now()))) return;
      result.pulled += page.rows.length;
      if (!page.more) break;
    }
    await this.opts.step?.('finish');
    await finishResync(this.db);
  }
}
