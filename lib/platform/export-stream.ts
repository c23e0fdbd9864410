/**
 * Sends an export's pieces with up to `window` of them unacknowledged: the
 * next piece is read from the database and written out while the page is
 * still storing the last one, where waiting for each acknowledgement left the
 * two sides taking turns. The window bounds what is in flight (a few pieces of
 * about 1 MB), so neither side ever holds the whole file.
 */
export type ExportEvent = { chunk: string } | { end: true } | { error: string };

export interface ExportStream {
  /** The page stored a piece: one more may be sent. */
  ack(): void;
  /** The page went away: stop reading. */
  close(): void;
}

export function streamExport(gen: AsyncGenerator<string>, send: (e: ExportEvent) => void, window = 3): ExportStream {
  let unacked = 0;
  let producing = false;
  let finished = false;
  const pump = async () => {
    if (producing || finished) return;
    producing = true;
    try {
      while (!finished && unacked < window) {
        const r = await gen.next();
        if (finished) return;
        if (r.done) {
          finished = true;
          send({ end: true });
          return;
        }
        unacked++;
        send({ chunk: r.value });
      }
    } catch (e) {
      finished = true;
      send({ error: e instanceof Error ? e.message : String(e) });
    } finally {
      producing = false;
    }
  };
  void pump();
  return {
    ack() {
      unacked = Math.max(0, unacked - 1);
      void pump();
    },
    close() {
      finished = true;
      void gen.return(undefined);
    },
  };
}
