import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['lib/**/*.test.ts', 'lib/**/*.test.tsx', 'components/**/*.test.tsx', 'test/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/fast-check-seed.ts'],
    globals: true,
    // forks, not threads: time-zone tests set process.env.TZ, which a worker thread cannot change.
    pool: 'forks',
    maxWorkers: 2,
    // A limit for a hung test, not a performance budget (those are in `npm run bench`): property tests of a
    // few seconds on a quiet machine take several times longer on a shared 2-core one.
    testTimeout: 30_000,
  },
});
