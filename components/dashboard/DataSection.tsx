import { useI18n } from '../i18n';
import { Section } from './Section';

/**
 * Mount point of backup, restore and CSV import/export (issue 12): its controls
 * (sidecar-export-json, sidecar-import-file, …) go inside this section.
 */
export function DataSection() {
  const { t } = useI18n();
  return (
    <Section id="data" title={t('dash.section.data')}>
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('dash.data.placeholder')}</p>
    </Section>
  );
}
