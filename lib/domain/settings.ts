import { z } from 'zod';
import { LANGUAGES } from '../i18n/languages';
import { EmailSchema } from './email';
import { CurrencySchema } from './records';
import { DEFAULT_NUDGE_SETTINGS, NudgeSettingsSchema } from './nudges';
import { DEFAULT_SCORING, ScoringConfigSchema } from './scoring-config';
import { DEFAULT_STAGES, StageSchema } from './stages';
import { DEFAULT_TRIGGERS, TriggerRulesSchema } from './triggers';

export const LanguageSettingSchema = z.enum(['auto', ...LANGUAGES]);
export type LanguageSetting = z.infer<typeof LanguageSettingSchema>;

export const SETTINGS_VERSION = 1;

export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  stages: z
    .array(StageSchema)
    .min(1)
    .max(30)
    .refine((s) => new Set(s.map((x) => x.id)).size === s.length, 'stage ids must be unique'),
  language: LanguageSettingSchema,
  currency: CurrencySchema,
  /**
   * The rep's own addresses, never a "person" in a thread: the first Gmail account seen, and those the rep
   * confirmed or added. A page can only propose more (below), so it can never push the rep's own out.
   */
  myAddresses: z.array(EmailSchema).max(20),
  /** Other accounts Gmail pages showed, waiting for the rep to confirm them (newest first). */
  proposedAddresses: z.array(EmailSchema).max(20),
  /** Show the sidebar in the browser's side panel instead of inside the page. */
  sidePanel: z.boolean(),
  /**
   * Stage chips in the Gmail inbox. Drawing inside Gmail's page tells that page (and any script on it) which
   * senders are contacts and at which stage, as every Gmail CRM does: the rep may turn them off.
   */
  inboxChips: z.boolean(),
  /** Log a LinkedIn message automatically when the rep sends it to a known contact. */
  autoLogLinkedInMessages: z.boolean(),
  /** Offered when a deal is marked Lost; editable. */
  lostReasons: z
    .array(z.string().trim().min(1).max(120))
    .max(30)
    .refine((r) => new Set(r.map((x) => x.toLowerCase())).size === r.length, 'lost reasons must be unique'),
  scoring: ScoringConfigSchema,
  triggers: TriggerRulesSchema,
  nudges: NudgeSettingsSchema,
  /** A desktop notification once a day at `time` (local, HH:MM); off by default. */
  notifications: z.object({ enabled: z.boolean(), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) }),
  /** Backup files written to the Downloads folder on a schedule, the last `keep` kept; off by default (asks for the downloads permission). */
  backups: z.object({ enabled: z.boolean(), every: z.enum(['daily', 'weekly']), keep: z.number().int().min(1).max(30) }),
});
export type Settings = z.infer<typeof SettingsSchema>;

const LOST_REASONS_EN = ['Price too high', 'Chose a competitor', 'No budget', 'No decision / went quiet', 'Bad timing', 'Not a fit'];
const LOST_REASONS_ID = ['Harga terlalu mahal', 'Memilih pesaing', 'Tidak ada anggaran', 'Tidak ada keputusan / menghilang', 'Waktu tidak tepat', 'Tidak cocok'];

export function defaultSettings(locale: string): Settings {
  const id = locale.toLowerCase().startsWith('id');
  return {
    version: SETTINGS_VERSION,
    stages: DEFAULT_STAGES,
    language: 'auto',
    currency: id ? 'IDR' : 'USD',
    myAddresses: [],
    proposedAddresses: [],
    sidePanel: false,
    inboxChips: true,
    autoLogLinkedInMessages: true,
    lostReasons: id ? LOST_REASONS_ID : LOST_REASONS_EN,
    scoring: DEFAULT_SCORING,
    triggers: DEFAULT_TRIGGERS,
    nudges: DEFAULT_NUDGE_SETTINGS,
    notifications: { enabled: false, time: '09:00' },
    backups: { enabled: false, every: 'weekly', keep: 5 },
  };
}

/**
 * Reads stored settings of any earlier version; anything unreadable falls back
 * to defaults field by field, so a bad value never locks the rep out.
 */
export function migrateSettings(raw: unknown, locale: string): Settings {
  const defaults = defaultSettings(locale);
  if (typeof raw !== 'object' || raw === null) return defaults;
  const merged = { ...defaults, ...(raw as Record<string, unknown>), version: SETTINGS_VERSION };
  const parsed = SettingsSchema.safeParse(merged);
  if (parsed.success) return parsed.data;
  const out: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(SettingsSchema.shape) as (keyof Settings)[]) {
    const field = SettingsSchema.shape[key].safeParse(merged[key]);
    if (field.success) out[key] = field.data;
  }
  return SettingsSchema.parse(out);
}

/**
 * What learning an account the page reports changes: the very first becomes the rep's own (nothing else is
 * known yet, and the rep can remove it); any later one is only proposed. Either way nothing confirmed is lost.
 */
export function learnAddress(s: Pick<Settings, 'myAddresses' | 'proposedAddresses'>, email: string): Partial<Settings> {
  if (s.myAddresses.includes(email) || s.proposedAddresses.includes(email)) return {};
  if (s.myAddresses.length === 0) return { myAddresses: [email] };
  return { proposedAddresses: [email, ...s.proposedAddresses].slice(0, 20) };
}

/** The rep says an address is theirs: it joins their own (at most 20) and leaves the proposals. */
export function confirmAddress(s: Pick<Settings, 'myAddresses' | 'proposedAddresses'>, email: string): Partial<Settings> {
  return {
    myAddresses: s.myAddresses.includes(email) ? s.myAddresses : [...s.myAddresses, email].slice(0, 20),
    proposedAddresses: s.proposedAddresses.filter((e) => e !== email),
  };
}
