import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Test-only: fixture documents for the Gmail reader tests (parsed, never executed). */

// Not `new URL('.', import.meta.url)`: under happy-dom the global URL resolves a
// file: base to http://localhost:3000/…, which fileURLToPath rejects.
const here = path.dirname(fileURLToPath(import.meta.url));

export function gmailFixture(name: string): Document {
  return parseHtml(readFileSync(path.resolve(here, '../../../test/fixtures/gmail', name), 'utf8'));
}

/** The real captures in test/fixtures/real (see its SOURCES.md). */
export function realFixture(name: string): Document {
  return parseHtml(readFileSync(path.resolve(here, '../../../test/fixtures/real', name), 'utf8'));
}

export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
