import { defineConfig } from 'vitest/config';

// `npm run test:release`: checks on the store packages, after `npm run release` (test/release).
export default defineConfig({
  test: {
    include: ['test/release/**/*.test.ts'],
    environment: 'node',
    globals: true,
    // The linter and the second release take a while on a shared 2-core machine: a limit for a hang, not a budget.
    testTimeout: 120_000,
  },
});
