import { Dexie } from 'dexie';
import type { SidecarDb } from '../db';

// The dashboard's views read whole tables (10,000 contacts, 50,000 deals). The
// live server re-runs every open view after any write, most of which (an
// activity logged in Gmail) change nothing these views show: each keeps its
// last result with the generation of the tables it read, and a re-run with no
// newer write to those tables returns that same object (which the live server
// then does not send again).
// Keyed by "database/table".
const generations = new Map<string, number>();
let watching = false;
function watch() {
  if (watching) return;
  watching = true;
  Dexie.on('storagemutated', (parts) => {
    const seen = new Set<string>();
    for (const key of Object.keys(parts)) {
      const m = /^idb:\/\/([^/]+\/[^/]+)\//.exec(key);
      if (m && !seen.has(m[1]!)) {
        seen.add(m[1]!);
        generations.set(m[1]!, (generations.get(m[1]!) ?? 0) + 1);
      }
    }
  });
}
/** How many committed writes of ours have touched the table so far. */
export function generation(db: SidecarDb, table: string): number {
  watch();
  return generations.get(`${db.name}/${table}`) ?? 0;
}
const stamp = (db: SidecarDb, tables: readonly string[]) => tables.map((t) => generation(db, t)).join('.');

/**
 * Writes beneath Dexie (another tab's raw IndexedDB, a restore) fire no event
 * here, so a result is also checked against each table's row count and newest
 * key (cheap index reads), and kept a minute at most (scores decay, nudges fall due).
 */
async function fingerprint(db: SidecarDb, tables: readonly string[]): Promise<string> {
  return (await Promise.all(tables.map((name) => tableFingerprint(db, name)))).join('|');
}

// A page load asks for its views at once (pipeline, metrics, review: the deals and the stage history three times
// over), and a count reads the whole table: one check of a table is shared by the requests that come while it
// runs, if no write of ours (a newer generation) has touched the table since it started. Not a moment longer: a
// write beneath Dexie just after a check ended (rows seeded into IndexedDB, then the dashboard opened) went
// unseen by the views asked for within the next half second, and they kept showing the table as it was.
const checks = new Map<string, { gen: number; value: Promise<string> }>();
export function tableFingerprint(db: SidecarDb, name: string): Promise<string> {
  const key = `${db.name}/${name}`;
  const gen = generation(db, name);
  const hit = checks.get(key);
  if (hit && hit.gen === gen) return hit.value;
  const t = db.table(name);
  const byUpdated = t.schema.idxByName['updatedAt'] ? t.orderBy('updatedAt').last() : Promise.resolve(undefined);
  const value = Promise.all([t.count(), t.toCollection().lastKey(), byUpdated]).then(
    ([count, lastKey, newest]) => `${count}/${String(lastKey)}/${(newest as { updatedAt?: number } | undefined)?.updatedAt ?? ''}`,
  );
  checks.set(key, { gen, value });
  const done = () => {
    if (checks.get(key)?.value === value) checks.delete(key);
  };
  value.then(done, done);
  return value;
}

const MAX_AGE_MS = 60_000;
const cache = new Map<string, { stamp: string; at: number; value: unknown }>();
/**
 * The view's last result while none of `tables` changed (and `version`, what the caller knows changed otherwise,
 * is the same), else `compute` again.
 */
export async function cached<T>(db: SidecarDb, key: string, tables: readonly string[], compute: () => Promise<T>, version = ''): Promise<T> {
  const s = `${db.name}:${stamp(db, tables)}:${await fingerprint(db, tables)}:${version}`;
  const hit = cache.get(key);
  if (hit && hit.stamp === s && Date.now() - hit.at < MAX_AGE_MS) return hit.value as T;
  // Views asked for at once (the metrics and the review both need the history) share one computation.
  const running = inflight.get(key);
  if (running && running.stamp === s) return running.value as Promise<T>;
  const value = compute().then((v) => {
    // A write while computing leaves a newer generation: the next run computes again.
    cache.set(key, { stamp: s, at: Date.now(), value: v });
    return v;
  });
  inflight.set(key, { stamp: s, value });
  void value.then(
    () => inflight.get(key)?.value === value && inflight.delete(key),
    () => inflight.get(key)?.value === value && inflight.delete(key),
  );
  return value;
}
const inflight = new Map<string, { stamp: string; value: Promise<unknown> }>();

