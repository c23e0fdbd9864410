import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PrivacyApp } from '@/components/PrivacyApp';
import '@/components/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PrivacyApp />
  </StrictMode>,
);
