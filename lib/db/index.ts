import { SidecarDb } from './schema';

let instance: SidecarDb | undefined;

/** The one database of this extension context, opened lazily. */
export function getDb(): SidecarDb {
  instance ??= new SidecarDb();
  return instance;
}

export { SidecarDb };
export type { ImportChunk, ImportJob, SettingRow, StoredSummary, UndoEntry } from './schema';
