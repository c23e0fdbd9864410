import type { $ZodError } from 'zod/v4/core';
import { CS_TO_BG, CStoBG, UI_TO_BG, UItoBG, type CStoBGMessage, type PageContext, type Reply, type UItoBGMessage } from './protocol';
import type { MessageOf, ReplyOf, Table } from './table';
import { storageFailure } from '../db/storage-errors';

export const SITE_ORIGINS = ['https://mail.google.com', 'https://www.linkedin.com'] as const;

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; active?: boolean };
  frameId?: number;
}

/** One handler per row of a message table: it gets the parsed message and must answer the row's reply type. */
export type Handlers<T extends Table> = {
  [K in keyof T & string]: (msg: MessageOf<T, K>, tabId: number | null, sender: SenderInfo) => Promise<ReplyOf<T, K>>;
};

export interface RouterDeps {
  extensionId: string;
  extensionOrigin: string;
  cs: Handlers<typeof CS_TO_BG>;
  ui: Handlers<typeof UI_TO_BG>;
  onError?: (e: unknown) => void;
  /**
   * The secret the content script handed the sidebar frame it placed in this tab. A command from an extension
   * page framed inside a site tab must carry it: a copy of the frame the page embedded itself has none.
   */
  frameToken?: (tabId: number) => Promise<string | null>;
}

function originOf(url: string | undefined): string | null {
  try {
    return url ? new URL(url).origin : null;
  } catch {
    return null;
  }
}

const bad = (message: string): Reply<never> => ({ ok: false, error: { code: 'bad_request', message } });
const forbidden = (message: string): Reply<never> => ({ ok: false, error: { code: 'forbidden', message } });

function describe(error: $ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
}

/**
 * Every message is parsed by its schema and checked against its sender before
 * anything runs: content-script messages only from Gmail/LinkedIn tabs of this
 * extension, page messages only from this extension's own pages. A bad message
 * gets a typed error answer and changes nothing.
 */
export function createRouter(deps: RouterDeps) {
  return async function handle(raw: unknown, sender: SenderInfo): Promise<Reply<unknown>> {
    if (sender.id !== deps.extensionId) return forbidden('unknown sender');
    const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
    if (typeof type !== 'string') return bad('message has no type');
    const origin = originOf(sender.url);
    try {
      if (type.startsWith('cs/')) {
        const tabId = sender.tab?.id;
        if (tabId === undefined || !origin || !(SITE_ORIGINS as readonly string[]).includes(origin)) {
          return forbidden('content messages come only from Gmail or LinkedIn tabs');
        }
        const parsed = CStoBG.safeParse(raw);
        if (!parsed.success) return bad(describe(parsed.error));
        const handler = deps.cs[parsed.data.type] as (m: CStoBGMessage, t: number | null, s: SenderInfo) => Promise<unknown>;
        return { ok: true, data: await handler(parsed.data, tabId, sender) };
      }
      if (type.startsWith('ui/')) {
        if (origin !== deps.extensionOrigin) return forbidden('page messages come only from extension pages');
        const parsed = UItoBG.safeParse(raw);
        if (!parsed.success) return bad(describe(parsed.error));
        const tabId = sender.tab?.id;
        // Framed inside a site tab (not the side panel, not an extension tab): only the frame Sidecar placed.
        if (tabId !== undefined && sender.frameId !== undefined && sender.frameId !== 0 && deps.frameToken) {
          const want = await deps.frameToken(tabId);
          if (!want || (raw as { frameToken?: unknown }).frameToken !== want) return forbidden('this sidebar was not placed by Sidecar');
        }
        const handler = deps.ui[parsed.data.type] as (m: UItoBGMessage, t: number | null, s: SenderInfo) => Promise<unknown>;
        return { ok: true, data: await handler(parsed.data, sender.tab?.id ?? null, sender) };
      }
      return bad(`unknown message type ${type.slice(0, 40)}`);
    } catch (e) {
      deps.onError?.(e);
      // A refused write is the browser's storage, not a bug: say which, so the rep is told what to do.
      return { ok: false, error: { code: storageFailure(e) ?? 'internal', message: e instanceof Error ? e.message : String(e) } };
    }
  };
}

export type { PageContext };
