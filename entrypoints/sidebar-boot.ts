import { bootLive } from '@/lib/platform/live-boot';

// Loaded by sidebar.html as a classic script, ahead of the app's modules (lib/platform/live-boot.ts).
export default defineUnlistedScript(() => bootLive([{ name: 'settings' }, { name: 'page' }]));
