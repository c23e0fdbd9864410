import { DATA_PORT, type DataReplies, type DataRequest, type DataResponse } from '../messaging/data-port';
import type { ExportWhat } from '../services/export';

type Pending = { resolve: (data: unknown) => void; reject: (e: Error) => void };

// Distributes Omit over the request union, so each op keeps its own fields.
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type DataCall = Without<DataRequest, 'id'>;

/**
 * One page's connection to the background's data port. If the worker stops
 * mid-way, the port closes and the call fails with a clear error: nothing
 * half-written is ever applied.
 */
export class DataClient {
  private port: Browser.runtime.Port | null = null;
  private next = 1;
  private pending = new Map<number, Pending>();

  private connect(): Browser.runtime.Port {
    if (this.port) return this.port;
    const port = browser.runtime.connect({ name: DATA_PORT });
    port.onMessage.addListener((msg: DataResponse) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.data);
      else p.reject(new Error(msg.error));
    });
    port.onDisconnect.addListener(() => {
      this.port = null;
      const lost = [...this.pending.values()];
      this.pending.clear();
      for (const p of lost) p.reject(new Error('the connection to the extension was lost'));
    });
    this.port = port;
    return port;
  }

  call<Op extends DataCall['op']>(req: Extract<DataCall, { op: Op }>): Promise<DataReplies[Op]> {
    const id = this.next++;
    return new Promise<DataReplies[Op]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (d: unknown) => void, reject });
      this.connect().postMessage({ ...req, id } as DataRequest);
    });
  }

  /**
   * An export as a Blob, read here a page of records at a time (lib/platform/page-export.ts) while the background
   * holds its nudge engine. Each piece becomes a Blob part at once (the browser keeps those out of the page's heap),
   * so a 100 MB backup is never a 100 MB string here.
   */
  async exportBlob(what: ExportWhat, type: string, onBytes?: (chars: number) => void): Promise<Blob> {
    const key = this.next++;
    await this.call({ op: 'hold', key });
    try {
      // Loaded when first needed: the database code is not part of a page's first screen.
      const { exportChunks } = await import('./page-export');
      const parts: Blob[] = [];
      let chars = 0;
      for await (const text of await exportChunks(what)) {
        parts.push(new Blob([text]));
        chars += text.length;
        onBytes?.(chars);
      }
      return new Blob(parts, { type });
    } finally {
      void this.call({ op: 'release', key }).catch(() => {});
    }
  }
}

let client: DataClient | undefined;
export const dataClient = () => (client ??= new DataClient());

/** Saves a Blob as a file through the browser's own download (an <a download> click). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference by now; the page's can go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
