import { sendToBackground } from '@/lib/platform/messaging';
import { chipSlot, findListRows, readRowSenders } from '@/lib/sites/gmail/read-inbox';
import { ROW_PERSON } from '@/lib/sites/gmail/selectors';
import { textOn } from '@/lib/domain/contrast';

interface Chip {
  label: string;
  color: string;
}

const CHIP_ATTR = 'data-sidecar-chip';

function drawChip(row: HTMLElement, chip: Chip | null) {
  const existing = row.querySelector<HTMLElement>(`[${CHIP_ATTR}]`);
  if (!chip) {
    existing?.remove();
    return;
  }
  const slot = chipSlot(row);
  if (!slot) return;
  const el = existing ?? document.createElement('span');
  if (el.textContent !== chip.label) el.textContent = chip.label; // text only: stage names are user input
  el.setAttribute(CHIP_ATTR, '');
  el.title = chip.label;
  Object.assign(el.style, {
    display: 'inline-block', margin: '0 6px 0 0', padding: '0 6px', borderRadius: '8px', maxWidth: '120px',
    overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', verticalAlign: 'middle',
    font: '500 11px/16px system-ui, sans-serif', color: textOn(chip.color), background: chip.color,
  });
  if (el.parentElement !== slot.parent || (slot.before && el.nextSibling !== slot.before)) {
    slot.parent.insertBefore(el, slot.before);
  }
}

/**
 * Stage chips in the inbox list. Senders are resolved once (one request per
 * batch of new addresses) and cached; a row is re-read only when Gmail changed
 * it (another first sender, or our chip gone), so a frame over 100 unchanged
 * rows costs two selector lookups per row.
 */
export function createInboxChips(account: () => string | null, requestFrame: () => void) {
  const cache = new Map<string, Chip | null>();
  let generation = 0;
  const done = new WeakMap<Element, { sig: string; chip: boolean }>();
  let inFlight = false;

  function onFrame() {
    const rows = findListRows(document);
    if (rows.length === 0) return;
    const me = account();
    const missing = new Set<string>();
    for (const row of rows) {
      const sig = `${generation}|${row.querySelector(ROW_PERSON)?.getAttribute('email') ?? ''}`;
      const prev = done.get(row);
      if (prev && prev.sig === sig && prev.chip === !!row.querySelector(`[${CHIP_ATTR}]`)) continue;
      let chip: Chip | null = null;
      let complete = true;
      for (const email of readRowSenders(row)) {
        if (email === me) continue;
        const c = cache.get(email);
        if (c === undefined) {
          complete = false;
          missing.add(email);
        } else if (c && !chip) chip = c;
      }
      if (complete || chip) {
        drawChip(row, chip);
        if (complete) done.set(row, { sig, chip: !!row.querySelector(`[${CHIP_ATTR}]`) });
      }
    }
    if (missing.size > 0 && !inFlight) {
      inFlight = true;
      const emails = [...missing].slice(0, 1000);
      sendToBackground({ type: 'cs/chips', emails })
        .then((found) => {
          for (const e of emails) cache.set(e, found[e] ?? null);
        })
        .catch(() => {
          for (const e of emails) cache.set(e, null);
        })
        .finally(() => {
          inFlight = false;
          generation++;
          // Draw as soon as the answer is here rather than a frame later; the rows were just read.
          onFrame();
        });
    }
  }

  return {
    onFrame,
    /** Stages changed somewhere: forget what we knew and redraw. */
    invalidate() {
      cache.clear();
      generation++;
      requestFrame();
    },
  };
}
