import { CommandError } from './CommandError';
import type { Command } from './hooks';
import { useI18n } from './i18n';
import { Button, ErrorText } from './ui';

/** The save button of an editor, its "Saved" status and the reasons a save was refused. */
export function SaveBar({
  label,
  testId,
  onSave,
  saved,
  issues,
  command,
}: {
  label: string;
  testId: string;
  onSave: () => void;
  saved: boolean;
  issues: string[];
  command: Command;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="flex items-center gap-2">
        <Button variant="dark" data-testid={testId} disabled={command.busy} onClick={onSave}>
          {label}
        </Button>
        {saved && (
          <span role="status" className="text-sm text-emerald-700">
            {t('options.saved')}
          </span>
        )}
      </div>
      {issues.length > 0 && <ErrorText>{t('options.invalid', { issues: issues.join('; ') })}</ErrorText>}
      <CommandError command={command} />
    </>
  );
}
