import { useState } from 'react';
// The policy the stores link to, shipped inside the extension so the rep reads the version they run.
import policy from '@/docs/privacy.md?raw';
import { readPolicy, type PolicyBlock } from '@/lib/domain/policy-text';
import { LANGUAGES, type Language } from '@/lib/i18n';
import { useSettings } from './hooks';
import { I18nProvider, useI18n } from './i18n';
import { focusRing } from './ui';

const SECTIONS = readPolicy(policy);

function Block({ block }: { block: PolicyBlock }) {
  switch (block.kind) {
    case 'title':
      return <h1 className="text-2xl font-semibold">{block.text}</h1>;
    case 'heading':
      return <h2 className="pt-2 text-lg font-semibold">{block.text}</h2>;
    case 'paragraph':
      return <p>{block.text}</p>;
    case 'list':
      return (
        <ul className="list-disc space-y-1 pl-6">
          {block.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
  }
}

function Policy() {
  const { t, lang } = useI18n();
  const [shown, setShown] = useState<Language | null>(null);
  const current = shown ?? lang;
  const blocks = SECTIONS[LANGUAGES.indexOf(current)] ?? SECTIONS[0] ?? [];
  return (
    <main data-testid="sidecar-privacy" lang={current} className="mx-auto max-w-3xl space-y-3 p-8 leading-relaxed text-slate-900">
      <nav aria-label={t('privacy.languages')} className="flex gap-3 text-sm">
        {LANGUAGES.map((l) => (
          <button
            key={l}
            type="button"
            aria-pressed={l === current}
            className={`rounded px-2 py-1 underline-offset-2 aria-pressed:font-semibold aria-[pressed=false]:underline ${focusRing}`}
            onClick={() => setShown(l)}
          >
            {t(`options.language.${l}`)}
          </button>
        ))}
      </nav>
      {blocks.map((b, i) => (
        <Block key={i} block={b} />
      ))}
    </main>
  );
}

export function PrivacyApp() {
  const settings = useSettings();
  if (!settings) return null;
  return (
    <I18nProvider setting={settings.language}>
      <Policy />
    </I18nProvider>
  );
}
