import type { ReactNode } from 'react';
import type { Settings } from '@/lib/domain/settings';
import type { ContactView } from '@/lib/services/views';
import { ENGAGING_TRIGGERS } from '@/lib/domain/triggers';
import { CompanyDetails } from './CompanyDetails';
import { Suggestions } from './Suggestions';
import { BantPanel } from './BantPanel';
import { ActivityList } from './ActivityList';
import { DealCard } from './DealCard';
import { ForgetPerson } from './ForgetPerson';
import { NudgeList } from './NudgeList';
import { OutreachLog } from './OutreachLog';
import { ScoreCard } from './ScoreCard';
import { useI18n } from './i18n';

/** Name, address and company of a person; page text is rendered as text only. */
export function PersonHeader({ name, email, company, extra }: { name: string; email: string | null; company: string | null; extra?: ReactNode }) {
  const { t } = useI18n();
  return (
    <header className="space-y-0.5">
      <h2 data-testid="sidecar-contact-name" dir="auto" className="break-words text-lg font-semibold leading-tight text-slate-900">
        {name}
      </h2>
      {email && (
        <p data-testid="sidecar-contact-email" className="break-all text-sm text-slate-600">
          {email}
        </p>
      )}
      {extra}
      <p data-testid="sidecar-contact-company" dir="auto" className="text-sm text-slate-600">
        {company ?? <span className="text-slate-500">{t('person.noCompany')}</span>}
      </p>
    </header>
  );
}

/** A known contact: who, deal and stage, score, then what happened; last, "Forget this person" (unless the page places it itself). */
export function ContactCard({
  view,
  settings,
  email,
  children,
  people = [],
  forget = true,
}: {
  view: ContactView;
  settings: Settings;
  email: string | null;
  children?: ReactNode;
  people?: readonly { contactId: string; name: string }[];
  forget?: boolean;
}) {
  const { t } = useI18n();
  const { contact, company, deal, activities, suggestions, nudges } = view;
  const accepted = suggestions.filter((s) => s.status === 'accepted' && ENGAGING_TRIGGERS.has(s.kind)).length;
  return (
    <div className="space-y-4">
      <PersonHeader
        name={contact.name}
        email={email ?? contact.emails[0] ?? null}
        company={company?.name ?? null}
        extra={
          <>
            {contact.headline && (
              <p data-testid="sidecar-contact-headline" dir="auto" className="text-sm text-slate-700">
                {contact.headline}
              </p>
            )}
            {(contact.phones ?? []).map((p) => (
              <p key={p} data-testid="sidecar-contact-phone" dir="ltr" className="text-xs text-slate-600">
                {p}
              </p>
            ))}
            {(contact.websites ?? []).map((w) => (
              <p key={w} data-testid="sidecar-contact-website" dir="ltr" className="truncate text-xs text-slate-600">
                {w}
              </p>
            ))}
          </>
        }
      />
      {/* What needs the rep now first: nudges and stage signals, then where the deal stands and why. */}
      <NudgeList items={nudges} emptyText={false} />
      {deal && <Suggestions suggestions={suggestions} settings={settings} />}
      {deal ? <DealCard deal={deal} settings={settings} /> : <p className="text-sm text-slate-500">{t('deal.none')}</p>}
      <ScoreCard
        settings={settings}
        input={{
          contact,
          company: company && { domain: company.domain, industry: company.industry, employees: company.employees },
          bant: deal?.bant ?? null,
          activities,
          acceptedTriggers: accepted,
        }}
      />
      {children}
      {!children && <OutreachLog contactId={contact.id} />}
      {deal && <BantPanel deal={deal} activities={activities} people={people.filter((p) => p.contactId !== contact.id)} />}
      {company && <CompanyDetails company={company} />}
      <ActivityList activities={activities} stages={settings.stages} />
      {forget && <ForgetPerson contactId={contact.id} name={contact.name} />}
    </div>
  );
}
