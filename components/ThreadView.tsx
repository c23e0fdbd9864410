import { useEffect, useMemo, useState } from 'react';
import type { Settings } from '@/lib/domain/settings';
import { MAX_THREAD_PEOPLE, sidebarThreadPeople } from '@/lib/domain/sidebar-query';
import type { GmailThread } from '@/lib/sites/gmail/types';
import { ContactCard, PersonHeader } from './ContactCard';
import { CommandError } from './CommandError';
import { useCommand, useLiveResult } from './hooks';
import { useI18n } from './i18n';

export function ThreadView({ thread, account, settings }: { thread: GmailThread; account: string | null; settings: Settings }) {
  const { t } = useI18n();
  const people = useMemo(() => sidebarThreadPeople(thread.messages, settings.myAddresses, account), [thread.messages, settings.myAddresses, account]);
  // The query carries at most 500 addresses (its schema's cap): the thread's people in their order, the
  // primary person first, so a mail to a thousand recipients still shows who it is about. The same query as
  // sidebarQuery builds in the background, whose answer then arrives with the page context.
  const emails = useMemo(() => people.slice(0, MAX_THREAD_PEOPLE).map((p) => p.email), [people]);
  const { data: known, error, retry } = useLiveResult({ name: 'people', emails });
  const [selected, setSelected] = useState<string | null>(null);
  useEffect(() => setSelected(null), [thread.threadId]);
  const action = useCommand();

  if (people.length === 0) return <p className="text-sm text-slate-500">{t('sidebar.onlyYou')}</p>;
  const person = people.find((p) => p.email === selected) ?? people[0]!;
  const match = known?.people[person.email];
  const view = match && known?.views[match.contact.id];
  const others = people.filter((p) => p !== person);

  const create = () =>
    action.run({
      type: 'ui/create-person',
      person: { name: person.name, email: person.email },
      thread: { subject: thread.subject, messages: thread.messages },
      account,
    });

  return (
    <div className="space-y-4">
      {error ? (
        <div role="alert" data-testid="sidecar-load-error" className="flex items-center justify-between gap-2 rounded-md bg-red-50 px-2 py-1 text-sm text-red-800">
          <span>{t('sidebar.loadFailed')}</span>
          <button type="button" data-testid="sidecar-load-retry" onClick={retry} className="shrink-0 font-medium underline focus-visible:outline-2 focus-visible:outline-sky-600">
            {t('command.retry')}
          </button>
        </div>
      ) : known === undefined ? (
        <p className="text-sm text-slate-500">{t('sidebar.loading')}</p>
      ) : match && view ? (
        <ContactCard
          view={view}
          settings={settings}
          email={person.email}
          people={Object.values(known.people).map((k) => ({ contactId: k.contact.id, name: k.contact.name }))}
        />
      ) : (
        <div className="space-y-3">
          <PersonHeader name={person.name || person.email} email={person.email} company={null} />
          <p className="text-sm text-slate-500">{t('person.unknown')}</p>
          <button
            type="button"
            data-testid="sidecar-create-contact"
            disabled={action.busy}
            onClick={create}
            className="w-full rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60"
          >
            {action.busy ? t('person.creating') : t('person.create')}
          </button>
        </div>
      )}
      <CommandError command={action} />
      {others.length > 0 && (
        <nav aria-label={t('sidebar.otherPeople')} className="border-t border-slate-200 pt-3">
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{t('sidebar.otherPeople')}</h3>
          <ul className="space-y-1">
            {others.map((p) => (
              <li key={p.email}>
                <button
                  type="button"
                  data-testid="sidecar-person-switch"
                  aria-label={t('sidebar.switchTo', { name: p.name || p.email })}
                  onClick={() => setSelected(p.email)}
                  className="flex w-full items-center justify-between gap-2 rounded px-2 py-1 text-left text-sm hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600"
                >
                  <span dir="auto" className="truncate">
                    {p.name || p.email}
                  </span>
                  {known?.people[p.email] && <span aria-hidden className="h-2 w-2 shrink-0 rounded-full bg-emerald-500" />}
                </button>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </div>
  );
}
