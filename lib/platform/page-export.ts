import { getDb } from '../db';
import { resolveLanguage, stageName, translator } from '../i18n';
import { backupChunks, csvChunks, type ExportWhat } from '../services/export';
import { loadSettings } from '../services/settings';

/**
 * An export's text pieces, read from the database by the page that asked for
 * it. The page can read IndexedDB as well as the worker can, and reading here
 * spares every piece of a 38 MB backup a trip through extension messaging (the
 * worker serialising it, the page parsing it back): the backup of 10,000
 * contacts and 100,000 activities took 4.6-5.4 s over the data port and
 * about 3 s read here (BENCHMARKS.md). Writes stay in the worker.
 */
export async function exportChunks(what: ExportWhat): Promise<AsyncGenerator<string>> {
  const db = getDb();
  if (what.kind === 'backup') return backupChunks(db, { now: Date.now(), app: browser.runtime.getManifest().version });
  // Stage names as the rep reads them, in the language the extension shows.
  const settings = await loadSettings(db, navigator.language || 'en');
  const t = translator(resolveLanguage(settings.language, navigator.languages ?? []));
  const names = new Map(settings.stages.map((s) => [s.id, stageName(s, t)]));
  return csvChunks(db, what.table, { stageName: (id) => names.get(id) ?? id });
}
