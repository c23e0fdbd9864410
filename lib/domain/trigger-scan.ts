/**
 * Finding triggers in a message (docs/sales-method.md): the rules compiled
 * once into one regex over folded text (text-fold.ts), then each message's own
 * text scanned in one pass. Pure: the product suggests the stage move, the rep
 * confirms. Of a body only the matched snippet (at most MAX_SNIPPET characters)
 * ever leaves here.
 */
import { foldOwnText, normalizePhrase } from './text-fold';
import type { TriggerKind, TriggerRule } from './triggers';

/** Longest snippet kept from a body. */
export const MAX_SNIPPET = 120;

export interface TriggerHit {
  ruleId: string;
  kind: TriggerKind;
  stageId: string;
  /** The matched snippet, as written in the message (≤ MAX_SNIPPET chars). */
  phrase: string;
}

declare const matcherBrand: unique symbol;
/** Compiled rules; build once with `compileTriggers`, reuse for every message. */
export interface TriggerMatcher {
  readonly [matcherBrand]: true;
}

interface CompiledRule {
  rule: TriggerRule;
  /** Sticky: tried only where `any` found some phrase. */
  at: RegExp;
}
interface Compiled {
  /** Every phrase of every enabled rule, in one regex: one pass finds where phrases start. */
  any: RegExp | null;
  rules: CompiledRule[];
}

/** Words end at anything but a letter or a digit (folded text has only those, spaces and barriers). */
const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function alternation(phrases: readonly string[]): string {
  // Longest first, so the snippet is the fullest phrase found at a position.
  return [...new Set(phrases)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escape).join('|');
}

export function compileTriggers(rules: readonly TriggerRule[]): TriggerMatcher {
  const compiled: CompiledRule[] = [];
  const all: string[] = [];
  const list: readonly TriggerRule[] = Array.isArray(rules) ? rules : [];
  for (const rule of list) {
    if (!rule?.enabled || !Array.isArray(rule.phrases)) continue;
    const phrases = rule.phrases.filter((p): p is string => typeof p === 'string').map(normalizePhrase).filter(Boolean);
    if (phrases.length === 0) continue;
    all.push(...phrases);
    compiled.push({ rule, at: new RegExp(`(?:${alternation(phrases)})${AFTER}`, 'uy') });
  }
  const any = all.length > 0 ? new RegExp(`${BEFORE}(?:${alternation(all)})${AFTER}`, 'gu') : null;
  return { any, rules: compiled } satisfies Compiled as unknown as TriggerMatcher;
}

/**
 * The triggers in a message's own text (quoted lines and quoted replies
 * skipped): at most one hit per rule, in rule order.
 */
export function scanText(matcher: TriggerMatcher, text: string): TriggerHit[] {
  const { any, rules } = matcher as unknown as Compiled;
  if (!any || typeof text !== 'string' || text === '') return [];
  const folded = foldOwnText(text);
  const found = new Map<CompiledRule, TriggerHit>();
  any.lastIndex = 0;
  // Each place where some phrase starts is tried against every rule still
  // unmatched there, so phrases of different rules may overlap.
  let previous = -1;
  for (let m = any.exec(folded.text); m && found.size < rules.length; m = any.exec(folded.text)) {
    const pos = m.index;
    if (pos <= previous) break; // never loop on one place
    previous = pos;
    for (const r of rules) {
      if (found.has(r)) continue;
      r.at.lastIndex = pos;
      const hit = r.at.exec(folded.text);
      if (!hit) continue;
      const from = folded.start[pos]!;
      const to = Math.min(folded.end[pos + hit[0].length - 1]!, from + MAX_SNIPPET);
      found.set(r, { ruleId: r.rule.id, kind: r.rule.kind, stageId: r.rule.stageId, phrase: text.slice(from, to) });
    }
    any.lastIndex = pos + (folded.text.codePointAt(pos)! > 0xffff ? 2 : 1);
  }
  return rules.flatMap((r) => found.get(r) ?? []);
}

/** A stable id for the suggestion a hit makes, so one message never suggests the same move twice. */
export function suggestionKey(hit: Pick<TriggerHit, 'ruleId'>, messageId: string): string {
  return `trigger:${encodeURIComponent(messageId)}:${encodeURIComponent(hit.ruleId)}`;
}
