import type { Settings } from '@/lib/domain/settings';
import type { LinkedInContactInfo, LinkedInConversation, LinkedInProfile } from '@/lib/sites/linkedin/types';
import { ContactInfoOffer } from './ContactInfoOffer';
import { ContactCard, PersonHeader } from './ContactCard';
import { OutreachLog } from './OutreachLog';
import { CommandError, refusalText } from './CommandError';
import { useCommand, useLive } from './hooks';
import { useI18n } from './i18n';

type Facts = { profileUrl: string | null; name: string; headline?: string | null; company?: string | null; location?: string | null; photoUrl?: string | null };

const primary =
  'w-full rounded-md bg-sky-700 px-3 py-2 text-sm font-medium text-white hover:bg-sky-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60';
const secondary =
  'w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-600 disabled:opacity-60';

/** A LinkedIn person (profile page or messaging partner): linked contact, or capture / confirm a match. */
export function ProfileView({
  profile,
  conversation,
  contactInfo = null,
  settings,
}: {
  profile: LinkedInProfile | null;
  conversation: LinkedInConversation | null;
  contactInfo?: LinkedInContactInfo | null;
  settings: Settings;
}) {
  const { t } = useI18n();
  const facts: Facts = profile ?? { profileUrl: conversation!.profileUrl, name: conversation!.name };
  const match = useLive({ name: 'profile', facts });
  const cmd = useCommand();
  if (!match) return null;

  if (match.contactId && match.view) {
    return (
      <ContactCard view={match.view} settings={settings} email={null}>
        <ContactInfoOffer view={match.view} profile={profile} info={contactInfo} />
        <OutreachLog contactId={match.contactId} />
        <button type="button" data-testid="sidecar-unlink-contact" className={secondary} onClick={() => cmd.run({ type: 'ui/unlink-profile', contactId: match.contactId! })}>
          {t('linkedin.unlink')}
        </button>
        <CommandError command={cmd} />
      </ContactCard>
    );
  }

  const link = (contactId: string) => cmd.run({ type: 'ui/link-profile', contactId, facts }, (r) => r.ok || cmd.refuse(refusalText(r.reason, t)));
  const create = () =>
    cmd.run({
      type: 'ui/create-person',
      person: { name: facts.name, headline: facts.headline, companyName: facts.company, location: facts.location, linkedinUrl: facts.profileUrl, photoUrl: facts.photoUrl },
    });
  const [best, ...others] = match.candidates;

  return (
    <div className="space-y-4">
      <PersonHeader
        name={facts.name}
        email={null}
        company={facts.company ?? null}
        extra={
          <>
            {facts.headline && (
              <p data-testid="sidecar-contact-headline" dir="auto" className="text-sm text-slate-700">
                {facts.headline}
              </p>
            )}
            {facts.location && (
              <p data-testid="sidecar-contact-location" dir="auto" className="text-xs text-slate-500">
                {facts.location}
              </p>
            )}
          </>
        }
      />
      {best && facts.profileUrl && (
        <section aria-labelledby="sc-maybe" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3">
          <h3 id="sc-maybe" className="text-sm font-medium text-amber-900">
            {t('linkedin.maybe')}
          </h3>
          <p className="text-sm text-slate-800">
            <span dir="auto" className="font-medium">{best.name}</span>
            {best.email && <span className="block text-xs text-slate-600">{best.email}</span>}
            {best.company && <span dir="auto" className="block text-xs text-slate-600">{best.company}</span>}
          </p>
          <button type="button" data-testid="sidecar-link-contact" disabled={cmd.busy} onClick={() => link(best.contactId)} className={primary}>
            {t('linkedin.link', { name: best.name })}
          </button>
          {others.map((c) => (
            <button key={c.contactId} type="button" data-testid="sidecar-link-candidate" disabled={cmd.busy} onClick={() => link(c.contactId)} className={secondary}>
              {t('linkedin.linkOther', { name: [c.name, c.email ?? c.company].filter(Boolean).join(' · ') })}
            </button>
          ))}
        </section>
      )}
      {!facts.profileUrl && <p className="text-xs text-slate-500">{t('linkedin.noUrl')}</p>}
      <p className="text-sm text-slate-500">{t('person.unknown')}</p>
      <button type="button" data-testid="sidecar-create-contact" disabled={cmd.busy} onClick={create} className={best && facts.profileUrl ? secondary : primary}>
        {best && facts.profileUrl ? t('linkedin.createNew') : t('person.create')}
      </button>
      <CommandError command={cmd} />
    </div>
  );
}
