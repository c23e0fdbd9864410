/**
 * One MutationObserver for the whole page, its work batched into one animation
 * frame: Gmail and LinkedIn mutate the DOM hundreds of times a second, and the
 * callback must cost nothing until the frame runs. Torn down by `signal`.
 */
export function observeInFrames(root: Node, run: () => void, signal: AbortSignal, win: Window = window): () => void {
  let scheduled = false;
  const frame = () => {
    scheduled = false;
    if (signal.aborted) return;
    try {
      run();
    } catch (e) {
      // Never throw into the page: a reader that trips on odd markup waits for the next frame.
      console.debug('[sidecar]', e);
    }
  };
  const schedule = () => {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    win.requestAnimationFrame(frame);
  };
  const observer = new MutationObserver(schedule);
  observer.observe(root, { childList: true, subtree: true, characterData: false });
  win.addEventListener('hashchange', schedule, { signal });
  win.addEventListener('popstate', schedule, { signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  schedule();
  return schedule;
}
