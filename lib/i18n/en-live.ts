// What the pages' live region says (components/Announcer.tsx), kept apart so it grows without colliding with the rest.
// Spread into en.ts; id-live.ts holds the same keys in Indonesian.
export const liveEn = {
  'live.stageMoved': 'Stage moved to {stage}.',
  'live.dealWon': 'Deal marked won.',
  'live.dealLost': 'Deal marked lost.',
  'live.nudgeDone': 'Follow-up done: {nudge}.',
  'live.suggestionAccepted': 'Suggestion accepted.',
  'live.importDone': 'Import finished: {created} created, {merged} merged, {skipped} skipped, {errors} with errors.',
  'live.importRefused': 'Import refused: nothing was changed.',
} as const;

export type LiveKey = keyof typeof liveEn;
