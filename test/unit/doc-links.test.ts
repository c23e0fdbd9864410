import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Comments and READMEs send readers to the docs, often to a named section
// (`docs/sales-method.md, "Follow-up"`). A renamed heading or a moved page
// would leave them pointing at nothing: every such pointer must land.

const root = path.resolve(__dirname, '../..');
const POINTER = /docs\/([\w.-]+\.md)((?:,?\s*\(?"[^"\n]+"\)?)*)/g;

const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter((f) => /\.(ts|tsx|mjs|js|md|html|json)$/.test(f) && f !== 'package-lock.json');

function headings(file: string): Set<string> {
  const text = readFileSync(path.join(root, 'docs', file), 'utf8');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+?)\s*$/gm)].map((m) => m[1]!));
}

const pointers = tracked.flatMap((file) => {
  const text = existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), 'utf8') : '';
  return [...text.matchAll(POINTER)].map((m) => ({
    from: file,
    doc: m[1]!,
    sections: [...(m[2] ?? '').matchAll(/"([^"\n]+)"/g)].map((s) => s[1]!),
  }));
});

describe('pointers into docs/', () => {
  it('finds the pointers the code makes (the check is not vacuous)', () => {
    expect(pointers.filter((p) => p.sections.length > 0).length).toBeGreaterThan(3);
  });

  it.each(pointers.map((p) => [`${p.from} → docs/${p.doc} ${p.sections.join(', ')}`, p] as const))('%s lands', (_label, p) => {
    expect(existsSync(path.join(root, 'docs', p.doc)), `docs/${p.doc} exists`).toBe(true);
    const names = headings(p.doc);
    for (const s of p.sections) expect(names.has(s), `docs/${p.doc} has a heading "${s}"`).toBe(true);
  });
});
