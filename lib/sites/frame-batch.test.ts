// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { observeInFrames } from './frame-batch';

describe('observeInFrames', () => {
  it('reads at once on arrival and on a navigation inside the app, a page mutation in the next frame, ours never', async () => {
    const run = vi.fn();
    const frames: FrameRequestCallback[] = [];
    const win = Object.assign(new EventTarget(), { requestAnimationFrame: (cb: FrameRequestCallback) => frames.push(cb) }) as unknown as Window;
    const ac = new AbortController();
    observeInFrames(document.body, run, ac.signal, win);
    expect(run).toHaveBeenCalledTimes(1);

    win.dispatchEvent(new Event('hashchange'));
    expect(run).toHaveBeenCalledTimes(2);
    expect(frames).toHaveLength(0);

    document.body.append(document.createElement('div'));
    await Promise.resolve();
    expect(frames).toHaveLength(1);
    expect(run).toHaveBeenCalledTimes(2);
    frames.shift()!(0);
    expect(run).toHaveBeenCalledTimes(3);

    const chip = document.createElement('span');
    chip.setAttribute('data-sidecar-chip', '');
    document.body.append(chip);
    await Promise.resolve();
    expect(frames).toHaveLength(0);

    ac.abort();
    win.dispatchEvent(new Event('popstate'));
    expect(run).toHaveBeenCalledTimes(3);
  });
});
