import { useEffect, useMemo, useRef, useState } from 'react';
import { PeopleIndex } from '@/lib/domain/people-search';
import type { Settings } from '@/lib/domain/settings';
import { contactFieldKey } from '@/lib/i18n/keys';
import type { PipelineRow } from '@/lib/services/dashboard';
import type { ContactView } from '@/lib/services/views';
import { CommandError, refusalText } from '../CommandError';
import { ContactCard } from '../ContactCard';
import { ForgetPerson } from '../ForgetPerson';
import { useCommand, useLive } from '../hooks';
import { useI18n } from '../i18n';
import { Button, inputClass, labelClass } from '../ui';

/** A change the rep can take back (a merge, a delete): the page offers "Undo" until the next one. */
export interface Undoable {
  undoId: string;
  text: string;
}

/**
 * Everything known about one person, as the sidebar shows it (deal and stage,
 * score, BANT with its evidence, the whole timeline with its stage changes),
 * plus what only the dashboard does: edit every field of the person, merge
 * another person into this one, delete. A merge or delete can be undone.
 */
export function PersonDetail({ contactId, settings, rows, gone, onClose, onOpen, onUndoable, onForgotten }: {
  contactId: string;
  settings: Settings;
  rows: PipelineRow[];
  gone: boolean;
  onClose: () => void;
  onOpen: (id: string) => void;
  onUndoable: (u: Undoable) => void;
  onForgotten: (text: string) => void;
}) {
  const { t } = useI18n();
  const view = useLive({ name: 'contact', contactId });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const people = useMemo(() => rows.map((r) => ({ contactId: r.contactId, name: r.name })), [rows]);
  return (
    <div data-testid="sidecar-person-detail" data-contact-id={contactId} role="region" aria-labelledby="sidecar-person-detail-title" className="mt-4 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex items-center justify-between gap-2">
        <h3 id="sidecar-person-detail-title" ref={heading} tabIndex={-1} className="text-base font-semibold outline-none">
          {view?.contact.name ?? t('dash.loading')}
        </h3>
        <Button data-testid="sidecar-person-close" onClick={onClose}>
          {t('people.detail.close')}
        </Button>
      </div>
      {gone || view === null ? (
        <p className="text-sm text-slate-600">{t('people.detail.gone')}</p>
      ) : (
        view && (
          <div className="grid gap-6 lg:grid-cols-2">
            <div className="min-w-0">
              <ContactCard view={view} settings={settings} email={view.contact.emails[0] ?? null} people={people} forget={false} />
            </div>
            <div className="min-w-0 space-y-6">
              <EditPerson view={view} onOpen={onOpen} />
              <MergeInto view={view} rows={rows} onUndoable={onUndoable} />
              {view.deal && <DeleteOne what={{ deal: view.deal }} onUndoable={onUndoable} />}
              {view.company && <DeleteOne what={{ company: view.company }} onUndoable={onUndoable} />}
              <DeletePerson view={view} onUndoable={onUndoable} onDeleted={onClose} />
              <ForgetPerson
                contactId={view.contact.id}
                name={view.contact.name}
                onForgotten={(text) => {
                  onForgotten(text);
                  onClose();
                }}
              />
            </div>
          </div>
        )
      )}
    </div>
  );
}

