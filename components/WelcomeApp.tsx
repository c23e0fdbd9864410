import { useEffect, useState } from 'react';
import type { Settings } from '@/lib/domain/settings';
import { openDashboardAt } from '@/lib/platform/open-pages';
import { requestNotifications } from '@/lib/platform/permissions';
import { CommandError } from './CommandError';
import { useCommand, useSettings } from './hooks';
import { I18nProvider, useI18n } from './i18n';
import { MyAddresses } from './MyAddresses';
import { CurrencyField, LanguageField } from './SettingsFields';
import { Button, Toggle } from './ui';

/**
 * The first page a rep sees (opened on install): the few choices that make the first hour right (language,
 * the currency they sell in, which addresses are theirs, where the sidebar goes, the daily reminder) and a
 * way to bring data in or try a sample. Every choice is saved as it is made and can be skipped.
 */
function Welcome({ settings: stored }: { settings: Settings }) {
  const { t } = useI18n();
  const cmd = useCommand();
  // Shown at once, replaced by the stored value when it arrives (as on the options page).
  const [pending, setPending] = useState<Partial<Settings>>({});
  useEffect(() => setPending({}), [stored]);
  const settings = { ...stored, ...pending };
  const save = (patch: Partial<Settings>) => {
    setPending((p) => ({ ...p, ...patch }));
    return cmd.run({ type: 'ui/update-settings', patch }, (r) => r.ok || (setPending({}), cmd.refuse(r.issues.join('; '))));
  };
  return (
    <main data-testid="sidecar-welcome" className="mx-auto max-w-2xl space-y-8 p-8 text-slate-900">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold">{t('welcome.title')}</h1>
        <p className="text-slate-700">{t('welcome.intro')}</p>
      </header>
      <div className="grid gap-4 sm:grid-cols-2">
        <LanguageField testId="sidecar-welcome-language" value={settings.language} save={save} />
        <CurrencyField testId="sidecar-welcome-currency" value={settings.currency} save={save} />
      </div>
      <MyAddresses settings={settings} save={save} />
      <section aria-labelledby="sc-where" className="space-y-2">
        <h2 id="sc-where" className="text-base font-semibold">
          {t('welcome.where')}
        </h2>
        <Toggle data-testid="sidecar-welcome-sidepanel" label={t('options.sidePanel')} checked={settings.sidePanel} onChange={(e) => save({ sidePanel: e.target.checked })} />
        <Toggle
          data-testid="sidecar-welcome-reminder"
          label={t('welcome.reminder')}
          checked={settings.notifications.enabled}
          onChange={async (e) => {
            const enabled = e.target.checked;
            // Asked only now, from the rep's own click.
            if (enabled && !(await requestNotifications())) return cmd.refuse(t('options.notificationsDenied'));
            await save({ notifications: { ...settings.notifications, enabled } });
          }}
        />
      </section>
      <section aria-labelledby="sc-data" className="space-y-2">
        <h2 id="sc-data" className="text-base font-semibold">
          {t('welcome.data')}
        </h2>
        <div className="flex flex-wrap gap-2">
          <Button data-testid="sidecar-welcome-import" onClick={() => void openDashboardAt('data')}>
            {t('welcome.import')}
          </Button>
          <Button data-testid="sidecar-welcome-sample" disabled={cmd.busy} onClick={() => void cmd.run({ type: 'ui/load-sample' }, () => void openDashboardAt('board'))}>
            {t('welcome.sample')}
          </Button>
        </div>
      </section>
      <CommandError command={cmd} />
      <footer className="space-y-3 border-t border-slate-200 pt-4">
        <p className="text-sm text-slate-700">{t('welcome.next')}</p>
        <Button variant="primary" data-testid="sidecar-welcome-done" onClick={() => location.assign('https://mail.google.com/mail/u/0/')}>
          {t('welcome.done')}
        </Button>
      </footer>
    </main>
  );
}

export function WelcomeApp() {
  const settings = useSettings();
  if (!settings) return null;
  return (
    <I18nProvider setting={settings.language}>
      <Welcome settings={settings} />
    </I18nProvider>
  );
}
