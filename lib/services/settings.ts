import type { SidecarDb } from '../db';
import { learnAddress, migrateSettings, SettingsSchema, type Settings } from '../domain/settings';

const KEY = 'app';

/** The browser's language, for defaults only (currency, lost reasons) before the rep saved anything. */
export const defaultLocale = () => globalThis.navigator?.language || 'en';

// Settings are read by nearly every message the background answers; validating the
// whole object (stages, scoring rules, triggers) each time costs more than the read.
// The last result is kept, keyed by exactly what was stored.
let last: { key: string; settings: Settings } | null = null;

export async function loadSettings(db: SidecarDb, locale: string): Promise<Settings> {
  const row = await db.settings.get(KEY);
  const key = `${locale}\n${row ? JSON.stringify(row.value) : ''}`;
  if (last?.key === key) return last.settings;
  // Frozen: shared between callers, so nobody may change it in place.
  const settings = deepFreeze(migrateSettings(row?.value, locale));
  last = { key, settings };
  return settings;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; issues: string[] };

/** Validates the whole result before writing: a bad patch changes nothing. */
export async function updateSettings(
  db: SidecarDb,
  locale: string,
  patch: (current: Settings) => Partial<Settings>,
  now: number,
): Promise<SettingsResult> {
  return db.transaction('rw', db.settings, async () => {
    const current = await loadSettings(db, locale);
    const parsed = SettingsSchema.safeParse({ ...current, ...patch(current) });
    if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
    await db.settings.put({ key: KEY, value: parsed.data, updatedAt: now });
    return { ok: true, settings: parsed.data };
  });
}

/** Learns the signed-in account (see learnAddress: the first is the rep's, later ones are proposed). */
export async function rememberMyAddress(db: SidecarDb, locale: string, email: string, now: number): Promise<void> {
  const current = await loadSettings(db, locale);
  if (Object.keys(learnAddress(current, email)).length === 0) return;
  // Decided again inside the write: two Gmail tabs may report the same account at once.
  await updateSettings(db, locale, (s) => learnAddress(s, email), now);
}

/**
 * Learns the address of the user a sync server paired this browser for, as rememberMyAddress does, keeping the
 * settings' own time: the first upload stamps the settings with it, and learning the rep's address (which is not
 * shared) must not make this browser's pipeline settings newer than the team's.
 */
export async function rememberPairedAddress(db: SidecarDb, locale: string, email: string): Promise<void> {
  const row = await db.settings.get(KEY);
  await rememberMyAddress(db, locale, email, typeof row?.updatedAt === 'number' ? row.updatedAt : 0);
}
