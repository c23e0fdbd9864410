import { Dexie } from 'dexie';
import type { SidecarDb } from '../db';
import { sidebarQuery } from '../domain/sidebar-query';
import { LIVE_PORT, LiveRequestSchema, type LiveQuery, type LiveResponse } from '../messaging/live';
import type { PageContext } from '../messaging/protocol';
import { loadSettings } from '../services/settings';
import { runView } from '../services/views';
import { hostTabOf, pageContextFor } from './page-context';

/**
 * In what order the open views are computed again after a write, by their cost: what the rep is looking at in a
 * sidebar (one person, a page's settings) first, then the short lists, then the views over whole tables (the
 * dashboard's pipeline, metrics and review, what converts). A tier starts when the one before has answered, so a
 * dashboard's board over 10,000 deals never holds up the stage in a Gmail sidebar, whatever tab moved it.
 */
const TIER: Readonly<Record<LiveQuery['name'], 0 | 1 | 2>> = {
  page: 0,
  settings: 0,
  people: 0,
  contact: 0,
  profile: 0,
  nudges: 1,
  syncStatus: 1,
  conversions: 2,
  pipeline: 2,
  board: 2,
  metrics: 2,
  review: 2,
};

// The dashboard's views keep their result between runs (lib/services/dashboard): every page that subscribes gets
// the same object, whose text (10,000 rows are megabytes) is made once, not once per subscriber.
const texts = new WeakMap<object, string>();
function serialized(data: unknown): string {
  if (typeof data !== 'object' || data === null) return JSON.stringify(data);
  let text = texts.get(data);
  if (text === undefined) texts.set(data, (text = JSON.stringify(data)));
  return text;
}

/** A copy of a JSON value with every object's keys in sorted order. */
function sortedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortedKeys) as T;
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.keys(value)
    .sort()
    .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]);
  return Object.fromEntries(entries) as T;
}

interface Sub {
  query: LiveQuery;
  /** What the page last got, to send only real changes. */
  last: string | null;
  /** The object it was made from: a view that kept its result (lib/services/dashboard) returns the same one. */
  lastData?: unknown;
  /** Runs started, and the newest that answered: an older run finishing later must not overwrite it. */
  started: number;
  answered: number;
}

/** One connected extension page. */
interface Page {
  subs: Map<number, Sub>;
  /** The tab whose page hosts this one in a frame; none for the side panel and other top-level pages. */
  hostTabId: number | undefined;
  post: (msg: LiveResponse) => void;
}

/**
 * Serves live queries to extension pages (see lib/messaging/live.ts for why).
 * Every write to the database (all writes happen in this worker) re-runs the
 * open views, cheapest first, and sends those whose result changed. Deliberately
 * coarse rather than Dexie's range tracking: views await helpers that await
 * other helpers, and a re-run of a handful of small views costs a few milliseconds.
 *
 * A page's context ('page') comes with the answer to the query its sidebar asks
 * first (sent ahead), and a content script's report reaches the open sidebars
 * of its tab at once (pageChanged), not through a storage round trip.
 */
