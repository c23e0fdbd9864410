import { LIVE_PORT, type LiveQuery, type LiveRequest, type LiveResponse } from '../messaging/live';
import type { ViewOf } from '../services/views';
import { takeLiveBoot } from './live-boot';

type Listener = { query: LiveQuery; onData: (data: unknown) => void; onError: (message: string) => void };

// User Timing marks of a page's first port and first answer per view: the bench reads them to split a sidebar's
// load into its steps (BENCHMARKS.md). One each per page, so they cost nothing after the first screen.
const marked = new Set<string>();
const markOnce = (name: string) => {
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark(`sidecar:${name}`);
};

/**
 * One port per page to the background's live queries. The MV3 worker can be
 * stopped at any time: on disconnect we reconnect and re-subscribe, so a
 * component never notices.
 */
class LiveClient {
  private port: Browser.runtime.Port | null = null;
  private next = 1;
  private listeners = new Map<number, Listener>();
  /** The answer the background sent ahead of its query, by the query's JSON: the latest page's only. */
  private ahead = new Map<string, unknown>();
  /** Subscriptions the sidebar's bootstrap opened (lib/platform/live-boot.ts), by the query's JSON, until a component takes each over. */
  private early = new Map<string, { id: number; answer?: { data: unknown } | { error: string } }>();

  private connect(): Browser.runtime.Port {
    if (this.port) return this.port;
    // The sidebar's bootstrap may have opened the port and asked for the first screen already.
    const boot = takeLiveBoot();
    const port = boot?.port ?? browser.runtime.connect({ name: LIVE_PORT });
    markOnce('port');
    port.onMessage.addListener(this.onMessage);
    port.onDisconnect.addListener(() => {
      this.port = null;
      if (this.listeners.size === 0) return;
      setTimeout(() => {
        const p = this.connect();
        for (const [id, l] of this.listeners) p.postMessage({ op: 'sub', id, query: l.query } satisfies LiveRequest);
      }, 50);
    });
    this.port = port;
    if (boot) {
      boot.stopKeeping();
      for (const { id, query } of boot.asked) this.adoptEarly(id, query);
      for (const msg of boot.received) this.onMessage(msg);
    }
    return port;
  }

  private onMessage = (msg: LiveResponse) => {
    // When the newest page context (or the view sent ahead with it) arrived: the bench splits a thread switch here.
    if (msg.op === 'ahead' || (msg.op === 'data' && this.listeners.get(msg.id)?.query.name === 'page')) {
      performance.clearMarks('sidecar:page');
      performance.mark('sidecar:page');
    }
    if (msg.op === 'ahead') {
      // One per page context: an older one is of a page gone by.
      this.ahead.clear();
      this.ahead.set(msg.key, msg.data);
      return;
    }
    const l = this.listeners.get(msg.id);
    if (!l) return;
    markOnce(`data:${l.query.name}`);
    if (msg.op === 'data') l.onData(msg.data);
    else l.onError(msg.message);
  };

  /** A subscription someone opened before any component asked (id given), kept until a component takes it over. */
  private adoptEarly(id: number, query: LiveQuery): void {
    const key = JSON.stringify(query);
    if (this.early.has(key)) return;
    const entry: { id: number; answer?: { data: unknown } | { error: string } } = { id };
    this.early.set(key, entry);
    this.listeners.set(id, { query, onData: (data) => (entry.answer = { data }), onError: (error) => (entry.answer = { error }) });
  }

  /**
   * The answer the background sent ahead for this query (its JSON), if any: a component draws it on its first
   * render, and its subscription then brings every change.
   */
  aheadOf<Q extends LiveQuery>(key: string): ViewOf<Q> | undefined {
    // Takes the bootstrap's port and answers over, if it has not happened yet.
    this.connect();
    const early = this.early.get(key)?.answer;
    if (early && 'data' in early) return early.data as ViewOf<Q>;
    return this.ahead.get(key) as ViewOf<Q> | undefined;
  }

  /** `onData` gets the result of this query's view (lib/services/views.ts), on subscribe and on every change. */
  subscribe<Q extends LiveQuery>(query: Q, onData: (data: ViewOf<Q>) => void, onError: (message: string) => void = console.error): () => void {
    const early = this.early.get(JSON.stringify(query));
    if (early) return this.takeOver(early, query, onData as (data: unknown) => void, onError);
    const id = this.next++;
    // The port is untyped; the background answers this id only with the result of this query's view.
    this.listeners.set(id, { query, onData: onData as (data: unknown) => void, onError });
    this.connect().postMessage({ op: 'sub', id, query } satisfies LiveRequest);
    return () => this.unsubscribe(id);
  }

  private takeOver(
    early: { id: number; answer?: { data: unknown } | { error: string } },
    query: LiveQuery,
    onData: (data: unknown) => void,
    onError: (message: string) => void,
  ): () => void {
    this.early.delete(JSON.stringify(query));
    this.listeners.set(early.id, { query, onData, onError });
    if (early.answer) {
      if ('data' in early.answer) onData(early.answer.data);
      else onError(early.answer.error);
    }
    return () => this.unsubscribe(early.id);
  }

  private unsubscribe(id: number): void {
    this.listeners.delete(id);
    try {
      this.port?.postMessage({ op: 'unsub', id } satisfies LiveRequest);
    } catch {
      // already disconnected
    }
  }
}

let client: LiveClient | undefined;
export const liveClient = () => (client ??= new LiveClient());
