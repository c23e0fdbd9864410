import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SidebarApp } from '@/components/SidebarApp';
import '@/components/app.css';
import { focusFirstControl } from '@/components/focus';
import { listenForPanelFocus } from '@/lib/platform/focus-sidebar';
import { listenForFrameToken } from '@/lib/platform/frame-token';

// The bundle is loaded, compiled and run up to here (the bench splits a sidebar's load at this mark).
performance.mark('sidecar:main');

// The rep's shortcut (the `commands` entry): into the first control, whether framed in the page or in the side panel.
const takeFocus = () => void focusFirstControl(document.getElementById('root')!);
// Before anything renders: the content script posts this frame its secret once the frame has loaded.
listenForFrameToken(takeFocus);
listenForPanelFocus(takeFocus);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SidebarApp />
  </StrictMode>,
);
