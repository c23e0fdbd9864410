// What goes into each package (used by scripts/release.mjs and checked by test/release/).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Every file of a built extension folder as sorted [zip name, bytes] pairs. */
export function packageEntries(dir) {
  const out = [];
  const walk = (rel) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (fs.statSync(path.join(dir, r)).isDirectory()) walk(r);
      else out.push([r, fs.readFileSync(path.join(dir, r))]);
    }
  };
  walk('');
  return out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The sources a reviewer rebuilds from: the tracked files of the checkout (so nothing local, no node_modules,
 * no rep data in .profile/), sorted. Outside a git checkout (a reviewer rebuilding from the sources zip itself)
 * there is nothing to list, and the script says so.
 */
export function sourceFiles(root) {
  let listing;
  try {
    listing = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' });
  } catch {
    throw new Error('The sources package is made from a git checkout (git ls-files); the extension packages need none.');
  }
  return listing
    .split('\0')
    .filter((f) => f && fs.existsSync(path.join(root, f)))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
