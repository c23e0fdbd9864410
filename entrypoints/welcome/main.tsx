import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { WelcomeApp } from '@/components/WelcomeApp';
import '@/components/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <WelcomeApp />
  </StrictMode>,
);
