import { useEffect, useRef, type ReactNode } from 'react';
import { keepFocusIn } from './focus';
import { ProfileView } from './ProfileView';
import { ThreadView } from './ThreadView';
import { usePageContext, useSettings } from './hooks';
import { ProposedAddresses } from './ProposedAddresses';
import { I18nProvider, useI18n } from './i18n';
import { AnnounceProvider } from './Announcer';
import { focusRing } from './ui';
import { openDashboard } from '@/lib/platform/open-pages';

function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const shell = useRef<HTMLDivElement>(null);
  useEffect(() => keepFocusIn(shell.current!), []);
  return (
    <div ref={shell} className="flex min-h-screen flex-col bg-white text-slate-900">
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-4 py-2">
        <span aria-hidden className="grid h-6 w-6 place-items-center rounded bg-slate-900 text-xs font-bold text-white">
          S
        </span>
        <h1 className="text-sm font-semibold">{t('app.name')}</h1>
        <button
          type="button"
          data-testid="sidecar-open-dashboard"
          className={`ml-auto rounded px-2 py-0.5 text-xs font-medium text-sky-800 hover:bg-slate-100 ${focusRing}`}
          onClick={() => void openDashboard()}
        >
          {t('open.dashboard')}
        </button>
      </header>
      <main className="flex-1 space-y-4 overflow-y-auto p-4 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600">{children}</main>
    </div>
  );
}

export function SidebarApp() {
  const settings = useSettings();
  const context = usePageContext();
  if (!settings) return null;
  let body: ReactNode;
  if (context === undefined) body = null;
  else if (context?.site === 'gmail' && context.thread) {
    body = <ThreadView key={context.thread.threadId} thread={context.thread} account={context.account} settings={settings} />;
  } else if (context?.site === 'linkedin' && (context.profile || context.conversation)) {
    const key = context.profile?.profileUrl ?? context.conversation?.profileUrl ?? context.conversation?.name;
    body = <ProfileView key={key} profile={context.profile} conversation={context.conversation} contactInfo={context.contactInfo ?? null} settings={settings} />;
  } else body = <Empty />;
  return (
    <I18nProvider setting={settings.language}>
      <AnnounceProvider>
        <Shell>
          <ProposedAddresses settings={settings} />
          {body}
        </Shell>
      </AnnounceProvider>
    </I18nProvider>
  );
}

function Empty() {
  const { t } = useI18n();
  return <p className="text-sm text-slate-500">{t('sidebar.noPerson')}</p>;
}
