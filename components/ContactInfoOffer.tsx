import { samePhone, sameSite } from '@/lib/domain/contact-details';
import type { ContactView } from '@/lib/services/views';
import type { LinkedInContactInfo, LinkedInProfile } from '@/lib/sites/linkedin/types';
import { CommandError, refusalText } from './CommandError';
import { useCommand } from './hooks';
import { useI18n } from './i18n';
import { Button } from './ui';


/**
 * What LinkedIn's contact info (or the profile) knows that the contact lacks: each offered in one click, never
 * added silently. An address added here makes the person's Gmail threads theirs at once.
 */
export function ContactInfoOffer({ view, profile, info }: { view: ContactView; profile: LinkedInProfile | null; info: LinkedInContactInfo | null }) {
  const { t } = useI18n();
  const cmd = useCommand();
  const { contact, company } = view;
  const emails = (info?.emails ?? []).filter((e) => !contact.emails.includes(e));
  const phones = (info?.phones ?? []).filter((p) => !(contact.phones ?? []).some((h) => samePhone(h, p)));
  const websites = (info?.websites ?? []).filter((w) => !(contact.websites ?? []).some((h) => sameSite(h, w)));
  // "Tokomaju" from the email domain, "PT Toko Maju" on the profile: the profile's name, if the rep wants it.
  const companyName = profile?.company && company && profile.company !== company.name ? profile.company : null;
  if (emails.length + phones.length + websites.length === 0 && !companyName) return null;

  const add = (details: { emails?: string[]; phones?: string[]; websites?: string[] }) =>
    cmd.run({ type: 'ui/add-contact-details', contactId: contact.id, ...details }, (r) => {
      if (r.ok) return;
      cmd.refuse(r.reason === 'email_taken' ? t('contactInfo.emailTaken', { email: r.email }) : refusalText(r.reason, t));
    });
  const row = (testId: string, kind: string, value: string, label: string, onClick: () => void) => (
    <li key={`${kind}:${value}`} className="flex items-center justify-between gap-2 text-sm">
      <span dir="auto" className="min-w-0 truncate">
        {value}
      </span>
      <Button data-testid={testId} data-value={value} disabled={cmd.busy} onClick={onClick} aria-label={label} className="shrink-0">
        {t('contactInfo.add')}
      </Button>
    </li>
  );
  return (
    <section aria-labelledby="sc-contact-info" data-testid="sidecar-contact-info-offer" className="space-y-2 rounded-lg border border-sky-200 bg-sky-50 p-3">
      <h3 id="sc-contact-info" className="text-sm font-medium text-sky-950">
        {t('contactInfo.title')}
      </h3>
      <ul className="space-y-1.5">
        {emails.map((e) => row('sidecar-add-contact-email', 'email', e, t('contactInfo.addEmail', { value: e }), () => add({ emails: [e] })))}
        {phones.map((p) => row('sidecar-add-contact-phone', 'phone', p, t('contactInfo.addPhone', { value: p }), () => add({ phones: [p] })))}
        {websites.map((w) => row('sidecar-add-contact-website', 'website', w, t('contactInfo.addWebsite', { value: w }), () => add({ websites: [w] })))}
        {companyName &&
          company &&
          row('sidecar-use-profile-company', 'company', companyName, t('contactInfo.useCompany', { value: companyName, current: company.name }), () =>
            cmd.run({ type: 'ui/update-company', companyId: company.id, patch: { name: companyName } }, (r) => r.ok || cmd.refuse(refusalText('not_found', t))),
          )}
      </ul>
      <CommandError command={cmd} />
    </section>
  );
}
