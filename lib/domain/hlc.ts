/**
 * Hybrid logical clock for sync: a stamp is (wall-clock ms, counter, node).
 * It follows the wall clock when that moves forward, never goes backwards when
 * the wall clock does (a stamp is always above the last one this device made
 * or saw), and the node (the device id) breaks ties, so every two stamps are
 * ordered the same way on every device and on the server.
 *
 * Encoded as a fixed-width string ("000001764000000000-00000-<node>") so that
 * plain string comparison is the clock's order: the server stores and
 * compares them in JSON, the client in IndexedDB, without decoding.
 */
export interface Hlc {
  ms: number;
  counter: number;
  node: string;
}

const MS_WIDTH = 15;
const COUNTER_WIDTH = 5;
const MAX_COUNTER = 10 ** COUNTER_WIDTH - 1;
const STAMP = /^(\d{15})-(\d{5})-([A-Za-z0-9_]{0,64})$/;

export const ZERO_HLC: Hlc = { ms: 0, counter: 0, node: '' };

export function encodeHlc(h: Hlc): string {
  return `${String(h.ms).padStart(MS_WIDTH, '0')}-${String(h.counter).padStart(COUNTER_WIDTH, '0')}-${h.node}`;
}

export function decodeHlc(stamp: string): Hlc | null {
  const m = STAMP.exec(stamp);
  if (!m) return null;
  return { ms: Number(m[1]), counter: Number(m[2]), node: m[3]! };
}

export const isHlc = (stamp: string) => STAMP.test(stamp);

// A counter that runs out (100,000 events in one millisecond) borrows the next millisecond instead.
function carry(ms: number, counter: number, node: string): Hlc {
  return counter > MAX_COUNTER ? { ms: ms + 1, counter: 0, node } : { ms, counter, node };
}

/** The stamp for a local event at wall time `wall`: above `last`, whatever the wall clock says. */
export function tickHlc(last: Hlc, wall: number, node: string): Hlc {
  const ms = Math.max(last.ms, Math.floor(wall));
  return carry(ms, ms === last.ms ? last.counter + 1 : 0, node);
}

/**
 * After seeing a remote stamp: the clock moves past it, so the next local edit
 * is ordered after what this device has seen, even if its own wall clock is
 * behind (a laptop a day slow still wins with an edit made after a pull).
 */
export function receiveHlc(last: Hlc, remote: Hlc, wall: number, node: string): Hlc {
  const ms = Math.max(last.ms, remote.ms, Math.floor(wall));
  let counter = 0;
  if (ms === last.ms && ms === remote.ms) counter = Math.max(last.counter, remote.counter) + 1;
  else if (ms === last.ms) counter = last.counter + 1;
  else if (ms === remote.ms) counter = remote.counter + 1;
  return carry(ms, counter, node);
}

/** A stamp more than `maxSkewMs` ahead of the server's clock: refused, or one device could win every conflict for days. */
export function isFarFuture(stamp: string, serverNow: number, maxSkewMs: number): boolean {
  const h = decodeHlc(stamp);
  return h === null || h.ms > serverNow + maxSkewMs;
}
