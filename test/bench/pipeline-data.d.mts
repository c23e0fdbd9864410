import type { Contact, Deal, StageChange } from '../../lib/domain/records';

export function pipelineRecords(opts: { n: number; now: number; seed?: number; prefix?: string; currency?: string }): {
  contacts: Contact[];
  deals: Deal[];
  changes: StageChange[];
};
