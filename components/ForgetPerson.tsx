import { useEffect, useRef, useState } from 'react';
import { CommandError, refusalText } from './CommandError';
import { useCommand } from './hooks';
import { useI18n } from './i18n';
import { Button } from './ui';

const WHAT = ['forget.what.contact', 'forget.what.deals', 'forget.what.activities', 'forget.what.signals', 'forget.what.company', 'forget.what.other'] as const;

/**
 * "Forget this person", for a data-protection request: a modal dialog says
 * what goes and that it cannot be undone; only its own button does it. The
 * native <dialog> keeps focus inside while open and Escape closes it; focus
 * starts on Cancel (the safe choice) and goes back to the button.
 */
export function ForgetPerson({ contactId, name, onForgotten }: { contactId: string; name: string; onForgotten?: (text: string) => void }) {
  const { t } = useI18n();
  const cmd = useCommand();
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      cancel.current?.focus();
    } else if (!open && d.open) d.close();
  }, [open]);

  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  const forget = () =>
    void cmd.run({ type: 'ui/forget-contact', contactId }, (r) => {
      if (!r.ok) return cmd.refuse(refusalText(r.reason, t));
      setOpen(false);
      setDone(true);
      onForgotten?.(t('forget.done'));
    });

  return (
    <div className="space-y-2">
      <Button ref={opener} variant="danger" data-testid="sidecar-forget-contact" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        {t('forget.button')}
      </Button>
      {done && (
        <p role="status" className="text-sm text-slate-600">
          {t('forget.done')}
        </p>
      )}
      <dialog
        ref={dialog}
        data-testid="sidecar-forget-dialog"
        aria-labelledby="sidecar-forget-title"
        aria-describedby="sidecar-forget-final"
        onCancel={(e) => {
          e.preventDefault();
          close();
        }}
        className="m-auto max-w-md space-y-3 rounded-lg border border-slate-300 bg-white p-4 text-sm text-slate-800 shadow-xl backdrop:bg-slate-900/40"
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
        <div className="flex justify-end gap-2">
          <Button ref={cancel} data-testid="sidecar-forget-cancel" onClick={close}>
            {t('forget.cancel')}
          </Button>
          <Button variant="danger" data-testid="sidecar-forget-confirm" disabled={cmd.busy} onClick={forget}>
            {t('forget.confirm')}
          </Button>
        </div>
      </dialog>
    </div>
  );
}
