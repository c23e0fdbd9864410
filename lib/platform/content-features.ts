import type { BGtoCSMessage } from '../messaging/to-content';
import type { BackgroundHandlers } from './listen-to-background';

/**
 * What a started content-script feature hands back: work for each animation
 * frame the page changed in, and its handlers for background messages.
 */
export interface FeatureHooks {
  onFrame?: () => void;
  messages?: BackgroundHandlers;
}

/**
 * One thing a content script does on a site (read the thread, draw inbox
 * chips, watch composes...). `start` gets a signal of its own: it aborts
 * when the content script is invalidated, or when the feature failed to
 * start, so listeners a feature added before throwing are removed too.
 */
export interface Feature {
  name: string;
  start: (signal: AbortSignal) => FeatureHooks | void;
}

export interface RunningFeatures {
  /** Runs every feature's frame work, each in its own guard. */
  onFrame: () => void;
  /** Background messages for every feature that handles them, each in its own guard. */
  messages: BackgroundHandlers;
  /** Names of the features that are running (those whose start did not throw). */
  running: readonly string[];
}

/** Where a feature's failure is reported: never thrown into the page. */
export type ReportFailure = (feature: string, phase: 'start' | 'frame' | 'message', error: unknown) => void;

const quiet: ReportFailure = (feature, phase, error) => console.debug('[sidecar]', feature, phase, error);

/**
 * Starts the features of a content script, each behind its own guard, so one
 * that throws (a reader tripping on markup it has never seen) does not take
 * the others down with it: in a frame, each runs whatever the one before did.
 * A feature whose start throws stays off for this page and its signal aborts.
 */
export function startFeatures(features: readonly Feature[], signal: AbortSignal, report: ReportFailure = quiet): RunningFeatures {
  const started: { name: string; hooks: FeatureHooks }[] = [];
  for (const f of features) {
    const own = new AbortController();
    if (signal.aborted) own.abort();
    else signal.addEventListener('abort', () => own.abort(), { once: true, signal: own.signal });
    try {
      started.push({ name: f.name, hooks: f.start(own.signal) ?? {} });
    } catch (e) {
      own.abort();
      report(f.name, 'start', e);
    }
  }

  const guarded = (name: string, phase: 'frame' | 'message', run: () => void) => {
    try {
      run();
    } catch (e) {
      report(name, phase, e);
    }
  };

  const messages: BackgroundHandlers = {};
  const types = new Set(started.flatMap((s) => Object.keys(s.hooks.messages ?? {}))) as Set<BGtoCSMessage['type']>;
  for (const type of types) {
    const handlers = started.flatMap((s) => {
      const h = s.hooks.messages?.[type] as ((m: BGtoCSMessage) => void) | undefined;
      return h ? [{ name: s.name, h }] : [];
    });
    (messages as Record<string, (m: BGtoCSMessage) => void>)[type] = (m) => {
      for (const { name, h } of handlers) guarded(name, 'message', () => h(m));
    };
  }

  return {
    onFrame() {
      if (signal.aborted) return;
      for (const s of started) if (s.hooks.onFrame) guarded(s.name, 'frame', s.hooks.onFrame);
    },
    messages,
    running: started.map((s) => s.name),
  };
}
