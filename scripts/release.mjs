#!/usr/bin/env node
// `npm run release`: the three packages the stores take, in one folder (default .output/release/):
//   sidecar-crm-<version>-chrome.zip    the Chrome Web Store upload
//   sidecar-crm-<version>-firefox.zip   the addons.mozilla.org upload
//   sidecar-crm-<version>-sources.zip   the sources addons.mozilla.org asks for (bundled code), with rebuild steps
// Two runs from one commit give byte-identical zips: entries sorted, one fixed timestamp, fixed attributes, so
// a reviewer (or our test, test/release/) can check that a package is what the sources build.
// Options: --out <dir>, --no-build (package what .output/ already holds).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { packageEntries, sourceFiles } from './release-files.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const outDir = path.resolve(root, outArg >= 0 ? args[outArg + 1] : '.output/release');
const build = !args.includes('--no-build');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

// Zip times are DOS local times: a date built from local fields reads back the same in every time zone.
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** One deterministic zip from [name, bytes] pairs (names use '/', sorted by the caller). */
function zip(entries) {
  const files = {};
  for (const [name, bytes] of entries) files[name] = [bytes, { mtime: FIXED_TIME, level: 9 }];
  return zipSync(files);
}

function write(name, bytes) {
  const file = path.join(outDir, name);
  fs.writeFileSync(file, bytes);
  console.log(`${path.relative(root, file)}  ${(bytes.length / 1024).toFixed(0)} KB`);
}

// The caller's environment must not change the bundle: NODE_ENV=test (set by a test runner) would build React's
// development code, and a bench flag would add the bench page.
const buildEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NODE_ENV|VITEST.*|SIDECAR_.*|MODE)$/.test(k)));
const run = (...cmd) => execFileSync('npx', cmd, { cwd: root, env: { ...buildEnv, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] });

if (build) {
  run('wxt', 'build');
  run('wxt', 'build', '-b', 'firefox');
}
fs.mkdirSync(outDir, { recursive: true });
for (const [target, dir] of [
  ['chrome', '.output/chrome-mv3'],
  ['firefox', '.output/firefox-mv2'],
]) {
  write(`sidecar-crm-${version}-${target}.zip`, zip(packageEntries(path.join(root, dir))));
}

let sources = null;
try {
  sources = sourceFiles(root);
} catch (e) {
  console.warn(`No sources package: ${e.message}`);
}
if (sources) {
  const rebuild = fs.readFileSync(path.join(root, 'docs/rebuild-from-sources.md'));
  write(`sidecar-crm-${version}-sources.zip`, zip([['REBUILD.md', rebuild], ...sources.map((f) => [f, fs.readFileSync(path.join(root, f))])]));
}
