import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';

// What a rep who cannot see the change should hear (stage moved, nudge done, suggestion accepted, import finished).
// One polite live region per page, present from the first render: screen readers announce changes to a region
// they already know, not a region inserted with its text already in it.

const AnnounceContext = createContext<(text: string) => void>(() => {});

/** Says `text` through the page's live region (nothing when the page has none). */
export const useAnnounce = () => useContext(AnnounceContext);

/** Keeps the last few messages: each new one is an addition, read once; two quick ones (accepted, then moved) both are. */
const KEEP = 3;

export function AnnounceProvider({ children }: { children: ReactNode }) {
  const [messages, setMessages] = useState<{ id: number; text: string }[]>([]);
  const next = useRef(0);
  const announce = useCallback((text: string) => setMessages((m) => [...m.slice(1 - KEEP), { id: ++next.current, text }]), []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      {/* role=status is atomic by default, which would re-read every kept message: only additions are read. */}
      <div role="status" aria-live="polite" aria-atomic="false" aria-relevant="additions text" data-testid="sidecar-announcer" className="sr-only">
        {messages.map((m) => (
          <p key={m.id}>{m.text}</p>
        ))}
      </div>
    </AnnounceContext.Provider>
  );
}
