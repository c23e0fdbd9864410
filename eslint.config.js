// @ts-check
// Lint for mistakes, and for the layers of docs/architecture.md: each folder may
// import only what its layer may use. The boundaries are plain
// `no-restricted-imports` / `no-restricted-globals` / `no-restricted-syntax`
// rules per folder; test/unit/lint-boundaries.test.ts lints a bad snippet
// in each folder and expects the rule to fire.
// Not type-aware on purpose: `tsc --noEmit` already runs in `npm test`, and a
// type-aware lint would take tens of seconds instead of a few.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// An import path whose segments include `name` (`../db`, `@/lib/db/schema`,
// `~/lib/services`): the aliases and relative paths are not resolved, so a
// folder is recognised by its name. Folder names in lib/ are unique.
const folder = (name) => `(^|/)${name}(/|$)`;

/** One kind of forbidden import, with the reason a reader sees. */
const DEXIE = {
  regex: '^dexie($|[-/])',
  message: 'The database is opened only in the background: Dexie belongs to lib/db and lib/services.',
};
const DB = { regex: folder('db'), message: 'lib/db is read and written through lib/services, in the background only.' };
const SERVICES = {
  regex: folder('services'),
  message: 'lib/services is the background\'s writer: this layer must not reach it (send a message instead).',
};
const PLATFORM = { regex: folder('platform'), message: 'lib/domain is pure: it must not depend on lib/platform.' };
// Modules that are, or wrap, the extension API. `#imports` is WXT's virtual
// module, which re-exports `browser` and its `storage` among harmless helpers.
const BROWSER_MODULES = {
  regex: '^(wxt/browser|@wxt-dev/browser|webextension-polyfill|wxt/utils/storage)($|/)',
  message: 'Only lib/platform and entrypoints touch the extension API (browser.*).',
};
const BROWSER_NAMES = ['browser', 'storage'];
const HASH_IMPORTS = {
  name: '#imports',
  importNames: BROWSER_NAMES,
  message: 'Only lib/platform and entrypoints touch the extension API (browser.*).',
};

const browserMessage = 'Only lib/platform and entrypoints touch the extension API: add a function in lib/platform.';
// WXT auto-imports `browser` (and its `storage` wrapper) as globals, so an
// import rule alone would miss them; `chrome` is the browser's own global.
const BROWSER_GLOBALS = ['browser', 'chrome', 'storage'].map((name) => ({ name, message: browserMessage }));
// ...and the same through the global object: `window.chrome`, `globalThis['browser']`,
// `(globalThis as any).chrome` (through any number of casts).
const API_MEMBER = 'MemberExpression:matches([property.name=/^(browser|chrome)$/], [property.value=/^(browser|chrome)$/])';
const GLOBAL_OBJECT = '[name=/^(globalThis|window|self)$/]';
const BROWSER_SYNTAX = [
  { selector: `${API_MEMBER} > Identifier.object${GLOBAL_OBJECT}`, message: browserMessage },
  { selector: `${API_MEMBER} > :matches(TSAsExpression, TSNonNullExpression, TSTypeAssertion) Identifier${GLOBAL_OBJECT}`, message: browserMessage },
];

// Page text is attacker-controlled (email HTML, names, LinkedIn text): it is shown only as text. No code of ours
// writes HTML, so every HTML sink is refused outright, in every folder.
const HTML_SINKS = [
  {
    selector: 'MemberExpression[property.name=/^(innerHTML|outerHTML|insertAdjacentHTML|srcdoc)$/]',
    message: 'Show page text only as text (textContent, React text): never as HTML.',
  },
  { selector: 'MemberExpression[object.name="document"][property.name=/^(write|writeln)$/]', message: 'No document.write: show text as text.' },
  { selector: 'JSXAttribute[name.name="dangerouslySetInnerHTML"]', message: 'Show page text only as text: never dangerouslySetInnerHTML.' },
];

/**
 * The rules that keep one folder inside its layer. `import()` is checked too:
 * no-restricted-imports only sees static imports and re-exports.
 */
function layer(files, forbidden, ignores = []) {
  const all = [...forbidden, BROWSER_MODULES];
  return {
    name: `sidecar/boundaries ${files.join(' ')}`,
    files,
    ignores,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: all.map(({ regex, message }) => ({ regex, message })), paths: [HASH_IMPORTS] },
      ],
      'no-restricted-syntax': [
        'error',
        ...all.map(({ regex, message }) => ({
          selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\/')}/]`,
          message,
        })),
        ...BROWSER_SYNTAX,
        ...HTML_SINKS,
      ],
      'no-restricted-globals': ['error', ...BROWSER_GLOBALS],
    },
  };
}

export default defineConfig([
  globalIgnores(['.output/', '.output-bench/', '.wxt/', 'node_modules/', 'test-results/', 'playwright-report/', '.bench-tmp/', '.profile/']),
  {
    name: 'sidecar/base',
    files: ['**/*.{js,mjs,ts,tsx,mts}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_` marks a parameter or binding kept for its position.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    name: 'sidecar/node scripts',
    files: ['**/*.{js,mjs}'],
    // The bench and the start script run in Node and hand functions to the browser (page.evaluate).
    languageOptions: { globals: { ...globals.node, ...globals.browser, chrome: 'readonly' } },
  },
  {
    name: 'sidecar/e2e',
    files: ['test/e2e/**'],
    // Functions handed to evaluate() run in the page, the extension frame or the
    // worker, whose globals (chrome, test markers) TypeScript does not know here.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    name: 'sidecar/react',
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },

  // The layers. Each file is in exactly one of these, because a later config
  // object's options for a rule replace an earlier one's.
  layer(['lib/domain/**'], [DEXIE, DB, SERVICES, PLATFORM]),
  layer(['lib/sites/**'], [DEXIE, DB, SERVICES]),
  layer(['components/**'], [DEXIE, DB]),
  layer(['lib/**'], [], ['lib/domain/**', 'lib/sites/**', 'lib/platform/**']),
  // The folders outside the layers above still never write HTML.
  { name: 'sidecar/no HTML sinks', files: ['lib/platform/**', 'entrypoints/**'], rules: { 'no-restricted-syntax': ['error', ...HTML_SINKS] } },
]);
