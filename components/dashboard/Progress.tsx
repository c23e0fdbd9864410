/** A progress bar for work that may take more than a moment (a big file read, an import being written). */
export function Progress({ value, label }: { value: number | null; label: string }) {
  return (
    <progress
      data-testid="sidecar-import-progress"
      aria-label={label}
      className="h-2 w-full max-w-md"
      max={1}
      {...(value === null ? {} : { value: Math.max(0, Math.min(1, value)) })}
    />
  );
}
