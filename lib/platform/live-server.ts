import { Dexie } from 'dexie';
import type { SidecarDb } from '../db';
import { LIVE_PORT, LiveRequestSchema, type LiveQuery, type LiveResponse } from '../messaging/live';
import { runView } from '../services/views';
import { hostTabOf, pageContextFor } from './page-context';

const HEAVY = new Set<LiveQuery['name']>(['pipeline', 'board', 'metrics', 'review']);

// The dashboard's views keep their result between runs (lib/services/dashboard): every page that subscribes gets
// the same object, whose text (10,000 rows are megabytes) is made once, not once per subscriber.
const texts = new WeakMap<object, string>();
function serialized(data: unknown): string {
  if (typeof data !== 'object' || data === null) return JSON.stringify(data);
  let text = texts.get(data);
  if (text === undefined) texts.set(data, (text = JSON.stringify(data)));
  return text;
}

interface Sub {
  query: LiveQuery;
  /** The tab whose page hosts the subscriber in a frame; none for the side panel and other top-level pages. */
  hostTabId: number | undefined;
  /** What the page last got, to send only real changes. */
  last: string | null;
  /** The object it was made from: a view that kept its result (lib/services/dashboard) returns the same one. */
  lastData?: unknown;
  /** Runs started, and the newest that answered: an older run finishing later must not overwrite it. */
  started: number;
  answered: number;
  post: (msg: LiveResponse) => void;
}

/**
 * Serves live queries to extension pages (see lib/messaging/live.ts for why).
 * Every write to the database (all writes happen in this worker) re-runs the
 * open views and sends those whose result changed. Deliberately coarse rather
 * than Dexie's range tracking: views await helpers that await other helpers,
 * and a re-run of a handful of small views costs a few milliseconds.
 */
export function serveLiveQueries(db: SidecarDb, locale: () => string): { refresh: () => void } {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const subs = new Set<Map<number, Sub>>();
  let scheduled = false;

  const run = async (id: number, sub: Sub) => {
    const nth = ++sub.started;
    try {
      const data = sub.query.name === 'page' ? await pageContextFor(sub.hostTabId) : await runView(db, sub.query, locale());
      if (nth < sub.answered) return;
      sub.answered = nth;
      if (data !== undefined && data === sub.lastData) return;
      sub.lastData = data;
      const json = serialized(data);
      if (json === sub.last) return;
      sub.last = json;
      sub.post({ op: 'data', id, data });
    } catch (e) {
      sub.post({ op: 'error', id, message: e instanceof Error ? e.message : String(e) });
    }
  };
  const refresh = () => {
    if (scheduled) return;
    scheduled = true;
    // One pass after the current batch of writes has committed.
    setTimeout(() => {
      scheduled = false;
      // The small views (the sidebar's person, chips' stages) first: the dashboard's whole-pipeline views
      // must not hold up what the rep is looking at in Gmail.
      const heavy: [number, Sub][] = [];
      const light: Promise<void>[] = [];
      for (const page of subs) {
        for (const [id, sub] of page) {
          if (sub.query.name === 'page') continue;
          if (HEAVY.has(sub.query.name)) heavy.push([id, sub]);
          else light.push(run(id, sub));
        }
      }
      if (heavy.length) void Promise.all(light).then(() => heavy.forEach(([id, sub]) => void run(id, sub)));
    }, 0);
  };
  // Page contexts live in session storage, not in the database: their own, cheaper refresh.
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area !== 'session') return;
    for (const page of subs) for (const [id, sub] of page) if (sub.query.name === 'page') void run(id, sub);
  });
  // The nudge engine's own bookkeeping (packed facts, change markers) is in no view.
  const internal = [`idb://${db.name}/factBuckets/`, `idb://${db.name}/factsDirty/`];
  Dexie.on('storagemutated', (parts) => {
    if (Object.keys(parts).some((p) => p.startsWith(`idb://${db.name}/`) && !internal.some((i) => p.startsWith(i)))) refresh();
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LIVE_PORT) return;
    const origin = port.sender?.url ? new URL(port.sender.url).origin : null;
    if (port.sender?.id !== browser.runtime.id || origin !== extensionOrigin) return port.disconnect();
    const page = new Map<number, Sub>();
    subs.add(page);
    const hostTabId = hostTabOf(port.sender);
    const post = (msg: LiveResponse) => {
      try {
        port.postMessage(msg);
      } catch {
        // The page went away between a change and its answer.
      }
    };
    port.onMessage.addListener((raw: unknown) => {
      const parsed = LiveRequestSchema.safeParse(raw);
      if (!parsed.success) {
        // Never left unanswered: a request the schema refuses (a query over its limits) gets an error the page
        // shows, instead of "Loading…" forever.
        const id = (raw as { id?: unknown } | null)?.id;
        if (typeof id === 'number' && Number.isInteger(id)) post({ op: 'error', id, message: 'invalid_query' });
        return;
      }
      const req = parsed.data;
      page.delete(req.id);
      if (req.op === 'unsub') return;
      const sub: Sub = { query: req.query, hostTabId, last: null, started: 0, answered: 0, post };
      page.set(req.id, sub);
      void run(req.id, sub);
    });
    port.onDisconnect.addListener(() => subs.delete(page));
  });
  return { refresh };
}
