// The Chromium the browser tests and the bench both launch, and how: one
// place, in plain JS, so the bench (plain Node) and the Playwright fixtures
// (TypeScript) share it.
import fs from 'node:fs';

export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  // Debian's wrapper script prints noise; the binary behind it does not.
  return fs.existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : '/usr/bin/chromium';
}

/** Flags for a headless run with only our built extension loaded, nothing phoning home. */
export function extensionArgs(extensionPath) {
  return [
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ];
}
