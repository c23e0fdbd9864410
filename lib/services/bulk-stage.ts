import type { SidecarDb } from '../db';
import type { BantField } from '../domain/bant';
import { closeDeal, moveDealStage } from './deals';
import { expireSuggestions } from './triggers';

export interface BulkRefusal {
  dealId: string;
  reason: string;
  /** For a stage gate: the stage and the BANT answers it needs. */
  stageId?: string;
  missing?: BantField[];
}

export interface BulkResult {
  moved: string[];
  refused: BulkRefusal[];
}

/** Deals per transaction: a few hundred moves commit together, and other writes (a thread being logged) get their turn between. */
const CHUNK = 200;

/**
 * People & deals' bulk stage change: each deal goes through the sidebar's own
 * services (moveDealStage, closeDeal), so history, gates and suggestions work
 * as for one move; a deal a gate stops is reported with what it lacks, and
 * the others still move.
 */
export async function moveDeals(
  db: SidecarDb,
  dealIds: readonly string[],
  to: string,
  env: { now: number; locale: string; reason?: string | null },
): Promise<BulkResult> {
  const out: BulkResult = { moved: [], refused: [] };
  const ids = [...new Set(dealIds)];
  const tables = [db.deals, db.stageChanges, db.activities, db.settings, db.engineState, db.contacts, db.summaries, db.suggestions];
  for (let i = 0; i < ids.length; i += CHUNK) {
    await db.transaction('rw', tables, async () => {
      for (const dealId of ids.slice(i, i + CHUNK)) {
        const r =
          to === 'won' || to === 'lost'
            ? await closeDeal(db, dealId, to, env.reason ?? null, env.now)
            : await moveDealStage(db, dealId, { now: env.now, locale: env.locale, toStageId: to });
        if (r.ok) {
          await expireSuggestions(db, dealId, env.now, env.locale);
          out.moved.push(dealId);
        } else {
          const { ok: _ok, ...why } = r;
          out.refused.push({ dealId, ...why });
        }
      }
    });
  }
  return out;
}
