import { z } from 'zod';
import type { SidecarDb } from '../db';
import { ColumnMappingSchema as MappingSchema, RememberedMappingsSchema as StoredSchema, type ColumnMapping } from '../domain/import-presets';

// The column mapping a rep chose for a custom CSV, remembered per header row:
// the next file with the same columns is mapped the same way. Kept in the
// settings table (so a backup carries it), the most recent 50 header rows.

const KEY = 'importMappings';
const MAX = 50;

async function stored(db: SidecarDb): Promise<z.infer<typeof StoredSchema>> {
  const parsed = StoredSchema.safeParse((await db.settings.get(KEY))?.value);
  return parsed.success ? parsed.data : {};
}

export async function rememberedMapping(db: SidecarDb, header: string): Promise<ColumnMapping | null> {
  return (await stored(db))[header]?.mapping ?? null;
}

export async function rememberMapping(db: SidecarDb, header: string, mapping: unknown, now: number): Promise<boolean> {
  const parsed = MappingSchema.safeParse(mapping);
  if (!parsed.success) return false;
  await db.transaction('rw', db.settings, async () => {
    const all = { ...(await stored(db)), [header]: { mapping: parsed.data, at: now } };
    const kept = Object.entries(all).sort((a, b) => b[1].at - a[1].at).slice(0, MAX);
    await db.settings.put({ key: KEY, value: Object.fromEntries(kept), updatedAt: now });
  });
  return true;
}
