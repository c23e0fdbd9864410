// `npm start`: build the extension, then open a browser with it loaded when
// there is a display; otherwise say where the build is and how to load it.
import { execSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

execSync('npx wxt build', { stdio: 'inherit' });
const ext = path.resolve('.output/chrome-mv3');
const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/google-chrome', '/usr/bin/chromium-browser'].filter(Boolean);
const browserPath = candidates.find((p) => fs.existsSync(p));

if (hasDisplay && browserPath) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-dev-'));
  console.log(`\nOpening ${browserPath} with Sidecar CRM loaded (profile ${profile}).`);
  spawn(browserPath, [`--user-data-dir=${profile}`, `--load-extension=${ext}`, `--disable-extensions-except=${ext}`, 'https://mail.google.com/'], {
    stdio: 'ignore',
    detached: true,
  }).unref();
} else {
  console.log(`
Built: ${ext}
No display or no Chromium found, so no browser was opened. To load it by hand:
  1. open chrome://extensions and switch on "Developer mode";
  2. click "Load unpacked" and choose ${ext}
  (Firefox: npm run build:firefox, then about:debugging → "Load Temporary Add-on" → .output/firefox-mv2/manifest.json)
Then open Gmail or a LinkedIn profile.`);
}
