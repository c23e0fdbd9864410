/**
 * Message keys built from a value (`activity.kind.${kind}`), one builder per
 * family. Each is typed so that a value whose key is missing from the
 * dictionaries does not compile, and carries the domain it is built from (the
 * same enum the code uses), so keys.test.ts can build every key and check it
 * in every language. Use these instead of casting a template to MessageKey.
 */
import { ActivityKindSchema } from '../domain/records';
import { BANT_FIELDS, BantStateSchema } from '../domain/bant';
import { CSV_TABLES } from '../domain/csv-tables';
import { ROW_ACTIONS } from '../domain/import-plan';
import { IMPORT_FIELDS, PRESET_IDS } from '../domain/import-presets';
import { ISSUE_CODES } from '../domain/import-rows';
import { NUDGE_KINDS, NUDGE_NUMBER_SETTINGS } from '../domain/nudges';
import { FIT_RULES, ICP_KEYWORD_LISTS } from '../domain/scoring-config';
import { BUILTIN_STAGE_IDS, PhaseSchema } from '../domain/stages';
import { TriggerKindSchema } from '../domain/triggers';
import { WEEKDAYS } from '../domain/working-time';
import { NUDGE_FILTERS, OWNER_FILTERS, SORT_KEYS, TOUCH_FILTERS } from '../domain/people-filter';
import { MISSING_DETAILS } from '../domain/pipeline-review';
import { FAILURE_CODES } from '../domain/sync-wire';
import type { MessageKey } from './en';

export interface KeyBuilder<V extends string | number, K extends MessageKey> {
  (value: V): K;
  /** Every value the code can build a key from. */
  readonly domain: readonly V[];
  /** Narrows a value that arrived untyped (a stored record, a reply) to this family's domain. */
  has(value: unknown): value is V;
}

function keys<const V extends string | number, K extends MessageKey>(domain: readonly V[], build: (value: V) => K): KeyBuilder<V, K> {
  const set = new Set<unknown>(domain);
  return Object.assign((value: V) => build(value), { domain, has: (value: unknown): value is V => set.has(value) });
}

export const activityKindKey = keys(ActivityKindSchema.options, (k) => `activity.kind.${k}` as const);
export const engagementKey = keys(ActivityKindSchema.options, (k) => `eng.${k}` as const);
export const bantFieldKey = keys(BANT_FIELDS, (f) => `bant.${f}` as const);
export const bantStateKey = keys(BantStateSchema.options, (s) => `bant.state.${s}` as const);
export const fitRuleKey = keys(FIT_RULES, (r) => `fit.${r}` as const);
export const icpListKey = keys(ICP_KEYWORD_LISTS, (l) => `scoring.${l}` as const);
export const nudgeKindKey = keys(NUDGE_KINDS, (k) => `nudge.kind.${k}` as const);
export const nudgeSettingKey = keys(NUDGE_NUMBER_SETTINGS, (s) => `nudgeSettings.${s}` as const);
export const phaseKey = keys(PhaseSchema.options, (p) => `stages.phase.${p}` as const);
export const stageKey = keys(BUILTIN_STAGE_IDS, (id) => `stage.${id}` as const);
export const triggerKindKey = keys(TriggerKindSchema.options, (k) => `trigger.kind.${k}` as const);
export const weekdayKey = keys(WEEKDAYS, (d) => `day.${d}` as const);
export const csvTableKey = keys(CSV_TABLES, (t) => `data.export.csv.${t}` as const);
export const importFieldKey = keys(IMPORT_FIELDS, (f) => `data.field.${f}` as const);
export const importIssueKey = keys(ISSUE_CODES, (c) => `data.issue.${c}` as const);
export const importPresetKey = keys(PRESET_IDS, (p) => `data.preset.${p}` as const);
export const importRowActionKey = keys(ROW_ACTIONS, (a) => `data.action.${a}` as const);
export const peopleTouchKey = keys(TOUCH_FILTERS, (v) => `people.touch.${v}` as const);
export const peopleOwnerKey = keys(OWNER_FILTERS, (v) => `people.owner.${v}` as const);
export const peopleNudgeKey = keys(NUDGE_FILTERS, (v) => `people.nudge.${v}` as const);
export const peopleColumnKey = keys(SORT_KEYS, (k) => `people.col.${k}` as const);
/** The person fields the dashboard edits (ContactPatch's keys). */
export const contactFieldKey = keys(['name', 'emails', 'title', 'headline', 'location', 'linkedinUrl', 'companyName'] as const, (f) => `people.edit.${f}` as const);
export const missingDetailKey = keys(MISSING_DETAILS, (m) => `review.missing.${m}` as const);
/** Sync failures in plain words: every code the server can send, and what fails on the way (never the server's English). */
export const syncErrorKey = keys(FAILURE_CODES, (c) => `sync.error.${c}` as const);
