// Checks on the store packages themselves (the zips `npm run release` wrote to .output/release/), not on
// .output/: what the stores receive is what is checked. See docs/store-listing.md.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync } from 'fflate';
import { surface } from './manifest-surface';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const releaseDir = path.join(root, '.output/release');
const TARGETS = ['chrome', 'firefox'] as const;
const zipName = (kind: string) => `sidecar-crm-${version}-${kind}.zip`;
const expected = JSON.parse(fs.readFileSync(path.join(root, 'test/release/manifest-expected.json'), 'utf8')) as Record<string, unknown>;

function read(kind: string): Record<string, Uint8Array> {
  const file = path.join(releaseDir, zipName(kind));
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run release\` first`);
  return unzipSync(fs.readFileSync(file));
}
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
const manifestOf = (kind: string) => JSON.parse(text(read(kind)['manifest.json'])) as Record<string, unknown>;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(b: Uint8Array | undefined): [number, number] | null {
  if (!b || b.length < 24 || text(b.subarray(1, 4)) !== 'PNG') return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return [v.getUint32(16), v.getUint32(20)];
}

describe.each(TARGETS)('the %s package', (target) => {
  it('asks for exactly the permissions, sites, web-accessible resources and CSP kept in manifest-expected.json', () => {
    // A difference here changes what users and store reviewers are told: change the expected list deliberately.
    expect(surface(manifestOf(target))).toEqual(expected[target]);
  });

  it('carries the version of package.json', () => {
    expect(manifestOf(target).version).toBe(version);
  });

  it('holds no source maps, tests, bench pages or sources', () => {
    const names = Object.keys(read(target));
    expect(names).toContain('manifest.json');
    const stray = names.filter((n) => /\.map$|\.(test|spec)\.|(^|\/)bench|\.tsx?$|(^|\/)(node_modules|test|\.git)\/|stats\.html$/i.test(n));
    expect(stray).toEqual([]);
  });

  it('has its icons at every size the store asks for, each file the size it claims', () => {
    const files = read(target);
    const icons = manifestOf(target).icons as Record<string, string>;
    // Chrome Web Store: 128 (listing) plus 16 and 48 (toolbar, extensions page); AMO: 48 and 96.
    const sizes = target === 'chrome' ? ['16', '48', '128'] : ['48', '96'];
    for (const size of sizes) expect(Object.keys(icons)).toContain(size);
    for (const [size, file] of Object.entries(icons)) expect(pngSize(files[file])).toEqual([Number(size), Number(size)]);
  });
});

it("Mozilla's addons-linter finds no errors in the Firefox package (as a listed add-on)", () => {
  const file = path.join(releaseDir, zipName('firefox'));
  let out: string;
  try {
    out = execFileSync(path.join(root, 'node_modules/.bin/addons-linter'), [file, '--output', 'json'], { encoding: 'utf8' });
  } catch (e) {
    // Errors make the linter exit non-zero; its report is still on stdout.
    out = (e as { stdout: string }).stdout;
  }
  const report = JSON.parse(out) as { errors: { code: string; message: string }[]; summary: { errors: number } };
  expect(report.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
  expect(report.summary.errors).toBe(0);
});

it('the sources package holds the tracked sources and the rebuild steps, and nothing local', () => {
  const names = Object.keys(read('sources'));
  for (const f of ['REBUILD.md', 'package.json', 'package-lock.json', 'wxt.config.ts', '.nvmrc', 'entrypoints/background.ts']) expect(names).toContain(f);
  expect(names.filter((n) => /^(node_modules|\.output|\.profile|\.wxt|\.git)\//.test(n))).toEqual([]);
  expect(text(read('sources')['REBUILD.md'])).toMatch(/npm ci[\s\S]*npm run build:firefox/);
});

it('the Firefox id is the project\'s own UUID, not a placeholder domain', () => {
  const gecko = (manifestOf('firefox').browser_specific_settings as { gecko: { id: string } }).gecko;
  expect(gecko.id).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\}$/);
});

it('the store listing justifies exactly the permissions and sites the packages ask for', () => {
  const listing = fs.readFileSync(path.join(root, 'docs/store-listing.md'), 'utf8');
  const table = listing.split('## Permission justifications')[1]!.split('\n## ')[0]!;
  const justified = [...table.matchAll(/^\| `([^`]+)` \| [^|]+ \| (.+) \|$/gm)].filter((m) => m[2]!.trim().length > 20).map((m) => m[1]);
  const asked = new Set<string>();
  for (const target of TARGETS) {
    const m = manifestOf(target);
    for (const p of [...(m.permissions as string[]), ...((m.optional_permissions as string[]) ?? []), ...((m.host_permissions as string[]) ?? [])]) asked.add(p);
    for (const cs of m.content_scripts as { matches: string[] }[]) for (const site of cs.matches) asked.add(site);
  }
  expect([...justified].sort()).toEqual([...asked].sort());
});

it('two releases from one commit are byte-identical', () => {
  const again = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-release-'));
  execFileSync(process.execPath, [path.join(root, 'scripts/release.mjs'), '--out', again], { cwd: root, stdio: 'ignore' });
  const hash = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');
  for (const kind of [...TARGETS, 'sources']) {
    expect(hash(path.join(again, zipName(kind))), kind).toBe(hash(path.join(releaseDir, zipName(kind))));
  }
  fs.rmSync(again, { recursive: true, force: true });
}, 180_000);

it('CHANGELOG.md has an entry for the version being packaged', () => {
  const log = fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
  expect(log).toMatch(new RegExp(`^## \\[${version.replaceAll('.', '\\.')}\\]`, 'm'));
});
