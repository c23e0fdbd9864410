/**
 * One MutationObserver for the whole page, its work batched into one animation
 * frame: Gmail and LinkedIn mutate the DOM hundreds of times a second, and the
 * callback must cost nothing until the frame runs. Torn down by `signal`.
 */
export function observeInFrames(root: Node, run: () => void, signal: AbortSignal, win: Window = window): () => void {
  let scheduled = false;
  const runNow = () => {
    if (signal.aborted) return;
    try {
      run();
    } catch (e) {
      // Never throw into the page: a reader that trips on odd markup waits for the next frame.
      console.debug('[sidecar]', e);
    }
  };
  const frame = () => {
    scheduled = false;
    runNow();
  };
  const schedule = () => {
    if (scheduled || signal.aborted) return;
    scheduled = true;
    win.requestAnimationFrame(frame);
  };
  // Our own chips and sidebar mutate the page too; reacting to them would re-read every row for nothing.
  const ours = (n: Node) => n instanceof Element && (n.hasAttribute('data-sidecar-chip') || n.hasAttribute('data-sidecar-root'));
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (ours(r.target) || (r.target as Element).closest?.('[data-sidecar-root]')) continue;
      if ([...r.addedNodes, ...r.removedNodes].every(ours) && r.addedNodes.length + r.removedNodes.length > 0) continue;
      return schedule();
    }
  });
  observer.observe(root, { childList: true, subtree: true, characterData: false });
  // A navigation inside the app (a thread opened, another profile) is read at once, not a frame later: when the page
  // drew the new view before it changed the address, the sidebar hears of it up to a frame sooner. When it draws
  // after, this reading finds nothing new and the observer's frame reads it.
  win.addEventListener('hashchange', runNow, { signal });
  win.addEventListener('popstate', runNow, { signal });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  // The page as it is when we arrive is read at once, not a frame later.
  frame();
  return schedule;
}
