import { useEffect, useRef, useState } from 'react';
import { CommandError, refusalText } from './CommandError';
import { useCommand } from './hooks';
import { useI18n } from './i18n';
import { Button } from './ui';

const WHAT = ['forget.what.contact', 'forget.what.deals', 'forget.what.activities', 'forget.what.signals', 'forget.what.company', 'forget.what.other'] as const;

/**
 * "Forget this person", for a data-protection request: a confirmation says
 * what goes and that it cannot be undone; only its own button does it. Focus
 * moves to Cancel (the safe choice) when it opens, Escape closes it, and focus
 * goes back to the button. It opens in place rather than as a modal over the
 * page: the framed sidebar refuses commands while anything covers it
 * (lib/platform/frame-token.ts), and a modal's backdrop would.
 */
export function ForgetPerson({ contactId, name, onForgotten }: { contactId: string; name: string; onForgotten?: (text: string) => void }) {
  const { t } = useI18n();
  const cmd = useCommand();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) cancel.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    cmd.clear();
    opener.current?.focus();
  };
  const forget = () =>
    void cmd.run({ type: 'ui/forget-contact', contactId }, (r) => {
      if (!r.ok) return cmd.refuse(refusalText(r.reason, t));
      setOpen(false);
      onForgotten?.(t('forget.done'));
    });

  return (
    <div className="space-y-2">
      <Button ref={opener} variant="danger" data-testid="sidecar-forget-contact" aria-expanded={open} aria-controls="sidecar-forget-dialog" onClick={() => setOpen(true)}>
        {t('forget.button')}
      </Button>
      {open && (
        <div
          id="sidecar-forget-dialog"
          role="alertdialog"
          data-testid="sidecar-forget-dialog"
          aria-labelledby="sidecar-forget-title"
          aria-describedby="sidecar-forget-final"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
          className="space-y-3 rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-slate-800"
        >
          <h2 id="sidecar-forget-title" dir="auto" className="text-base font-semibold">
            {t('forget.title', { name })}
          </h2>
          <p>{t('forget.intro')}</p>
          <ul className="list-disc space-y-0.5 pl-5">
            {WHAT.map((k) => (
              <li key={k}>{t(k)}</li>
            ))}
          </ul>
          <p className="text-slate-600">{t('forget.sync')}</p>
          <p id="sidecar-forget-final" className="font-semibold text-red-800">
            {t('forget.final')}
          </p>
          <CommandError command={cmd} />
          <div className="flex flex-wrap justify-end gap-2">
            <Button ref={cancel} data-testid="sidecar-forget-cancel" onClick={close}>
              {t('forget.cancel')}
            </Button>
            <Button variant="danger" data-testid="sidecar-forget-confirm" disabled={cmd.busy} onClick={forget}>
              {t('forget.confirm')}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
