import type { SidecarDb } from '../db';
import { ImportOpSchema } from '../domain/import-plan';
import { DATA_PORT, DataRequestSchema, type DataOp, type DataReplies, type DataRequest, type DataResponse } from '../messaging/data-port';
import { applyCsvImport } from '../services/csv-import';
import { contactsWithAny } from '../services/contact-match';
import { abortJob, beginJob, dropInterruptedJobs, JOB_IDLE_MS, stageChunk } from '../services/import-journal';
import { rememberedMapping, rememberMapping } from '../services/import-mappings';
import { applyRestore, checkRestoreBatch } from '../services/restore';


/**
 * Serves the data port (lib/messaging/data-port.ts) to this extension's own
 * pages. `changed` runs after an import or restore was applied (nudges,
 * chips, views; after a restore, the settings it brought too).
 */
export function serveDataPort(db: SidecarDb, locale: () => string, changed: (kind: 'csv' | 'restore') => void, holdEngine: () => () => void = () => () => {}): void {
  const extensionOrigin = new URL(browser.runtime.getURL('/')).origin;
  // Jobs left by a page that went away long ago: nothing of them was applied; dropping them is the rollback.
  void dropInterruptedJobs(db, Date.now(), JOB_IDLE_MS);

  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== DATA_PORT) return;
    const origin = port.sender?.url ? new URL(port.sender.url).origin : null;
    if (port.sender?.id !== browser.runtime.id || origin !== extensionOrigin) return port.disconnect();
    // Exports the page is reading (by the page's key): each holds the nudge engine, whose writes would slow the reads.
    const holds = new Map<number, () => void>();
    const jobs = new Map<string, { kind: 'csv' | 'restore'; release: () => void }>();
    let alive = true;
    const post = (msg: DataResponse) => {
      try {
        if (alive) port.postMessage(msg);
      } catch {
        alive = false;
      }
    };
    // Typed by the request's op: an answer of the wrong shape does not compile.
    const reply = <Op extends DataOp>(req: { id: number; op: Op }, run: () => Promise<DataReplies[Op]>) =>
      run().then(
        (data) => post({ op: 'reply', id: req.id, ok: true, data }),
        (e) => post({ op: 'reply', id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
      );
    const endJob = (jobId: string) => {
      jobs.get(jobId)?.release();
      jobs.delete(jobId);
    };

    const handle = async (req: DataRequest) => {
      switch (req.op) {
        case 'hold':
          return reply(req, async () => {
            holds.get(req.key)?.();
            holds.set(req.key, holdEngine());
            return null;
          });
        case 'release':
          return reply(req, async () => {
            holds.get(req.key)?.();
            holds.delete(req.key);
            return null;
          });
        case 'match':
          return reply(req, async () => {
            const found = (await contactsWithAny(db, req.emails, req.urls)).filter((c) => c.deletedAt === null);
            const wanted = new Set(req.emails);
            const urls = new Set(req.urls);
            return {
              byEmail: Object.fromEntries(found.flatMap((c) => c.emails.filter((e) => wanted.has(e)).map((e) => [e, c.id]))),
              byLinkedIn: Object.fromEntries(found.filter((c) => c.linkedinUrl !== null && urls.has(c.linkedinUrl)).map((c) => [c.linkedinUrl!, c.id])),
            };
          });
        case 'counts':
          return reply(req, async () => ({ contacts: await db.contacts.count(), deals: await db.deals.count(), activities: await db.activities.count() }));
        case 'begin':
          return reply(req, async () => {
            endJob(req.jobId);
            jobs.set(req.jobId, { kind: req.kind, release: holdEngine() });
            await beginJob(db, req.jobId, req.kind, Date.now());
            return null;
          });
        case 'stage':
          return reply(req, async () => {
            const kind = jobs.get(req.jobId)?.kind;
            if (!kind) throw new Error('unknown import job');
            // Row by row, stopping at the first bad one (a batch of bad rows would pile up issues without end).
            const rows: unknown[] = [];
            for (const [i, raw] of req.rows.entries()) {
              if (kind === 'restore') {
                const b = checkRestoreBatch(raw);
                if (!b.ok) throw new Error(`batch ${req.seq}: ${b.reason}`);
                rows.push(b.batch);
              } else {
                const op = ImportOpSchema.safeParse(raw);
                if (!op.success) throw new Error(`batch ${req.seq}, row ${i}: ${op.error.issues.slice(0, 2).map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
                rows.push(op.data);
              }
            }
            if (!(await stageChunk(db, req.jobId, req.seq, rows, Date.now()))) throw new Error('the import was interrupted; nothing was changed');
            return null;
          });
        case 'apply':
          return reply(req, async () => {
            const kind = jobs.get(req.jobId)?.kind;
            const env = { now: Date.now(), locale: locale() };
            const applying = kind === 'restore' ? applyRestore(db, req.jobId, req.mode ?? 'merge', env) : kind === 'csv' ? applyCsvImport(db, req.jobId, env) : Promise.resolve(null);
            // The engine waits no longer once this is written (or failed): `changed` below wakes it for what was.
            const report = await applying.finally(() => endJob(req.jobId));
            if (!report || !kind) throw new Error('the import was interrupted; nothing was changed');
            changed(kind);
            return report;
          });
        case 'abort':
          return reply(req, async () => {
            endJob(req.jobId);
            await abortJob(db, req.jobId);
            return null;
          });
        case 'mapping-get':
          return reply(req, () => rememberedMapping(db, req.key));
        case 'mapping-put':
          return reply(req, () => rememberMapping(db, req.key, req.mapping, Date.now()));
      }
    };

    port.onMessage.addListener((raw: unknown) => {
      const parsed = DataRequestSchema.safeParse(raw);
      if (!parsed.success) {
        const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
        return post({ op: 'reply', id, ok: false, error: 'bad request' });
      }
      void handle(parsed.data);
    });
    port.onDisconnect.addListener(() => {
      alive = false;
      for (const release of holds.values()) release();
      holds.clear();
      // A page that goes away mid-import takes its job with it: nothing of it was applied.
      for (const [jobId, job] of jobs) {
        job.release();
        void abortJob(db, jobId);
      }
      jobs.clear();
    });
  });
}

