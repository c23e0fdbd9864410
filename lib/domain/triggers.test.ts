import { DEFAULT_STAGES } from './stages';
import { DEFAULT_TRIGGERS, TriggerRuleSchema, TriggerRulesSchema, type TriggerRule } from './triggers';

/** The default demo rule (kind demo_request, stage meeting, enabled), cut down to one phrase. */
const rule = (over: Partial<TriggerRule> = {}): TriggerRule => ({ ...DEFAULT_TRIGGERS[0]!, id: 'r1', phrases: ['demo'], ...over });

describe('DEFAULT_TRIGGERS', () => {
  it('is valid and points at built-in stages or lost', () => {
    expect(TriggerRulesSchema.parse(DEFAULT_TRIGGERS)).toEqual(DEFAULT_TRIGGERS);
    const ids = new Set([...DEFAULT_STAGES.map((s) => s.id), 'lost']);
    for (const r of DEFAULT_TRIGGERS) expect(ids.has(r.stageId)).toBe(true);
  });
});

describe('TriggerRuleSchema', () => {
  const messages = (v: unknown, schema: typeof TriggerRuleSchema | typeof TriggerRulesSchema = TriggerRuleSchema) => {
    const r = schema.safeParse(v);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };
  it('rejects empty, too short, too long and punctuation-only phrases', () => {
    expect(messages(rule({ phrases: [] }))).toEqual(['a rule needs at least one phrase']);
    expect(messages(rule({ phrases: ['   '] }))).toContain('a phrase needs at least 2 characters');
    expect(messages(rule({ phrases: [' a '] }))).toContain('a phrase needs at least 2 characters');
    expect(messages(rule({ phrases: ['x'.repeat(81)] }))).toEqual(['a phrase is at most 80 characters']);
    expect(messages(rule({ phrases: ['?!'] }))).toEqual(['a phrase needs a letter or a digit']);
    expect(messages(rule({ phrases: Array.from({ length: 51 }, (_, i) => `p${i}`) }))).toEqual(['a rule has at most 50 phrases']);
  });
  it('rejects duplicate phrases, case and accents aside', () => {
    expect(messages(rule({ phrases: ['Book a demo', 'book a  DÉMO'] }))).toEqual(['"book a  DÉMO" repeats phrase 1']);
  });
  it('rejects unknown kinds and missing ids or stages', () => {
    expect(messages({ ...rule(), kind: 'webinar' }).length).toBe(1);
    expect(messages(rule({ id: '' }))).toEqual(['a rule needs an id']);
    expect(messages(rule({ stageId: ' ' }))).toEqual(['a rule needs a stage']);
  });
  it('trims phrases', () => {
    expect(TriggerRuleSchema.parse(rule({ phrases: ['  book a demo '] })).phrases).toEqual(['book a demo']);
  });
  it('limits rules to 50 with unique ids', () => {
    const many = Array.from({ length: 51 }, (_, i) => rule({ id: `r${i}` }));
    expect(messages(many, TriggerRulesSchema)).toEqual(['at most 50 trigger rules']);
    expect(messages([rule(), rule()], TriggerRulesSchema)).toEqual(['rule id "r1" is used twice']);
  });
});
