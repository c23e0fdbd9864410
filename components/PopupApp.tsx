import { NudgeList } from './NudgeList';
import { useSettings } from './hooks';
import { I18nProvider, useI18n } from './i18n';
import { AnnounceProvider } from './Announcer';
import { Button } from './ui';
import { openDashboard, openOptionsPage, openSidePanel } from '@/lib/platform/open-pages';

function Popup({ sidePanel }: { sidePanel: boolean }) {
  const { t } = useI18n();
  const openPanel = async () => {
    // The side panel can only be opened from a user gesture, like this click.
    await openSidePanel();
    window.close();
  };
  return (
    <div className="w-[380px] space-y-3 p-4 text-slate-900">
      <header className="flex items-center justify-between">
        <h1 className="text-base font-semibold">{t('nudge.title')}</h1>
        <div className="flex gap-1">
          {sidePanel && (
            <Button data-testid="sidecar-open-sidepanel" onClick={openPanel}>
              {t('popup.sidePanel')}
            </Button>
          )}
          <Button data-testid="sidecar-open-dashboard" onClick={() => void openDashboard().then(() => window.close())}>
            {t('open.dashboard')}
          </Button>
          <Button onClick={() => void openOptionsPage()}>{t('popup.options')}</Button>
        </div>
      </header>
      <NudgeList />
    </div>
  );
}

export function PopupApp() {
  const settings = useSettings();
  if (!settings) return null;
  return (
    <I18nProvider setting={settings.language}>
      <AnnounceProvider>
        <Popup sidePanel={settings.sidePanel} />
      </AnnounceProvider>
    </I18nProvider>
  );
}
