import { useEffect, useState } from 'react';
import type { Settings } from '@/lib/domain/settings';
import type { MessageKey } from '@/lib/i18n';
import { requestNotifications } from '@/lib/platform/permissions';
import { CommandError } from './CommandError';
import { useCommand, useSettings } from './hooks';
import { Button, Toggle } from './ui';
import { openDashboard, openPrivacyPolicy } from '@/lib/platform/open-pages';
import { AutoBackupSettings } from './AutoBackupSettings';
import { SyncSection } from './SyncSection';
import { LostReasons } from './LostReasons';
import { NudgeSettingsEditor } from './NudgeSettingsEditor';
import { ScoringEditor } from './ScoringEditor';
import { StageEditor } from './StageEditor';
import { TriggerEditor } from './TriggerEditor';
import { WhatConverts } from './WhatConverts';
import { MyAddresses } from './MyAddresses';
import { CurrencyField, LanguageField } from './SettingsFields';
import { I18nProvider, useI18n } from './i18n';


function Form({ settings: stored }: { settings: Settings }) {
  const { t } = useI18n();
  // Shown at once (a checkbox must not flicker back), replaced by the stored value when it arrives.
  const [pending, setPending] = useState<Partial<Settings>>({});
  useEffect(() => setPending({}), [stored]);
  const settings = { ...stored, ...pending };
  // A key, not a string: a language change re-renders the status in the new language.
  const [status, setStatus] = useState<{ key: MessageKey; params?: Record<string, string> } | null>(null);
  const cmd = useCommand();
  const save = (patch: Partial<Settings>) => {
    setPending((p) => ({ ...p, ...patch }));
    setStatus(null);
    return cmd.run({ type: 'ui/update-settings', patch }, (r) => {
      setStatus(r.ok ? { key: 'options.saved' } : { key: 'options.invalid', params: { issues: r.issues.join('; ') } });
      if (!r.ok) setPending({});
    }).then(() => {});
  };
  return (
    <main className="mx-auto max-w-3xl space-y-8 p-8 text-slate-900">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t('options.title')}</h1>
        <div className="flex items-center gap-2">
          <Button data-testid="sidecar-open-privacy" onClick={() => void openPrivacyPolicy()}>
            {t('privacy.link')}
          </Button>
          <Button data-testid="sidecar-open-dashboard" onClick={() => void openDashboard()}>
            {t('open.dashboard')}
          </Button>
        </div>
      </div>
      <LanguageField testId="sidecar-option-language" value={settings.language} save={save} />
      <CurrencyField testId="sidecar-option-currency" value={settings.currency} save={save} />
      <MyAddresses settings={settings} save={save} />
      <Toggle
        data-testid="sidecar-option-sidepanel"
        label={t('options.sidePanel')}
        checked={settings.sidePanel}
        onChange={(e) => save({ sidePanel: e.target.checked })}
      />
      <div className="space-y-1">
        <Toggle data-testid="sidecar-option-inbox-chips" label={t('options.inboxChips')} checked={settings.inboxChips} onChange={(e) => save({ inboxChips: e.target.checked })} />
        <p className="pl-6 text-xs text-slate-600">{t('options.inboxChipsHelp')}</p>
      </div>
      <Toggle
        data-testid="sidecar-option-autolog-linkedin"
        label={t('options.autoLogLinkedIn')}
        checked={settings.autoLogLinkedInMessages}
        onChange={(e) => save({ autoLogLinkedInMessages: e.target.checked })}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Toggle
            data-testid="sidecar-option-notifications"
            label={t('options.notifications')}
            checked={settings.notifications.enabled}
            onChange={async (e) => {
              const enabled = e.target.checked;
              // Permission is asked only now, from the rep's own click.
              if (enabled && !(await requestNotifications())) {
                setStatus({ key: 'options.notificationsDenied' });
                return;
              }
              await save({ notifications: { ...settings.notifications, enabled } });
            }}
          />
        <label className="flex items-center gap-2 text-sm">
          {t('options.notificationTime')}
          <input
            type="time"
            data-testid="sidecar-option-notification-time"
            className="block rounded-md border border-slate-300 px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-sky-600"
            value={settings.notifications.time}
            onChange={(e) => e.target.value && save({ notifications: { ...settings.notifications, time: e.target.value } })}
          />
        </label>
      </div>
      <p role="status" className="min-h-5 text-sm text-slate-600">
        {status && t(status.key, status.params)}
      </p>
      <CommandError command={cmd} />
      <AutoBackupSettings backups={settings.backups} save={save} />
      <SyncSection />
      <StageEditor stages={stored.stages} />
      <LostReasons reasons={stored.lostReasons} onSave={(lostReasons) => save({ lostReasons })} />
      <ScoringEditor scoring={stored.scoring} />
      <WhatConverts scoring={stored.scoring} />
      <TriggerEditor rules={stored.triggers} stages={stored.stages} />
      <NudgeSettingsEditor nudges={stored.nudges} />
    </main>
  );
}

export function OptionsApp() {
  const settings = useSettings();
  if (!settings) return null;
  return (
    <I18nProvider setting={settings.language}>
      <Form settings={settings} />
    </I18nProvider>
  );
}
