// The layer boundaries in eslint.config.js, proven: each bad snippet, linted as
// if it were a file in that folder, must be reported by the boundary rule, and
// the same code where the layer allows it must pass.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

async function lint(file: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file), warnIgnored: true });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const IMPORTS = 'no-restricted-imports';
const GLOBALS = 'no-restricted-globals';
const SYNTAX = 'no-restricted-syntax';

// [file, code, the rule that must report it]
const violations: [string, string, string][] = [
  // lib/domain is pure: no Dexie, no database, no services, no platform, no extension API.
  ['lib/domain/x.ts', "import Dexie from 'dexie';\nexport const D = Dexie;", IMPORTS],
  ['lib/domain/x.ts', "import { useLiveQuery } from 'dexie-react-hooks';\nexport const u = useLiveQuery;", IMPORTS],
  ['lib/domain/x.ts', "import { SidecarDb } from '../db';\nexport const D = SidecarDb;", IMPORTS],
  ['lib/domain/x.ts', "import type { StoredSummary } from '@/lib/db/schema';\nexport type S = StoredSummary;", IMPORTS],
  ['lib/domain/x.ts', "export { loadSettings } from '../services/settings';", IMPORTS],
  ['lib/domain/x.ts', "import { sendToBackground } from '~/lib/platform/messaging';\nexport const s = sendToBackground;", IMPORTS],
  ['lib/domain/x.ts', "export const load = () => import('../db');", SYNTAX],
  ['lib/domain/x.ts', "import { browser } from 'wxt/browser';\nexport const b = browser;", IMPORTS],
  ['lib/domain/x.ts', "import { browser } from '#imports';\nexport const b = browser;", IMPORTS],
  ['lib/domain/x.ts', 'export const id = () => browser.runtime.id;', GLOBALS],
  // lib/sites reads pages: no database, no services.
  ['lib/sites/gmail/x.ts', "import { SidecarDb } from '../../db';\nexport const D = SidecarDb;", IMPORTS],
  ['lib/sites/gmail/x.ts', "import { chipsFor } from '@/lib/services/chips';\nexport const c = chipsFor;", IMPORTS],
  ['lib/sites/linkedin/x.ts', "import Dexie from 'dexie';\nexport const D = Dexie;", IMPORTS],
  ['lib/sites/linkedin/x.ts', 'export const send = () => chrome.runtime.sendMessage({});', GLOBALS],
  // Only lib/platform and entrypoints touch browser.*: not services, messaging, i18n, components.
  ['lib/services/x.ts', 'export const get = () => browser.storage.local.get(null);', GLOBALS],
  ['lib/services/x.ts', 'export const api = () => (globalThis as unknown as { chrome: object }).chrome;', SYNTAX],
  ['lib/services/x.ts', "export const api = () => (globalThis as unknown as Record<string, object>)['browser'];", SYNTAX],
  ['lib/messaging/x.ts', "export const get = () => storage.getItem('local:x');", GLOBALS],
  ['lib/i18n/x.ts', "import { storage } from 'wxt/utils/storage';\nexport const s = storage;", IMPORTS],
  ['lib/db/x.ts', 'export const id = () => window.chrome;', SYNTAX],
  ['components/X.tsx', 'export const open = () => browser.runtime.openOptionsPage();', GLOBALS],
  // Components read through the background, never the database.
  ['components/X.tsx', "import { SidecarDb } from '@/lib/db';\nexport const D = SidecarDb;", IMPORTS],
  ['components/X.tsx', "import { SidecarDb } from '../lib/db/index';\nexport const D = SidecarDb;", IMPORTS],
  ['components/X.tsx', "import { useLiveQuery } from 'dexie-react-hooks';\nexport const u = useLiveQuery;", IMPORTS],
  // Page text is shown as text, never as HTML, in every folder.
  ['components/X.tsx', 'export const X = ({ html }: { html: string }) => <div dangerouslySetInnerHTML={{ __html: html }} />;', SYNTAX],
  ['lib/sites/gmail/x.ts', 'export const show = (el: Element, s: string) => { el.innerHTML = s; };', SYNTAX],
  ['lib/platform/x.ts', "export const show = (el: Element, s: string) => el.insertAdjacentHTML('beforeend', s);", SYNTAX],
  ['entrypoints/x/index.ts', 'export const show = (s: string) => document.write(s);', SYNTAX],
  ['lib/services/x.ts', 'export const show = (f: HTMLIFrameElement, s: string) => { f.srcdoc = s; };', SYNTAX],
];

// The same kinds of code where the architecture allows them.
const allowed: [string, string][] = [
  ['lib/platform/x.ts', "import { SidecarDb } from '../db';\nexport const D = SidecarDb;\nexport const id = () => browser.runtime.id;"],
  ['entrypoints/x/index.ts', 'export const send = () => browser.runtime.sendMessage({});'],
  ['lib/services/x.ts', "import Dexie from 'dexie';\nimport { SidecarDb } from '../db';\nexport const D = [Dexie, SidecarDb];"],
  ['components/X.tsx', "import { sendToBackground } from '@/lib/platform/messaging';\nexport const s = sendToBackground;"],
  // A local of that name is not the extension API.
  ['lib/domain/x.ts', "export function label(browser: string) {\n  return browser.toUpperCase();\n}"],
];

describe('lint boundaries', () => {
  // The first lint loads the config and its plugins.
  beforeAll(() => lint('lib/domain/x.ts', 'export {};'), 60_000);

  it.each(violations)('%s: %s → %s', async (file, code, rule) => {
    const messages = await lint(file, code);
    expect(messages.length, messages.join('\n')).toBeGreaterThan(0);
    expect(messages.every((m) => m.startsWith(`${rule}:`)), messages.join('\n')).toBe(true);
  });

  it.each(allowed)('%s: %s is allowed', async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});
