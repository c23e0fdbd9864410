import { foldOwnText, normalizePhrase } from './text-fold';

describe('normalizePhrase', () => {
  it('folds phrases like text', () => {
    expect(normalizePhrase('  Jadwalkan—DÉMO!  ')).toBe('jadwalkan demo');
    expect(normalizePhrase('İSTANBUL, Café')).toBe('istanbul cafe');
  });
});

describe('foldOwnText', () => {
  it('maps each folded unit back to the span of the original it came from', () => {
    const text = 'Can we SCHEDULE, a Démo?';
    const folded = foldOwnText(text);
    const at = folded.text.indexOf('schedule a demo');
    expect(at).toBeGreaterThanOrEqual(0);
    const end = at + 'schedule a demo'.length - 1;
    expect(text.slice(folded.start[at], folded.end[end])).toBe('SCHEDULE, a Démo');
  });

  it('turns quoted lines into barriers and drops everything after a reply header', () => {
    const folded = foldOwnText('Sounds good\n> can we schedule a demo\nThanks\n\nOn Mon, 3 Aug 2026, Dana <d@x.io> wrote:\nsend pricing');
    expect(folded.text).toContain('sounds good');
    expect(folded.text).toContain('|');
    expect(folded.text).toContain('thanks');
    expect(folded.text).not.toContain('schedule');
    expect(folded.text).not.toContain('pricing');
  });

  it('knows the Indonesian and Outlook reply headers too', () => {
    expect(foldOwnText('Oke\nPada 3 Agu 2026, Budi menulis:\nminta demo').text).not.toContain('demo');
    expect(foldOwnText('Oke\nFrom: Budi\nSent: Monday\nminta demo').text).not.toContain('demo');
  });
});
