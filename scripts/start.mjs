// `npm start`: build the extension, then open a browser with it loaded when
// there is a display; otherwise say where the build is and how to load it.
// The browser keeps one profile in `.profile/` (git-ignored), so the rep's CRM
// (it lives in that profile's IndexedDB) is still there at the next start;
// `npm start -- --fresh` or SIDECAR_FRESH=1 opens a throwaway one instead.
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseProfile, FRESH_ENV } from './profile.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execSync('npx wxt build', { stdio: 'inherit', cwd: root });
// Chromium names an unpacked extension after its folder's absolute path: the same checkout keeps
// the same extension id, hence the same origin and the same database, from one start to the next.
const ext = path.join(root, '.output/chrome-mv3');
const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/chromium-browser'].filter(Boolean);
const browserPath = candidates.find((p) => fs.existsSync(p));

if (hasDisplay && browserPath) {
  const choice = chooseProfile(process.argv.slice(2), process.env, root);
  const profile = choice.fresh ? fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-dev-')) : choice.dir;
  fs.mkdirSync(profile, { recursive: true });
  const child = spawn(browserPath, [`--user-data-dir=${profile}`, `--load-extension=${ext}`, `--disable-extensions-except=${ext}`, 'https://mail.google.com/'], {
    stdio: 'ignore',
    detached: true,
  });
  child.unref();
  console.log(`
Opening ${browserPath} (pid ${child.pid}) with Sidecar CRM loaded.
Profile: ${profile}
${
  choice.fresh
    ? 'A throwaway profile: what you enter now is not there at the next start.'
    : `Kept between starts: your contacts and deals will still be here tomorrow. For an empty one: npm start -- --fresh (or ${FRESH_ENV}=1).
If this profile is already open in a browser, close that window first: Chromium lets one browser use a profile at a time.`
}`);
} else {
  console.log(`
Built: ${ext}
No display or no Chromium found, so no browser was opened. To load it by hand:
  1. open chrome://extensions and switch on "Developer mode";
  2. click "Load unpacked" and choose ${ext}
  (Firefox: npm run build:firefox, then about:debugging → "Load Temporary Add-on" → .output/firefox-mv2/manifest.json)
Then open Gmail or a LinkedIn profile.`);
}
