import type { LiveQuery, LiveResponse } from '../messaging/live';

/** lib/messaging/live.ts's LIVE_PORT, repeated here so this script carries no schemas (live-boot.test.ts keeps them equal). */
export const BOOT_PORT_NAME = 'sidecar-live';
const KEY = '__sidecarLiveBoot';

/** What the bootstrap hands the live client: its open port, what it asked (negative ids), what came back so far. */
export interface LiveBoot {
  port: Browser.runtime.Port;
  asked: { id: number; query: LiveQuery }[];
  received: LiveResponse[];
  stopKeeping: () => void;
}

/**
 * The sidebar's bootstrap (entrypoints/sidebar-boot.ts), a classic script that runs while the document is still
 * being parsed, before the app's modules have loaded and compiled: it opens the live port and asks for the first
 * screen's views, keeping the answers for the live client, which takes the port over (takeLiveBoot).
 */
export function bootLive(queries: readonly LiveQuery[]): void {
  // Loaded later than the app (it is async): the live client has its own port already.
  if ((globalThis as Record<string, unknown>)[KEY] === false) return;
  const port = browser.runtime.connect({ name: BOOT_PORT_NAME });
  performance.mark('sidecar:port');
  const received: LiveResponse[] = [];
  const asked = queries.map((query, i) => ({ id: -(i + 1), query }));
  const keep = (msg: LiveResponse) => {
    received.push(msg);
    // When each answer arrived, for the bench (the live client marks the same for later pages' first answers).
    const query = 'id' in msg ? asked.find((a) => a.id === msg.id)?.query : undefined;
    if (query && performance.getEntriesByName(`sidecar:data:${query.name}`).length === 0) performance.mark(`sidecar:data:${query.name}`);
  };
  port.onMessage.addListener(keep);
  for (const { id, query } of asked) port.postMessage({ op: 'sub', id, query });
  const boot: LiveBoot = { port, asked, received, stopKeeping: () => port.onMessage.removeListener(keep) };
  (globalThis as Record<string, unknown>)[KEY] = boot;
}

/** The bootstrap's port and answers, once (null when there was no bootstrap, or it was taken). */
export function takeLiveBoot(): LiveBoot | null {
  const g = globalThis as Record<string, unknown>;
  const boot = (g[KEY] as LiveBoot | false | undefined) || null;
  // Whatever was there: a bootstrap that runs after this finds it taken.
  g[KEY] = false;
  return boot;
}
