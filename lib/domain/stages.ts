import { z } from 'zod';
import { StageGateSchema } from './bant';

export const PhaseSchema = z.enum(['awareness', 'consideration', 'decision']);

export const StageSchema = z.object({
  id: z.string().min(1).max(64),
  /** null: a built-in stage shown under its localised name until the rep renames it. */
  name: z.string().trim().min(1).max(60).nullable(),
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  phase: PhaseSchema.nullable(),
  /** BANT answers a deal needs before it may enter this stage. */
  gate: StageGateSchema.nullable().default(null),
});
export type Stage = z.infer<typeof StageSchema>;

export const BUILTIN_STAGE_IDS = ['contact', 'qualification', 'meeting', 'proposal', 'closing', 'retention'] as const;

/** The guide's default pipeline (docs/sales-method.md, "Stages"); editable in settings. */
export const DEFAULT_STAGES: Stage[] = [
  { id: 'contact', name: null, color: '#64748b', phase: 'awareness', gate: null },
  { id: 'qualification', name: null, color: '#0ea5e9', phase: 'awareness', gate: null },
  { id: 'meeting', name: null, color: '#8b5cf6', phase: 'consideration', gate: null },
  { id: 'proposal', name: null, color: '#f59e0b', phase: 'consideration', gate: null },
  { id: 'closing', name: null, color: '#10b981', phase: 'decision', gate: null },
  { id: 'retention', name: null, color: '#14b8a6', phase: 'decision', gate: null },
];

export function stageIndex(stages: readonly Stage[], stageId: string): number {
  return stages.findIndex((s) => s.id === stageId);
}

/** The stage after `stageId`, or null at the end (or when the stage is unknown). */
export function nextStage(stages: readonly Stage[], stageId: string): Stage | null {
  const i = stageIndex(stages, stageId);
  return i >= 0 && i + 1 < stages.length ? stages[i + 1]! : null;
}

export function firstStage(stages: readonly Stage[]): Stage {
  const s = stages[0];
  if (!s) throw new Error('a pipeline has at least one stage');
  return s;
}
