import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SidebarApp } from '@/components/SidebarApp';
import '@/components/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SidebarApp />
  </StrictMode>,
);