function EditPerson({ view, onOpen }: { view: ContactView; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const cmd = useCommand();
  const c = view.contact;
  const initial = { name: c.name, emails: c.emails.join('\n'), company: view.company?.name ?? '', title: c.title ?? '', headline: c.headline ?? '', location: c.location ?? '', linkedin: c.linkedinUrl ?? '' };
  const [form, setForm] = useState(initial);
  const [saved, setSaved] = useState(false);
  const [other, setOther] = useState<string | null>(null);
  const field = (k: keyof typeof form, label: string, multi = false) => (
    <label className="block space-y-1">
      <span className={labelClass}>{label}</span>
      {multi ? (
        <textarea data-testid={`sidecar-edit-${k}`} className={inputClass} rows={Math.max(2, form.emails.split('\n').length)} value={form[k]} onChange={(e) => (setSaved(false), setForm({ ...form, [k]: e.target.value }))} />
      ) : (
        <input data-testid={`sidecar-edit-${k}`} className={inputClass} maxLength={k === 'headline' || k === 'linkedin' ? 500 : 300} value={form[k]} onChange={(e) => (setSaved(false), setForm({ ...form, [k]: e.target.value }))} />
      )}
    </label>
  );
  const save = () => {
    setSaved(false);
    setOther(null);
    void cmd.run(
      {
        type: 'ui/update-contact',
        contactId: c.id,
        patch: {
          name: form.name,
          emails: form.emails.split(/[\n,;]+/).map((e) => e.trim()).filter(Boolean),
          companyName: form.company,
          title: form.title,
          headline: form.headline,
          location: form.location,
          linkedinUrl: form.linkedin,
        },
      },
      (r) => {
        if (r.ok) return setSaved(true);
        if (r.reason === 'invalid') return cmd.refuse(t('people.edit.invalid', { field: t(contactFieldKey(r.field)) }));
        if (r.reason === 'email_taken') {
          setOther(r.contactId);
          return cmd.refuse(t('people.edit.emailTaken', { email: r.email }));
        }
        if (r.reason === 'linkedin_taken') {
          setOther(r.contactId);
          return cmd.refuse(t('people.edit.linkedinTaken'));
        }
        cmd.refuse(refusalText(r.reason, t));
      },
    );
  };
  return (
    <form
      className="space-y-2"
      aria-labelledby="sidecar-edit-title"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <h4 id="sidecar-edit-title" className="text-sm font-semibold">
        {t('people.edit.heading')}
      </h4>
      {field('name', t(contactFieldKey('name')))}
      {field('emails', t(contactFieldKey('emails')), true)}
      {field('company', t(contactFieldKey('companyName')))}
      {field('title', t(contactFieldKey('title')))}
      {field('headline', t(contactFieldKey('headline')))}
      {field('location', t(contactFieldKey('location')))}
      {field('linkedin', t(contactFieldKey('linkedinUrl')))}
      <div className="flex items-center gap-2">
        <Button type="submit" variant="primary" data-testid="sidecar-edit-save" disabled={cmd.busy}>
          {t('people.edit.save')}
        </Button>
        {saved && (
          <span role="status" data-testid="sidecar-edit-saved" className="text-sm text-emerald-700">
            {t('people.edit.saved')}
          </span>
        )}
      </div>
      <CommandError command={cmd} />
      {other && (
        <Button data-testid="sidecar-edit-open-other" onClick={() => onOpen(other)}>
          {t('people.edit.openOther')}
        </Button>
      )}
    </form>
  );
}

/** Another person merged into this one: every address, activity, deal history and the LinkedIn link move here; one undo. */
function MergeInto({ view, rows, onUndoable }: { view: ContactView; rows: PipelineRow[]; onUndoable: (u: Undoable) => void }) {
  const { t } = useI18n();
  const cmd = useCommand();
  const [query, setQuery] = useState('');
  const [pick, setPick] = useState<PipelineRow | null>(null);
  const others = useMemo(() => rows.filter((r) => r.contactId !== view.contact.id), [rows, view.contact.id]);
  const index = useMemo(() => new PeopleIndex(others), [others]);
  const hits = useMemo(() => {
    const h = index.search(query);
    return h ? Array.from(h.slice(0, 8), (i) => others[i]!) : [];
  }, [index, others, query]);
  const merge = () =>
    pick &&
    void cmd.run({ type: 'ui/merge-contacts', keepId: view.contact.id, mergeId: pick.contactId }, (r) => {
      if (!r.ok) return cmd.refuse(r.reason === 'same' ? t('people.merge.same') : refusalText(r.reason, t));
      onUndoable({ undoId: r.undoId, text: t('people.merge.done', { other: pick.name, name: view.contact.name }) });
      setPick(null);
      setQuery('');
    });
  return (
    <div className="space-y-2" role="group" aria-labelledby="sidecar-merge-title">
      <h4 id="sidecar-merge-title" className="text-sm font-semibold">
        {t('people.merge.title')}
      </h4>
      <p className="text-xs text-slate-600">{t('people.merge.help', { name: view.contact.name })}</p>
      <label className="block space-y-1">
        <span className={labelClass}>{t('people.merge.search')}</span>
        <input type="search" data-testid="sidecar-merge-search" className={inputClass} maxLength={200} value={query} onChange={(e) => (setQuery(e.target.value), setPick(null))} />
      </label>
      {hits.length > 0 && !pick && (
        <ul className="space-y-1">
          {hits.map((r) => (
            <li key={r.contactId}>
              <Button data-testid="sidecar-merge-candidate" data-contact-id={r.contactId} onClick={() => setPick(r)} className="w-full text-left">
                <span dir="auto">{r.name}</span> <span className="text-xs text-slate-500">{r.emails[0] ?? r.company ?? ''}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {pick && (
        <div className="space-y-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900">
          <p>{t('people.merge.confirmText', { other: pick.name, name: view.contact.name })}</p>
          <div className="flex gap-2">
            <Button variant="danger" data-testid="sidecar-merge-confirm" disabled={cmd.busy} onClick={merge}>
              {t('people.merge.confirm')}
            </Button>
            <Button onClick={() => setPick(null)}>{t('people.cancel')}</Button>
          </div>
        </div>
      )}
      <CommandError command={cmd} />
    </div>
  );
}

function DeletePerson({ view, onUndoable, onDeleted }: { view: ContactView; onUndoable: (u: Undoable) => void; onDeleted: () => void }) {
  const { t } = useI18n();
  const cmd = useCommand();
  const remove = () =>
    void cmd.run({ type: 'ui/delete-contact', contactId: view.contact.id }, (r) => {
      if (!r.ok) return cmd.refuse(refusalText(r.reason, t));
      onUndoable({ undoId: r.undoId, text: t('people.delete.done', { name: view.contact.name }) });
      onDeleted();
    });
  return (
    <div className="space-y-2">
      <Button variant="danger" data-testid="sidecar-delete-contact" disabled={cmd.busy} onClick={remove}>
        {t('people.delete')}
      </Button>
      <CommandError command={cmd} />
    </div>
  );
}

/** The person's current deal, or their company, deleted on its own: a tombstone, with one undo like a person's delete. */
function DeleteOne({ what, onUndoable }: { what: { deal: { id: string; title: string } } | { company: { id: string; name: string } }; onUndoable: (u: Undoable) => void }) {
  const { t } = useI18n();
  const cmd = useCommand();
  const then = (text: string) => (r: { ok: true; undoId: string } | { ok: false; reason: string }) => {
    if (!r.ok) return cmd.refuse(refusalText(r.reason, t));
    onUndoable({ undoId: r.undoId, text });
  };
  const remove = () =>
    'deal' in what
      ? void cmd.run({ type: 'ui/delete-deal', dealId: what.deal.id }, then(t('deal.delete.done', { title: what.deal.title })))
      : void cmd.run({ type: 'ui/delete-company', companyId: what.company.id }, then(t('company.delete.done', { name: what.company.name })));
  return (
    <div className="space-y-2">
      <Button variant="danger" data-testid={'deal' in what ? 'sidecar-delete-deal' : 'sidecar-delete-company'} disabled={cmd.busy} onClick={remove}>
        {'deal' in what ? t('deal.delete') : t('company.delete')}
      </Button>
      <CommandError command={cmd} />
    </div>
  );
}

/** "Undo" for the last merge or delete, announced politely. */
export function UndoBar({ undo, onDone }: { undo: Undoable | null; onDone: () => void }) {
  const { t } = useI18n();
  const cmd = useCommand();
  return (
    <div role="status" aria-live="polite" className="min-h-0">
      {undo && (
        <div data-testid="sidecar-undo-bar" className="flex items-center gap-3 rounded-md bg-slate-900 px-3 py-2 text-sm text-white">
          <span data-testid="sidecar-undo-message">{undo.text}</span>
          <button
            type="button"
            data-testid="sidecar-undo"
            disabled={cmd.busy}
            onClick={() => void cmd.run({ type: 'ui/undo', undoId: undo.undoId }, (r) => (r.ok ? onDone() : cmd.refuse(t('people.undo.failed'))))}
            className="rounded px-2 py-0.5 font-semibold underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-400"
          >
            {t('people.undo')}
          </button>
          <CommandError command={cmd} />
        </div>
      )}
    </div>
  );
}
