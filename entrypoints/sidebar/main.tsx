import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SidebarApp } from '@/components/SidebarApp';
import '@/components/app.css';
import { listenForFrameToken } from '@/lib/platform/frame-token';

// Before anything renders: the content script posts this frame its secret once the frame has loaded.
listenForFrameToken();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SidebarApp />
  </StrictMode>,
);
