import { liveQuery, type Subscription } from 'dexie';
import type { SidecarDb } from '../db';
import { LIVE_PORT, LiveRequestSchema, type LiveResponse } from '../messaging/live';
import { runView } from '../services/views';

/** Serves live queries to extension pages (see lib/messaging/live.ts for why). */
export function serveLiveQueries(db: SidecarDb, locale: () => string): void {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== LIVE_PORT) return;
    const origin = port.sender?.url ? new URL(port.sender.url).origin : null;
    if (port.sender?.id !== browser.runtime.id || origin !== extensionOrigin) return port.disconnect();
    const subs = new Map<number, Subscription>();
    const post = (msg: LiveResponse) => {
      try {
        port.postMessage(msg);
      } catch {
        // The page went away between a change and its answer.
      }
    };
    port.onMessage.addListener((raw: unknown) => {
      const parsed = LiveRequestSchema.safeParse(raw);
      if (!parsed.success) return;
      const req = parsed.data;
      subs.get(req.id)?.unsubscribe();
      subs.delete(req.id);
      if (req.op === 'unsub') return;
      subs.set(
        req.id,
        liveQuery(() => runView(db, req.query, locale())).subscribe({
          next: (data) => post({ op: 'data', id: req.id, data }),
          error: (e) => post({ op: 'error', id: req.id, message: e instanceof Error ? e.message : String(e) }),
        }),
      );
    });
    port.onDisconnect.addListener(() => {
      for (const s of subs.values()) s.unsubscribe();
      subs.clear();
    });
  });
}
