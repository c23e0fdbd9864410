import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The sync server's tests, and the tests of the extension's sync client against a real server: on the
// embedded PGlite always, and on PostgreSQL when DATABASE_URL is set (.ci/run starts one and sets it).
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['server/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/fast-check-seed.ts'],
    globals: true,
    pool: 'forks',
    maxWorkers: 2,
    // Generous: the machine's 2 cores are shared, and the embedded PGlite alone takes 5 to 40 s to start under load.
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
