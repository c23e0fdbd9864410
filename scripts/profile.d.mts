export const KEPT_PROFILE: string;
export const FRESH_ENV: string;
export function chooseProfile(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  root: string,
): { fresh: true } | { fresh: false; dir: string };
