import { defineConfig } from 'vitest/config';

// `npm run test:firefox`: the core flow in real Firefox (test/firefox), after
// `npm run build:firefox`. One browser at a time; each step has its own limit.
export default defineConfig({
  test: {
    include: ['test/firefox/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // A fresh Firefox and profile for the retry, as Playwright retries the Chromium run once in CI.
    retry: process.env.CI ? 1 : 0,
  },
});
