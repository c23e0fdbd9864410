import { newId } from '../domain/ids';
import { ACTIVITY_DEFAULTS, type Activity, type ActivityKind, type Company } from '../domain/records';

/** The fields every record starts with. */
export function baseRecord(now: number) {
  return { id: newId(now), createdAt: now, updatedAt: now, deletedAt: null };
}

export function newActivity(
  kind: ActivityKind,
  fields: { contactId: string; dealId: string | null; at: number; sourceId?: string | null; text?: string | null },
  now: number,
): Activity {
  return {
    ...baseRecord(now),
    kind,
    ...ACTIVITY_DEFAULTS[kind],
    at: fields.at,
    sourceId: fields.sourceId ?? null,
    contactId: fields.contactId,
    dealId: fields.dealId,
    text: fields.text ?? null,
  };
}

export function newCompany(name: string, domain: string | null, now: number): Company {
  return { ...baseRecord(now), name: name.slice(0, 300), domain, industry: null, employees: null };
}
