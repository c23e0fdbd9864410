import type { ButtonHTMLAttributes, InputHTMLAttributes, ReactNode, Ref, SelectHTMLAttributes } from 'react';

// Shared looks, so every control has the same visible focus ring.
export const focusRing = 'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600';
// Fields show it on any focus; focus-within, since a date input's focus sits on its inner segments, where
// Chromium matches neither :focus nor :focus-visible on the input itself.
export const fieldFocusRing = 'focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-sky-600';
export const inputClass = `w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm ${fieldFocusRing}`;
// Two columns where they fit, one where they do not (a narrow side panel, 200% zoom): nothing is cut off.
export const fitColumns = 'grid grid-cols-[repeat(auto-fit,minmax(7rem,1fr))]';
export const labelClass = 'text-xs font-medium text-slate-600';

export function Button({ variant = 'secondary', className = '', ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'dark' | 'danger'; ref?: Ref<HTMLButtonElement> }) {
  const look = {
    primary: 'bg-sky-700 text-white hover:bg-sky-600',
    dark: 'bg-slate-900 text-white hover:bg-slate-700',
    danger: 'border border-red-300 text-red-800 hover:bg-red-50',
    secondary: 'border border-slate-300 text-slate-800 hover:bg-slate-100',
  }[variant];
  return <button type="button" className={`rounded-md px-3 py-1.5 text-sm font-medium transition-colors disabled:opacity-60 ${look} ${focusRing} ${className}`} {...props} />;
}

export function SectionTitle({ id, children }: { id?: string; children: ReactNode }) {
  return (
    <h3 id={id} className="text-xs font-semibold uppercase tracking-wide text-slate-500">
      {children}
    </h3>
  );
}

export function ErrorText({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="text-xs text-red-700">
      {children}
    </p>
  );
}

/** A labelled checkbox. */
export function Toggle({ label, ...props }: { label: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="flex items-start gap-2">
      <input type="checkbox" className={`mt-1 ${focusRing}`} {...props} />
      <span className="text-sm">{label}</span>
    </label>
  );
}

/**
 * A labelled native select over a fixed list of values: each shown by `text`, a change reported only as one of
 * them. `inline` puts the label beside it (a section's toolbar) rather than above (a filter grid). Other props
 * (data-testid…) go to the select.
 */
export function ChoiceSelect<V extends string>({
  label,
  values,
  value,
  text,
  onChange,
  inline = false,
  ...attrs
}: { label: string; values: readonly V[]; value: V; text: (v: V) => string; onChange: (v: V) => void; inline?: boolean } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>) {
  return (
    <label className={inline ? 'flex items-center gap-2' : 'block space-y-1'}>
      <span className={labelClass}>{label}</span>
      <select {...attrs} className={inline ? `${inputClass} w-auto` : inputClass} value={value} onChange={(e) => onChange(values.find((v) => v === e.target.value) ?? values[0]!)}>
        {values.map((v) => (
          <option key={v} value={v}>
            {text(v)}
          </option>
        ))}
      </select>
    </label>
  );
}
