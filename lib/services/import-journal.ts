import type { SidecarDb, ImportJob } from '../db';

// The journal of an import or restore. The page holds the file and sends the
// rows in batches; they wait in `importChunks` (untouched by anything else)
// until the last one is in, then the whole job is applied in ONE transaction
// (lib/services/csv-import.ts, restore.ts) and its chunks deleted in that same
// transaction. So the database only ever sees all of an import or none of it:
// an import interrupted while batches arrive (page closed, worker stopped)
// leaves only chunks, which the next start drops; one interrupted while being
// applied is rolled back by IndexedDB itself.

/** Jobs idle this long are abandoned (the page that fed them went away). */
export const JOB_IDLE_MS = 10 * 60_000;

export async function beginJob(db: SidecarDb, id: string, kind: ImportJob['kind'], now: number): Promise<void> {
  await db.transaction('rw', db.importJobs, db.importChunks, async () => {
    // A retried begin with the same id starts over.
    await db.importChunks.where('[jobId+seq]').between([id, -Infinity], [id, Infinity]).delete();
    await db.importJobs.put({ id, kind, chunks: 0, createdAt: now, updatedAt: now });
  });
}

/** Stores one batch; false when the job is unknown (dropped, or never begun). */
export async function stageChunk(db: SidecarDb, id: string, seq: number, rows: unknown[], now: number): Promise<boolean> {
  return db.transaction('rw', db.importJobs, db.importChunks, async () => {
    const job = await db.importJobs.get(id);
    if (!job) return false;
    await db.importChunks.put({ jobId: id, seq, rows });
    await db.importJobs.put({ ...job, chunks: Math.max(job.chunks, seq + 1), updatedAt: now });
    return true;
  });
}

/** The job's batches in order, one at a time (inside the caller's transaction when it has one). */
export async function* jobChunks(db: SidecarDb, id: string): AsyncGenerator<unknown[]> {
  for (let seq = 0; ; seq++) {
    const chunk = await db.importChunks.get([id, seq]);
    if (!chunk) return;
    yield chunk.rows;
  }
}

/** Inside the applying transaction: the job is done, its journal goes with the data it wrote. */
export async function finishJob(db: SidecarDb, id: string): Promise<void> {
  await db.importChunks.where('[jobId+seq]').between([id, -Infinity], [id, Infinity]).delete();
  await db.importJobs.delete(id);
}

export async function abortJob(db: SidecarDb, id: string): Promise<void> {
  await db.transaction('rw', db.importJobs, db.importChunks, () => finishJob(db, id));
}

/**
 * At start-up (and before a new job): drops jobs that were interrupted. None
 * was applied, so dropping them is the rollback. Returns how many.
 */
export async function dropInterruptedJobs(db: SidecarDb, now: number, idleMs = 0): Promise<ImportJob[]> {
  const stale = (await db.importJobs.toArray()).filter((j) => now - j.updatedAt >= idleMs || j.updatedAt > now);
  for (const j of stale) await abortJob(db, j.id);
  return stale;
}
