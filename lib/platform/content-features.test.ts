import { describe, expect, it } from 'vitest';
import { startFeatures, type Feature, type ReportFailure } from './content-features';

const boom = (what: string) => () => {
  throw new Error(what);
};

function recorder() {
  const failures: [string, string][] = [];
  const report: ReportFailure = (name, phase) => failures.push([name, phase]);
  return { failures, report };
}

describe('startFeatures', () => {
  it('a feature that throws while starting leaves the others running, and its signal aborts', () => {
    const { failures, report } = recorder();
    let brokenSignal: AbortSignal | null = null;
    const frames: string[] = [];
    const features: Feature[] = [
      { name: 'thread', start: () => ({ onFrame: () => frames.push('thread') }) },
      {
        name: 'chips',
        start: (signal) => {
          brokenSignal = signal;
          throw new Error('no inbox here');
        },
      },
      { name: 'compose', start: () => ({ onFrame: () => frames.push('compose') }) },
    ];
    const running = startFeatures(features, new AbortController().signal, report);
    running.onFrame();
    expect(running.running).toEqual(['thread', 'compose']);
    expect(frames).toEqual(['thread', 'compose']);
    expect(failures).toEqual([['chips', 'start']]);
    expect(brokenSignal!.aborted).toBe(true);
  });

  it('one feature throwing in a frame does not skip the features after it, in that frame or the next', () => {
    const { failures, report } = recorder();
    const frames: string[] = [];
    const running = startFeatures(
      [
        { name: 'thread', start: () => ({ onFrame: boom('odd markup') }) },
        { name: 'chips', start: () => ({ onFrame: () => frames.push('chips') }) },
        { name: 'compose', start: () => ({ onFrame: () => frames.push('compose') }) },
      ],
      new AbortController().signal,
      report,
    );
    running.onFrame();
    running.onFrame();
    expect(frames).toEqual(['chips', 'compose', 'chips', 'compose']);
    expect(failures).toEqual([
      ['thread', 'frame'],
      ['thread', 'frame'],
    ]);
  });

  it('a background message reaches every feature that handles it, past one that throws', () => {
    const { failures, report } = recorder();
    const got: string[] = [];
    const running = startFeatures(
      [
        { name: 'thread', start: () => ({ messages: { 'bg/resend': boom('bad state') } }) },
        { name: 'chips', start: () => ({ messages: { 'bg/resend': () => got.push('chips resend'), 'bg/chips-stale': () => got.push('chips stale') } }) },
      ],
      new AbortController().signal,
      report,
    );
    running.messages['bg/resend']!({ type: 'bg/resend' });
    running.messages['bg/chips-stale']!({ type: 'bg/chips-stale' });
    expect(got).toEqual(['chips resend', 'chips stale']);
    expect(failures).toEqual([['thread', 'message']]);
  });

  it('every feature signal aborts with the content script, and frames stop', () => {
    const ac = new AbortController();
    const signals: AbortSignal[] = [];
    let frames = 0;
    const running = startFeatures(
      ['a', 'b'].map((name) => ({
        name,
        start: (signal: AbortSignal) => {
          signals.push(signal);
          return { onFrame: () => frames++ };
        },
      })),
      ac.signal,
    );
    running.onFrame();
    expect(signals.some((s) => s.aborted)).toBe(false);
    ac.abort();
    running.onFrame();
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(frames).toBe(2);
  });
});
