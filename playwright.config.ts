import { defineConfig } from '@playwright/test';

// No projects/browserName: the `context` fixture in test/e2e/fixtures.ts
// launches Debian's Chromium with the built extension loaded.
export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'retain-on-failure' },
});
