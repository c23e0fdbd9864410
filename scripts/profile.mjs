// Which browser profile `npm start` opens. Kept apart from start.mjs so the
// choice is a pure function with a test (test/unit/start-profile.test.ts).
import path from 'node:path';

/** The profile folder `npm start` keeps between runs, inside the repository (git-ignored). */
export const KEPT_PROFILE = '.profile';

/** Environment variable that asks for a throwaway profile, like `--fresh`. */
export const FRESH_ENV = 'SIDECAR_FRESH';

const truthy = (v) => typeof v === 'string' && /^(1|true|yes|on)$/i.test(v.trim());

/**
 * `{ fresh: false, dir }`: the kept profile `<root>/.profile`, so what the rep
 * entered is still there at the next start. `{ fresh: true }`: a new empty
 * profile, asked for with `--fresh` (`npm start -- --fresh`) or SIDECAR_FRESH=1.
 */
export function chooseProfile(args, env, root) {
  const fresh = args.includes('--fresh') || truthy(env[FRESH_ENV]);
  return fresh ? { fresh: true } : { fresh: false, dir: path.join(root, KEPT_PROFILE) };
}
