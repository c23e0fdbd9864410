import type { SidecarDb } from '../db';
import type { Deal, Suggestion } from '../domain/records';
import { stageIndex, type Stage } from '../domain/stages';
import type { MailMessage } from '../domain/thread';
import { compileTriggers, scanText, suggestionKey, type TriggerHit, type TriggerMatcher } from '../domain/trigger-scan';
import type { TriggerRule } from '../domain/triggers';
import { closeDeal, moveDealStage, type MoveResult } from './deals';
import { currentDeals, findPeopleByEmails } from './people';
import { loadSettings } from './settings';

let compiled: { key: string; matcher: TriggerMatcher } | null = null;
function matcherFor(rules: readonly TriggerRule[]): TriggerMatcher {
  const key = JSON.stringify(rules);
  if (compiled?.key !== key) compiled = { key, matcher: compileTriggers(rules) };
  return compiled.matcher;
}

/**
 * Scans incoming messages from contacts for stage signals and records each as
 * a suggestion (once per message and rule). Only signals that move a deal
 * forward, or to Lost, are kept. Bodies are read here and dropped: only the
 * matched phrase is stored.
 */
export async function scanForTriggers(
  db: SidecarDb,
  messages: readonly MailMessage[],
  bodies: Readonly<Record<string, string>>,
  mine: ReadonlySet<string>,
  env: { now: number; locale: string },
): Promise<number> {
  const incoming = messages.filter((m) => !mine.has(m.from.email) && bodies[m.id]);
  if (incoming.length === 0) return 0;
  const settings = await loadSettings(db, env.locale);
  const matcher = matcherFor(settings.triggers);
  const hits = incoming.flatMap((m) => scanText(matcher, bodies[m.id]!).map((hit) => ({ messageId: m.id, at: m.date ?? env.now, hit, email: m.from.email })));
  if (hits.length === 0) return 0;
  return db.transaction('rw', [db.contacts, db.deals, db.suggestions], async () => {
    const people = await findPeopleByEmails(db, [...new Set(hits.map((h) => h.email))]);
    let added = 0;
    for (const h of hits) added += await suggest(db, settings.stages, people.get(h.email)?.deal ?? null, h, env.now);
    return added;
  });
}

/** LinkedIn messages read on the page, from a contact linked by profile URL. */
export async function scanLinkedInTriggers(
  db: SidecarDb,
  profileUrl: string,
  bodies: Readonly<Record<string, string>>,
  env: { now: number; locale: string },
): Promise<number> {
  const ids = Object.keys(bodies);
  if (ids.length === 0) return 0;
  const settings = await loadSettings(db, env.locale);
  const matcher = matcherFor(settings.triggers);
  const hits = ids.flatMap((id) => scanText(matcher, bodies[id]!).map((hit) => ({ messageId: id, at: env.now, hit })));
  if (hits.length === 0) return 0;
  return db.transaction('rw', [db.contacts, db.deals, db.suggestions], async () => {
    const contact = (await db.contacts.where('linkedinUrl').equals(profileUrl).toArray()).find((c) => c.deletedAt === null);
    if (!contact) return 0;
    const deal = (await currentDeals(db, [contact.id])).get(contact.id) ?? null;
    let added = 0;
    for (const h of hits) added += await suggest(db, settings.stages, deal, h, env.now);
    return added;
  });
}

/** Records one hit as a suggestion when it moves the deal forward (or to Lost); once per message and rule. */
async function suggest(db: SidecarDb, stages: readonly Stage[], deal: Deal | null, h: { messageId: string; at: number; hit: TriggerHit }, now: number): Promise<number> {
  const { hit } = h;
  if (!deal || deal.status !== 'open') return 0;
  const target = stageIndex(stages, hit.stageId);
  if (hit.stageId !== 'lost' && (target < 0 || target <= stageIndex(stages, deal.stageId))) return 0;
  const id = suggestionKey(hit, h.messageId);
  if (await db.suggestions.get(id)) return 0;
  // Bounded: one open suggestion per rule per deal. A thread of 199 "demo please" messages is one signal, not 199.
  const open = await db.suggestions
    .where('dealId')
    .equals(deal.id)
    .filter((x) => x.status === 'open' && x.kind === hit.kind && x.deletedAt === null)
    .count();
  if (open > 0) return 0;
  const s: Suggestion = {
    id,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    contactId: deal.contactId,
    dealId: deal.id,
    messageId: h.messageId,
    kind: hit.kind,
    stageId: hit.stageId,
    phrase: hit.phrase.slice(0, 200),
    at: h.at,
    status: 'open',
  };
  await db.suggestions.add(s);
  return 1;
}

export type AcceptResult = MoveResult | { ok: false; reason: 'not_found' | 'not_open' | 'reason_required' } | { ok: true };

/** The rep accepted: the deal moves (gates still apply), and the suggestion is closed. */
export async function acceptSuggestion(db: SidecarDb, id: string, env: { now: number; locale: string; lostReason: string }): Promise<AcceptResult> {
  const s = await db.suggestions.get(id);
  if (!s || s.status !== 'open') return { ok: false, reason: 'not_found' };
  const r =
    s.stageId === 'lost'
      ? await closeDeal(db, s.dealId, 'lost', env.lostReason, env.now)
      : await moveDealStage(db, s.dealId, { now: env.now, locale: env.locale, toStageId: s.stageId, reason: `trigger: ${s.kind}` });
  if (r.ok || r.reason === 'not_open' || r.reason === 'same_stage') await db.suggestions.update(id, { status: 'accepted', updatedAt: env.now });
  return r;
}

export async function dismissSuggestion(db: SidecarDb, id: string, now: number): Promise<void> {
  await db.suggestions.update(id, { status: 'dismissed', updatedAt: now });
}


/** Suggestions left open for a deal that has moved past them are stale: closed without a word. */
export async function expireSuggestions(db: SidecarDb, dealId: string, now: number, locale: string): Promise<void> {
  const settings = await loadSettings(db, locale);
  const deal = await db.deals.get(dealId);
  if (!deal) return;
  const open = await db.suggestions.where('dealId').equals(dealId).filter((s) => s.status === 'open').toArray();
  for (const s of open) {
    const stale = deal.status !== 'open' || (s.stageId !== 'lost' && stageIndex(settings.stages, s.stageId) <= stageIndex(settings.stages, deal.stageId));
    if (stale) await db.suggestions.update(s.id, { status: 'dismissed', updatedAt: now });
  }
}
