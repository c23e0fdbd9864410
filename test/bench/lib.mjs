// Plain-JS helpers of the bench (Node 20 cannot import test/e2e/fixtures.ts
// without a loader); the Chromium and its flags come from test/chromium.mjs,
// shared with the browser tests.
import { chromium } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath, extensionArgs } from '../chromium.mjs';

export const root = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const extensionPath = path.join(root, '.output/chrome-mv3');
export const fixture = (...p) => path.join(root, 'test/fixtures', ...p);
export const readFixture = (file) => fs.readFileSync(file, 'utf8');

export { chromiumPath };

const profiles = [];
process.on('exit', () => {
  for (const d of profiles) fs.rmSync(d, { recursive: true, force: true });
});

export const benchExtensionPath = path.join(root, '.output-bench/chrome-mv3');

export async function launchWithExtension(ext = extensionPath, extraArgs = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-bench-'));
  profiles.push(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [...extensionArgs(ext), ...extraArgs],
  });
  // A fresh profile is a first install: the welcome page opens; close it so it renders nothing during a run.
  for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
    const welcome = context.pages().find((p) => p.url().includes('/welcome.html'));
    if (welcome) {
      await welcome.close();
      break;
    }
  }
  return context;
}

/** Answers every request of a site from one document (the page under test). */
export async function serveSite(context, origin, page) {
  await context.route(`${origin}/**`, (route) => route.fulfill({ body: page(), contentType: 'text/html; charset=utf-8' }));
}

export async function serviceWorker(context) {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** Calls fn until it returns something truthy; returns that. */
export async function pollUntil(fn, timeout = 10_000, every = 5) {
  const end = Date.now() + timeout;
  for (;;) {
    let v;
    try {
      v = await fn();
    } catch (e) {
      // a frame being replaced during a reload: try again
      if (Date.now() > end) throw e;
    }
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** The extension's sidebar frame (an out-of-process chrome-extension:// frame) of the current document. */
export async function sidebarFrame(page) {
  return pollUntil(() => page.frames().find((f) => f.url().includes('/sidebar.html') && !f.isDetached()), 10_000);
}

export function median(xs) {
  return percentile(xs, 50);
}

export function percentile(xs, p) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = (p / 100) * (s.length - 1);
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}
