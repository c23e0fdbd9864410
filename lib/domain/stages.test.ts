import { DEFAULT_STAGES, firstStage, nextStage, stageIndex } from './stages';

describe('stages', () => {
  it('follows the guide’s default order', () => {
    expect(DEFAULT_STAGES.map((s) => s.id)).toEqual(['contact', 'qualification', 'meeting', 'proposal', 'closing', 'retention']);
    expect(firstStage(DEFAULT_STAGES).id).toBe('contact');
  });

  it('advances one step and stops at the end', () => {
    expect(nextStage(DEFAULT_STAGES, 'contact')?.id).toBe('qualification');
    expect(nextStage(DEFAULT_STAGES, 'retention')).toBeNull();
    expect(nextStage(DEFAULT_STAGES, 'nope')).toBeNull();
    expect(stageIndex(DEFAULT_STAGES, 'meeting')).toBe(2);
  });
});
