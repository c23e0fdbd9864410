import { startBackground } from '@/lib/platform/background-service';

export default defineBackground(() => {
  startBackground();
});
