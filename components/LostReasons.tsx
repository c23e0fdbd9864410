import { useEffect, useState } from 'react';
import { useI18n } from './i18n';
import { Button, inputClass, SectionTitle } from './ui';

export function LostReasons({ reasons, onSave }: { reasons: readonly string[]; onSave: (r: string[]) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(reasons.join('\n'));
  useEffect(() => setText(reasons.join('\n')), [reasons]);
  return (
    <section aria-labelledby="sc-lost" className="space-y-2">
      <SectionTitle id="sc-lost">{t('lostReasons.title')}</SectionTitle>
      <textarea
        data-testid="sidecar-lost-reasons"
        aria-describedby="sc-lost-help"
        aria-labelledby="sc-lost"
        rows={6}
        className={inputClass}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <p id="sc-lost-help" className="text-xs text-slate-500">
        {t('lostReasons.help')}
      </p>
      <Button onClick={() => onSave(text.split('\n').map((l) => l.trim()).filter(Boolean))}>{t('lostReasons.save')}</Button>
    </section>
  );
}
