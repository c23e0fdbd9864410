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