export function serveLiveQueries(
  db: SidecarDb,
  locale: () => string,
): { refresh: () => void; pageChanged: (tabId: number, context: PageContext | null, active: boolean) => void } {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  const pages = new Set<Page>();
  let scheduled = false;

  /** The answer to the query the sidebar will ask first for this context, sent before the context itself. */
  const sendAhead = async (page: Page, context: PageContext | null) => {
    const settings = context ? await loadSettings(db, locale()) : null;
    const query = settings && sidebarQuery(context, settings.myAddresses);
    if (!query || query.name === 'page') return;
    const data = await runView(db, query, locale());
    page.post({ op: 'ahead', key: JSON.stringify(query), data });
  };

  const run = async (page: Page, id: number, sub: Sub, given?: PageContext | null) => {
    const nth = ++sub.started;
    try {
      if (sub.query.name === 'page') {
        // One key order whichever way it came (session storage hands objects back with their keys sorted): the
        // same context twice is no change, and a query the sidebar builds from it has one JSON.
        const context = sortedKeys(given !== undefined ? given : await pageContextFor(page.hostTabId));
        const json = JSON.stringify(context);
        if (nth < sub.answered || json === sub.last) return;
        // Taken at once: the same context arriving the other way meanwhile (storage after a report) is no news.
        sub.last = json;
        await sendAhead(page, context).catch(() => {});
        if (nth < sub.answered) return;
        sub.answered = nth;
        page.post({ op: 'data', id, data: context });
        return;
      }
      const data = await runView(db, sub.query, locale());
      if (nth < sub.answered) return;
      sub.answered = nth;
      if (data !== undefined && data === sub.lastData) return;
      sub.lastData = data;
      const json = serialized(data);
      if (json === sub.last) return;
      sub.last = json;
      page.post({ op: 'data', id, data });
    } catch (e) {
      page.post({ op: 'error', id, message: e instanceof Error ? e.message : String(e) });
    }
  };

  const refresh = () => {
    if (scheduled) return;
    scheduled = true;
    // One pass after the current batch of writes has committed.
    setTimeout(() => {
      scheduled = false;
      const tiers: (() => Promise<void>)[][] = [[], [], []];
      for (const page of pages) {
        for (const [id, sub] of page.subs) {
          // Page contexts live in session storage, not in the database: their own, cheaper refresh.
          if (sub.query.name !== 'page') tiers[TIER[sub.query.name]]!.push(() => run(page, id, sub));
        }
      }
      void (async () => {
        for (const tier of tiers) if (tier.length) await Promise.all(tier.map((start) => start()));
      })();
    }, 0);
  };

  const runPages = (pick: (page: Page) => boolean, context?: PageContext | null) => {
    for (const page of pages) {
      if (!pick(page)) continue;
      for (const [id, sub] of page.subs) if (sub.query.name === 'page') void run(page, id, sub, context);
    }
  };
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'session') runPages(() => true);
  });
  /** A content script reported who is on screen in `tabId`: its framed sidebars, and the side panel if it follows that tab. */
  const pageChanged = (tabId: number, context: PageContext | null, active: boolean) =>
    runPages((page) => page.hostTabId === tabId || (active && page.hostTabId === undefined), context);

  // The nudge engine's own bookkeeping (packed facts, change markers) is in no view.
  const internal = [`idb://${db.name}/factBuckets/`, `idb://${db.name}/factsDirty/`];
  Dexie.on('storagemutated', (parts) => {
    if (Object.keys(parts).some((p) => p.startsWith(`idb://${db.name}/`) && !internal.some((i) => p.startsWith(i)))) refresh();
  });

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LIVE_PORT) return;
    const origin = port.sender?.url ? new URL(port.sender.url).origin : null;
    if (port.sender?.id !== browser.runtime.id || origin !== extensionOrigin) return port.disconnect();
    const page: Page = {
      subs: new Map(),
      hostTabId: hostTabOf(port.sender),
      post: (msg) => {
        try {
          port.postMessage(msg);
        } catch {
          // The page went away between a change and its answer.
        }
      },
    };
    pages.add(page);
    port.onMessage.addListener((raw: unknown) => {
      const parsed = LiveRequestSchema.safeParse(raw);
      if (!parsed.success) {
        // Never left unanswered: a request the schema refuses (a query over its limits) gets an error the page
        // shows, instead of "Loading…" forever.
        const id = (raw as { id?: unknown } | null)?.id;
        if (typeof id === 'number' && Number.isInteger(id)) page.post({ op: 'error', id, message: 'invalid_query' });
        return;
      }
      const req = parsed.data;
      page.subs.delete(req.id);
      if (req.op === 'unsub') return;
      const sub: Sub = { query: req.query, last: null, started: 0, answered: 0 };
      page.subs.set(req.id, sub);
      void run(page, req.id, sub);
    });
    port.onDisconnect.addListener(() => pages.delete(page));
  });
  return { refresh, pageChanged };
}
