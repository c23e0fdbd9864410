import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGES } from '../i18n/languages';
import { readPolicy } from './policy-text';

const policy = fs.readFileSync(path.resolve(__dirname, '../../docs/privacy.md'), 'utf8');

describe('readPolicy', () => {
  it('reads titles, headings, paragraphs and lists, section by section', () => {
    const md = '# One\n\nIntro.\n\n## Part\n- a\n- b\nAfter.\n# Dua\n## Bagian\n- c\n';
    expect(readPolicy(md)).toEqual([
      [
        { kind: 'title', text: 'One' },
        { kind: 'paragraph', text: 'Intro.' },
        { kind: 'heading', text: 'Part' },
        { kind: 'list', items: ['a', 'b'] },
        { kind: 'paragraph', text: 'After.' },
      ],
      [
        { kind: 'title', text: 'Dua' },
        { kind: 'heading', text: 'Bagian' },
        { kind: 'list', items: ['c'] },
      ],
    ]);
  });

  it('refuses what it would not show faithfully', () => {
    expect(() => readPolicy('# T\n1. numbered')).toThrow(/subset/);
    expect(() => readPolicy('# T\n| a | b |')).toThrow(/subset/);
    expect(() => readPolicy('loose text')).toThrow(/before the first title/);
  });

  it('docs/privacy.md has one section per language, with the same headings in each', () => {
    const sections = readPolicy(policy);
    expect(sections).toHaveLength(LANGUAGES.length);
    const shape = sections.map((s) => s.map((b) => (b.kind === 'list' ? `list:${b.items.length}` : b.kind)));
    for (const s of shape) expect(s).toEqual(shape[0]);
  });
});
