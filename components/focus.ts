import { isFocusable, tabbable } from 'tabbable';

/** The first control a rep would want on arriving by the keyboard: the first in `main`, else the first at all. */
export function focusFirstControl(root: HTMLElement): boolean {
  const main = root.querySelector('main');
  const target = (main && tabbable(main)[0]) ?? tabbable(root)[0];
  target?.focus();
  return !!target;
}

/**
 * Keeps the keyboard focus inside `root` when the view changes under it. React replaces what the rep was on
 * (the Create button becomes the contact card, a nudge marked done leaves the list, another Gmail thread
 * mounts a new view, a busy button is disabled for a moment) and the browser then drops the focus to <body>:
 * a keyboard or screen-reader user would be thrown back to the top of the page. After each change, if the
 * focus fell out while this window has it: back to the same control when it is focusable again, else to the
 * control now at the place it held in the tab order, or, while nothing is there yet (loading), to `main`
 * until something is. A pointer press anywhere means the rep chose where focus goes: then nothing is done.
 */
export function keepFocusIn(root: HTMLElement): () => void {
  let last: { el: Element; index: number; inMain: boolean } | null = null;
  const main = () => root.querySelector('main');
  const remember = (el: Element) => {
    const m = main();
    const inMain = !!m && m.contains(el) && m !== el;
    const index = tabbable(inMain ? m : root).indexOf(el as HTMLElement);
    // -1: disabled while busy, out of the tab order for the moment; its place is still the one it had.
    last = { el, index: index < 0 && last?.el === el ? last.index : index, inMain };
  };
  const onFocusIn = (e: FocusEvent) => {
    if (e.target instanceof Element && e.target !== main()) remember(e.target);
  };
  const onPointer = () => (last = null);

  const restore = () => {
    if (!last || !document.hasFocus()) return;
    const active = document.activeElement;
    const parked = active !== null && active === main();
    if (active && active !== document.body && !parked) {
      // Still on a control: its place in the tab order may have moved.
      if (root.contains(active)) remember(active);
      return;
    }
    if (last.el.isConnected) {
      // Disabled while busy: wait until it is back.
      if (isFocusable(last.el)) (last.el as HTMLElement).focus();
      return;
    }
    const m = main();
    const scope = last.inMain && m ? m : root;
    const controls = tabbable(scope);
    const target = controls[Math.min(Math.max(last.index, 0), controls.length - 1)];
    if (target) return target.focus();
    if (m && !parked) {
      // Nothing to land on yet (the next view is loading): hold the focus on the main area meanwhile.
      m.tabIndex = -1;
      m.focus();
    }
  };

  const observer = new MutationObserver(restore);
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled'] });
  // The browser may drop the focus of a control disabled a moment ago after the change was seen: look again then.
  const onFocusOut = () => void setTimeout(restore, 0);
  root.addEventListener('focusin', onFocusIn);
  root.addEventListener('focusout', onFocusOut);
  document.addEventListener('pointerdown', onPointer, true);
  return () => {
    observer.disconnect();
    root.removeEventListener('focusin', onFocusIn);
    root.removeEventListener('focusout', onFocusOut);
    document.removeEventListener('pointerdown', onPointer, true);
  };
}
