import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';

const SITES = ['https://mail.google.com/*', 'https://www.linkedin.com/*'];

// See docs/architecture.md ("Why it is split this way"): only the sidebar page is web-accessible, only to
// the two sites, and only through a per-session dynamic URL so that sites
// cannot probe for the extension by a fixed address.
// `npm run bench` builds a second copy with an extra, unlisted bench page that
// times background work (matching, scoring, nudges) in the real extension
// origin; it never ships in the normal build.
const BENCH = process.env.SIDECAR_BENCH === '1';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  outDir: BENCH ? '.output-bench' : '.output',
  hooks: {
    'entrypoints:found': (_wxt, infos) => {
      if (BENCH) return;
      for (let i = infos.length - 1; i >= 0; i--) if (infos[i]!.name === 'bench' || infos[i]!.name.startsWith('bench-')) infos.splice(i, 1);
    },
  },
  vite: () => ({ plugins: [tailwindcss()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // offscreen (Chromium, no warning): builds the automatic backup file, which the MV3 worker cannot.
    permissions: ['storage', 'unlimitedStorage', 'alarms', ...(browser === 'firefox' ? [] : ['sidePanel', 'offscreen'])],
    // Asked for only when the rep turns the daily reminder (notifications) or automatic backups (downloads) on.
    optional_permissions: ['notifications', 'downloads'],
    // The rep's way into the sidebar without the mouse (lib/platform/focus-sidebar.ts; README, Keyboard). Alt+Shift+K:
    // Gmail's and LinkedIn's own shortcuts are single keys, Shift+key or Ctrl/Cmd combinations, none with Alt+Shift;
    // Chrome keeps Alt+Shift+A/B/I/T and ChromeOS Alt+Shift+S/M/N/L, Firefox Ctrl+Shift+K. The rep can change it.
    commands: {
      'focus-sidebar': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_cmdFocusSidebar__' },
    },
    web_accessible_resources: [
      { resources: ['sidebar.html'], matches: SITES, use_dynamic_url: true },
    ],
    ...(browser === 'firefox'
      ? { sidebar_action: { default_panel: 'sidebar.html', default_title: '__MSG_extName__', open_at_install: false } }
      : { side_panel: { default_path: 'sidebar.html' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: '{f50d84bf-bc50-471b-bd01-bab0cae787b5}', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {}),
  }),
});
