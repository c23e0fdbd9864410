import { startBackground } from '@/lib/platform/background-service';
import { openWelcomeOnInstall } from '@/lib/platform/open-pages';

export default defineBackground(() => {
  // Registered at once: onInstalled fires only in the worker's first run after install.
  openWelcomeOnInstall();
  startBackground();
});
