import { useEffect, useState } from 'react';
import type { Company } from '@/lib/domain/records';
import { CommandError, refusalText } from './CommandError';
import { useCommand } from './hooks';
import { useI18n } from './i18n';
import { fitColumns, inputClass, labelClass } from './ui';

/** Industry and size feed the ICP fit score. */
export function CompanyDetails({ company }: { company: Company }) {
  const { t } = useI18n();
  const cmd = useCommand();
  const [industry, setIndustry] = useState(company.industry ?? '');
  const [employees, setEmployees] = useState(company.employees?.toString() ?? '');
  useEffect(() => {
    setIndustry(company.industry ?? '');
    setEmployees(company.employees?.toString() ?? '');
  }, [company.industry, company.employees]);
  const save = (patch: { industry?: string | null; employees?: number | null }) =>
    void cmd.run({ type: 'ui/update-company', companyId: company.id, patch }, (r) => r.ok || cmd.refuse(refusalText('not_found', t)));
  return (
    <details className="rounded-lg border border-slate-200 p-3 text-sm">
      <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-slate-500">{t('company.details')}</summary>
      <div className={`mt-2 ${fitColumns} gap-2`}>
        <label className="space-y-0.5">
          <span className={labelClass}>{t('company.industry')}</span>
          <input
            data-testid="sidecar-company-industry"
            className={inputClass}
            maxLength={120}
            value={industry}
            onChange={(e) => setIndustry(e.target.value)}
            onBlur={() => industry !== (company.industry ?? '') && save({ industry: industry.trim() || null })}
          />
        </label>
        <label className="space-y-0.5">
          <span className={labelClass}>{t('company.employees')}</span>
          <input
            data-testid="sidecar-company-employees"
            inputMode="numeric"
            className={inputClass}
            value={employees}
            onChange={(e) => setEmployees(e.target.value.replace(/\D/g, ''))}
            onBlur={() => {
              const n = employees ? Number(employees) : null;
              if (n !== company.employees) save({ employees: n !== null && Number.isSafeInteger(n) ? Math.min(n, 10_000_000) : null });
            }}
          />
        </label>
      </div>
      <CommandError command={cmd} />
    </details>
  );
}
