import { DATA_PORT, type DataReplies, type DataRequest, type DataResponse } from '../messaging/data-port';

type Pending = { resolve: (data: unknown) => void; reject: (e: Error) => void; onChunk?: (text: string) => void };

// Distributes Omit over the request union, so each op keeps its own fields.
type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type DataCall = Without<DataRequest, 'id'>;

/**
 * One page's connection to the background's data port. Exports arrive a
 * piece at a time and are turned into Blob parts at once (the browser keeps
 * those out of the page's heap), so a 100 MB backup is never a 100 MB string
 * here. If the worker stops mid-way, the port closes and the call fails with
 * a clear error: nothing half-written is ever applied.
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
      if (msg.op === 'chunk') {
        p.onChunk?.(msg.text);
        port.postMessage({ op: 'more', id: msg.id } satisfies DataRequest);
        return;
      }
      this.pending.delete(msg.id);
      if (msg.op === 'end') p.resolve(null);
      else if (msg.ok) p.resolve(msg.data);
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

  call<Op extends DataCall['op']>(req: Extract<DataCall, { op: Op }>, onChunk?: (text: string) => void): Promise<DataReplies[Op]> {
    const id = this.next++;
    return new Promise<DataReplies[Op]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (d: unknown) => void, reject, onChunk });
      this.connect().postMessage({ ...req, id } as DataRequest);
    });
  }

  /** An export as a Blob, built a piece at a time. */
  async exportBlob(what: Extract<DataCall, { op: 'export' }>['what'], type: string, onBytes?: (chars: number) => void): Promise<Blob> {
    const parts: Blob[] = [];
    let chars = 0;
    await this.call({ op: 'export', what }, (text) => {
      parts.push(new Blob([text]));
      chars += text.length;
      onBytes?.(chars);
    });
    return new Blob(parts, { type });
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
