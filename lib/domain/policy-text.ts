/**
 * docs/privacy.md, read for the extension's privacy page: one top-level section per language (in the order of
 * LANGUAGES), each made of headings, paragraphs and bullet lists, and nothing else. The policy is shown as text
 * (React text nodes), so a tiny reader of that subset is all it needs; anything outside it is refused by the
 * test beside this file, so the page can never silently drop a sentence of the policy.
 */
export type PolicyBlock = { kind: 'title' | 'heading' | 'paragraph'; text: string } | { kind: 'list'; items: string[] };

/** The document's top-level sections, each as blocks, in document order. */
export function readPolicy(markdown: string): PolicyBlock[][] {
  const sections: PolicyBlock[][] = [];
  let list: string[] | null = null;
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('- ')) list = null;
    if (!line) continue;
    if (line.startsWith('# ')) {
      sections.push([{ kind: 'title', text: line.slice(2) }]);
      continue;
    }
    const current = sections.at(-1);
    if (!current) throw new Error(`Text before the first title: "${line}"`);
    if (line.startsWith('## ')) current.push({ kind: 'heading', text: line.slice(3) });
    else if (line.startsWith('- ')) {
      if (!list) current.push({ kind: 'list', items: (list = []) });
      list.push(line.slice(2));
    } else if (/^(#{3,}|[*+] |\d+\. |>|```|\||<)/.test(line)) throw new Error(`Outside the policy's subset of Markdown: "${line}"`);
    else current.push({ kind: 'paragraph', text: line });
  }
  return sections;
}
