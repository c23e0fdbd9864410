import fc from 'fast-check';

// In CI every property runs from one fixed seed, so a red build always means a change of ours,
// never a rare input met by chance. Locally (no CI variable) each run explores new inputs, and a
// failure prints the seed that replays it.
if (process.env.CI) fc.configureGlobal({ seed: 20261127 });
