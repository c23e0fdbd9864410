// Bench page, dashboard metrics: the 'metrics' live view (runView, the very
// function the background serves dashboard.html with) over 50,000 deals and
// their whole stage history, in a separate database.
import { SidecarDb } from '@/lib/db';
import { computeMetrics } from '@/lib/domain/metrics';
import { loadSettings } from '@/lib/services/settings';
import { runView } from '@/lib/services/views';
import { fullReads, pipelineHistory } from '@/lib/services/pipeline-history';
import { pipelineRecords } from '@/test/bench/pipeline-data.mjs';

const DB_NAME = 'sidecar-bench-dashboard';
const CHUNK = 10_000;
const t = () => performance.now();

export async function dashboardMetrics(opts: { deals?: number; runs?: number; writeRuns?: number; warmup?: number } = {}) {
  const n = opts.deals ?? 50_000;
  const runs = opts.runs ?? 20;
  const writeRuns = opts.writeRuns ?? runs;
  const warmup = opts.warmup ?? 2;
  await new SidecarDb(DB_NAME).delete();
  const db = new SidecarDb(DB_NAME);
  await db.open();
  try {
    const settings = await loadSettings(db, 'en');
    const now = Date.now();
    let s = t();
    const data = pipelineRecords({ n, now, currency: settings.currency, prefix: 'bm' });
    for (const [table, rows] of [
      ['contacts', data.contacts],
      ['deals', data.deals],
      ['stageChanges', data.changes],
    ] as const) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        const part = rows.slice(i, i + CHUNK);
        await db.transaction('rw', db.table(table), () => db.table(table).bulkAdd(part));
      }
    }
    const seedMs = t() - s;
    const query = { name: 'metrics', period: 'all' } as const;

    // Cold: the first run reads the deals and the whole history into memory (as after the worker starts).
    s = t();
    await runView(db, query, 'en');
    const coldMs = t() - s;
    const readsBefore = fullReads(db);

    // After a write: one deal touched, so the view reads the deals and the history again and computes.
    const afterWriteMs: number[] = [];
    for (let i = 0; i < writeRuns + warmup; i++) {
      await db.deals.update(data.deals[i]!.id, { updatedAt: now + i + 1 });
      s = t();
      await runView(db, query, 'en');
      if (i >= warmup) afterWriteMs.push(t() - s);
    }
    const fullReadsAfterWrites = fullReads(db) - readsBefore;
    // Where the time after a write goes: bringing the kept history up to date, and the metrics from the kept facts.
    const syncMs: number[] = [];
    const aggregateMs: number[] = [];
    const stageOrder = settings.stages.map((x) => x.id);
    for (let i = 0; i < Math.min(5, runs); i++) {
      await db.deals.update(data.deals[i]!.id, { updatedAt: now + 1000 + i });
      s = t();
      const h = await pipelineHistory(db);
      syncMs.push(t() - s);
      s = t();
      h.metrics({ stageOrder, currency: settings.currency, period: 'all', now });
      aggregateMs.push(t() - s);
    }
    // Nothing written since: what every other re-run of the view costs.
    const unchangedMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      s = t();
      await runView(db, query, 'en');
      unchangedMs.push(t() - s);
    }
    // For comparison: reading the two tables whole, and computeMetrics from scratch.
    const readMs: number[] = [];
    let deals = data.deals;
    let changes = data.changes;
    for (let i = 0; i < Math.min(5, runs); i++) {
      s = t();
      [deals, changes] = await Promise.all([db.deals.toArray(), db.stageChanges.toArray()]);
      readMs.push(t() - s);
    }
    const computeMs: number[] = [];
    let leads = 0;
    for (let i = 0; i < runs + warmup; i++) {
      s = t();
      const m = computeMetrics({ deals, changes, stageOrder, currency: settings.currency, period: 'all', now });
      if (i >= warmup) computeMs.push(t() - s);
      leads = m.leads;
    }
    return { deals: n, changes: data.changes.length, seedMs, coldMs, afterWriteMs, fullReadsAfterWrites, syncMs, aggregateMs, unchangedMs, readMs, computeMs, leads };
  } finally {
    db.close();
    await new SidecarDb(DB_NAME).delete();
  }
}
