import type { SidecarDb } from '../db';
import { stageName, translator, type Language } from '../i18n';
import { findPeopleByEmails } from './people';
import { loadSettings } from './settings';

export interface StageChip {
  label: string;
  color: string;
}

/** Stage chips for the inbox: only addresses of known contacts with a deal get one. */
export async function stageChipsFor(
  db: SidecarDb,
  emails: readonly string[],
  env: { locale: string; language: (setting: import('../domain/settings').LanguageSetting) => Language },
): Promise<Record<string, StageChip>> {
  const [people, settings] = await Promise.all([findPeopleByEmails(db, emails), loadSettings(db, env.locale)]);
  const t = translator(env.language(settings.language));
  const out: Record<string, StageChip> = {};
  for (const [email, { deal }] of people) {
    if (!deal) continue;
    if (deal.status !== 'open') {
      out[email] = { label: t(deal.status === 'won' ? 'deal.status.won' : 'deal.status.lost'), color: deal.status === 'won' ? '#15803d' : '#b91c1c' };
      continue;
    }
    const stage = settings.stages.find((s) => s.id === deal.stageId);
    if (stage) out[email] = { label: stageName(stage, t), color: stage.color };
  }
  return out;
}

/**
 * The chips already answered, by address, until the next write to contacts,
 * deals or settings (the owner calls clear()): an inbox reload, or the next
 * page of the list, asks for mostly the same senders and is answered from
 * memory. An answer read before a clear() is not kept.
 */
export class ChipCache {
  private map = new Map<string, StageChip | null>();
  private generation = 0;
  constructor(private max = 5000) {}

  async get(emails: readonly string[], resolve: (missing: string[]) => Promise<Record<string, StageChip>>): Promise<Record<string, StageChip>> {
    const missing = [...new Set(emails.filter((e) => !this.map.has(e)))];
    let found: Record<string, StageChip> = {};
    if (missing.length) {
      const generation = this.generation;
      found = await resolve(missing);
      if (generation === this.generation) {
        if (this.map.size + missing.length > this.max) this.map.clear();
        for (const e of missing) this.map.set(e, found[e] ?? null);
      }
    }
    const out: Record<string, StageChip> = {};
    for (const e of emails) {
      const chip = Object.prototype.hasOwnProperty.call(found, e) ? found[e] : this.map.get(e);
      if (chip) out[e] = chip;
    }
    return out;
  }

  clear(): void {
    this.map.clear();
    this.generation++;
  }
}
