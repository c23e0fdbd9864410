import { fakeBrowser } from 'wxt/testing';
import { listenToBackground } from './listen-to-background';

beforeEach(() => fakeBrowser.reset());

describe('listenToBackground', () => {
  it('hands each known message to the handler of its type, and ignores anything else', async () => {
    const stale = vi.fn();
    const resend = vi.fn();
    listenToBackground({ 'bg/chips-stale': stale, 'bg/resend': resend }, new AbortController().signal);
    for (const raw of [{ type: 'bg/chips-stale' }, { type: 'bg/resend', extra: '<img onerror>' }, { type: 'bg/unknown' }, { type: 'toString' }, 'bg/resend', null, 42]) {
      await fakeBrowser.runtime.onMessage.trigger(raw, {});
    }
    expect(stale).toHaveBeenCalledTimes(1);
    expect(stale).toHaveBeenCalledWith({ type: 'bg/chips-stale' });
    // Only the row's fields reach the handler.
    expect(resend).toHaveBeenCalledWith({ type: 'bg/resend' });
    expect(resend).toHaveBeenCalledTimes(1);
  });

  it('skips a type without a handler, and stops listening when the signal aborts', async () => {
    const resend = vi.fn();
    const ac = new AbortController();
    listenToBackground({ 'bg/resend': resend }, ac.signal);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'bg/chips-stale' }, {});
    await fakeBrowser.runtime.onMessage.trigger({ type: 'bg/resend' }, {});
    ac.abort();
    await fakeBrowser.runtime.onMessage.trigger({ type: 'bg/resend' }, {});
    expect(resend).toHaveBeenCalledTimes(1);
  });
});
