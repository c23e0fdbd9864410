import type { SidecarDb } from '../db';
import { emailDomain, isFreeMailDomain, companyNameFromDomain } from '../domain/email';
import { newId } from '../domain/ids';
import type { ImportOp } from '../domain/import-plan';
import type { Activity, Company, Contact, Deal, StageChange } from '../domain/records';
import { contactsWithAny } from './contact-match';
import { whereAnyOf } from './index-reads';
import { finishJob, jobChunks } from './import-journal';
import { markAllDirtyIf } from './lead-facts';
import { forgetStageStays } from './nudges';
import { baseRecord, newActivity, newCompany } from './records';
import { loadSettings } from './settings';
import { refreshSummaries, summariesOf } from './summaries';

// Writes a CSV import (rows planned and checked in the page, sent in batches
// into the import journal) in ONE transaction: all of it or, if anything
// fails, none of it. Contacts are matched again here by email, then LinkedIn
// URL, since the database may have changed since the preview; a merge fills
// what the contact lacks and never overwrites what the rep entered. Deals keep
// their source dates (created, closed) with a stage history that says so, so
// velocity and win rates are right from the first day. Every write goes
// through Dexie, so the change markers (lib/db/facts-dirty.ts) bring the
// imported leads into the nudges and scores.

export interface ImportReport {
  created: number;
  merged: number;
  /** Deals, activities and stage changes written, for the report's detail. */
  deals: number;
  activities: number;
}

/** A stable id for an imported activity, so importing the same file twice does not log it twice. */
function activitySource(kind: string, at: number, text: string | null): string {
  let h = 5381;
  for (const ch of `${kind}|${at}|${text ?? ''}`) h = ((h * 33) ^ ch.charCodeAt(0)) >>> 0;
  return `import:${kind}:${at}:${h.toString(36)}`;
}

export async function applyCsvImport(db: SidecarDb, jobId: string, env: { now: number; locale: string }): Promise<ImportReport | null> {
  const { now } = env;
  const tables = [db.contacts, db.companies, db.deals, db.stageChanges, db.activities, db.summaries, db.settings, db.engineState, db.factsDirty, db.importJobs, db.importChunks];
  return db.transaction('rw', tables, async () => {
    if (!(await db.importJobs.get(jobId))) return null;
    const settings = await loadSettings(db, env.locale);
    const report: ImportReport = { created: 0, merged: 0, deals: 0, activities: 0 };
    // Companies are few: all of them in memory, by domain and by name, for the whole import.
    const byDomain = new Map<string, Company>();
    const byName = new Map<string, Company>();
    for (const c of await db.companies.toArray()) {
      if (c.deletedAt !== null) continue;
      if (c.domain) byDomain.set(c.domain, c);
      else byName.set(c.name.toLowerCase(), c);
    }
    /** Contacts written by this import, by row index (later rows of the same person merge into them). */
    const byRow = new Map<number, Contact>();
    const byEmail = new Map<string, Contact>();
    const byUrl = new Map<string, Contact>();
    /** The stored contacts read so far and the ones this import wrote, by id, as they stand now. */
    const known = new Map<string, Contact>();
    /** Merged contacts this import gave new activities: only their summaries change. */
    const refresh = new Set<string>();
    /** Contacts this import created, and the activities it gave them. */
    const created = new Map<string, Contact>();
    const createdActivities: Activity[] = [];

    const companyFor = (op: ImportOp, contactEmails: string[]): { company: Company | null; isNew: boolean } => {
      const domain = op.contact.companyDomain ?? contactEmails.map(emailDomain).find((d) => !isFreeMailDomain(d)) ?? null;
      if (domain) {
        const known = byDomain.get(domain);
        if (known) return { company: known, isNew: false };
        const c = newCompany(op.contact.company?.trim() || companyNameFromDomain(domain), domain, now);
        byDomain.set(domain, c);
        return { company: c, isNew: true };
      }
      const name = op.contact.company?.trim();
      if (!name) return { company: null, isNew: false };
      const known = byName.get(name.toLowerCase());
      if (known) return { company: known, isNew: false };
      const c = newCompany(name, null, now);
      byName.set(name.toLowerCase(), c);
      return { company: c, isNew: true };
    };

    // The contacts the file's people may merge into, by address and profile URL, read once for the whole file.
    const wantedEmails = new Set<string>();
    const wantedUrls = new Set<string>();
    let rowCount = 0;
    for await (const rows of jobChunks(db, jobId)) {
      rowCount += rows.length;
      for (const op of rows as ImportOp[]) {
        for (const e of op.contact.emails) wantedEmails.add(e);
        if (op.contact.linkedinUrl) wantedUrls.add(op.contact.linkedinUrl);
      }
    }
    // A file at least as large as the database: the nudge engine rebuilds every contact's facts once, rather
    // than following a change marker per person (50,000 marker rows written, then read and cleared one by one).
    await markAllDirtyIf(db, rowCount);
    for (const c of await contactsWithAny(db, [...wantedEmails], [...wantedUrls])) {
      if (c.deletedAt !== null) continue;
      known.set(c.id, c);
      for (const e of c.emails) if (!byEmail.has(e)) byEmail.set(e, c);
      if (c.linkedinUrl && !byUrl.has(c.linkedinUrl)) byUrl.set(c.linkedinUrl, c);
    }
    for await (const rows of jobChunks(db, jobId)) {
      const ops = rows as ImportOp[];
      // The stored contacts these rows may merge into (earlier batches' written ones included). The preview's
      // matches were read above with the file's addresses; only one the database gained since is read here.
      const stored = new Map<string, Contact>();
      const unread = ops.flatMap((o) => (o.existingId && !known.has(o.existingId) ? [o.existingId] : []));
      for (const c of unread.length > 0 ? await db.contacts.bulkGet(unread) : []) {
        if (!c || c.deletedAt !== null) continue;
        known.set(c.id, c);
        for (const e of c.emails) if (!byEmail.has(e)) byEmail.set(e, c);
        if (c.linkedinUrl && !byUrl.has(c.linkedinUrl)) byUrl.set(c.linkedinUrl, c);
      }
      // Their deals are read only for rows that bring a deal (not to add one twice) or activities (they go to
      // the open deal): a contacts export merging 5,000 people read 5,000 people's deals for nothing.
      const needDeals = new Set<string>();
      for (const op of ops) {
        const existing = op.existingId ? known.get(op.existingId) : undefined;
        const candidates = [existing, ...op.contact.emails.map((e) => byEmail.get(e)), op.contact.linkedinUrl ? byUrl.get(op.contact.linkedinUrl) : undefined];
        for (const c of candidates) {
          if (!c) continue;
          stored.set(c.id, stored.get(c.id) ?? c);
          if (op.deal || op.activities.length > 0) needDeals.add(c.id);
        }
      }
      const dealsOf = new Map<string, Deal[]>();
      const storedDeals = needDeals.size > 0 ? await whereAnyOf(db.deals, 'contactId', [...needDeals]) : [];
      for (const d of storedDeals) dealsOf.set(d.contactId, [...(dealsOf.get(d.contactId) ?? []), d]);

      const contacts = new Map<string, Contact>();
      const companies: Company[] = [];
      const deals: Deal[] = [];
      const changes: StageChange[] = [];
      const activities: Activity[] = [];
      const sources = new Set<string>();
      for (const op of ops) {
        const match =
          (op.sameAs !== null ? byRow.get(op.sameAs) : undefined) ??
          (op.existingId ? stored.get(op.existingId) : undefined) ??
          op.contact.emails.map((e) => byEmail.get(e)).find(Boolean) ??
          (op.contact.linkedinUrl ? byUrl.get(op.contact.linkedinUrl) : undefined);
        let contact: Contact;
        if (match) {
          const current = contacts.get(match.id) ?? match;
          const emailsAll = [...new Set([...current.emails, ...op.contact.emails])].slice(0, 50);
          let companyId = current.companyId;
          if (!companyId) {
            const { company, isNew } = companyFor(op, emailsAll);
            if (company && isNew) companies.push(company);
            companyId = company?.id ?? null;
          }
          // What the rep entered stays; the import only fills gaps.
          contact = {
            ...current,
            emails: emailsAll,
            title: current.title ?? op.contact.title,
            headline: current.headline ?? op.contact.headline,
            location: current.location ?? op.contact.location,
            linkedinUrl: current.linkedinUrl ?? op.contact.linkedinUrl,
            companyId,
            updatedAt: Math.max(now, current.updatedAt),
          };
          report.merged++;
        } else {
          const { company, isNew } = companyFor(op, op.contact.emails);
          if (company && isNew) companies.push(company);
          const createdAt = Math.min(op.contact.createdAt ?? now, now);
          contact = {
            ...baseRecord(now),
            createdAt,
            name: op.contact.name.slice(0, 300),
            emails: op.contact.emails,
            title: op.contact.title,
            headline: op.contact.headline,
            location: op.contact.location,
            companyId: company?.id ?? null,
            linkedinUrl: op.contact.linkedinUrl,
            photoUrl: null,
          };
          report.created++;
          created.set(contact.id, contact);
        }
        contacts.set(contact.id, contact);
        byRow.set(op.index, contact);
        for (const e of contact.emails) byEmail.set(e, contact);
        if (contact.linkedinUrl) byUrl.set(contact.linkedinUrl, contact);
        known.set(contact.id, contact);

        const own = dealsOf.get(contact.id) ?? [];
        if (op.deal && !own.some((d) => d.deletedAt === null && d.title.toLowerCase() === op.deal!.title.toLowerCase())) {
          const d = op.deal;
          const createdAt = Math.min(d.createdAt ?? contact.createdAt, now);
          const closedAt = d.status === 'open' ? null : Math.max(createdAt, Math.min(d.closedAt ?? now, now));
          const deal: Deal = {
            ...baseRecord(now),
            createdAt,
            contactId: contact.id,
            companyId: contact.companyId,
            title: d.title,
            stageId: d.stageId,
            stageEnteredAt: createdAt,
            status: d.status,
            valueMinor: d.valueMinor,
            currency: d.currency,
            owner: d.owner ?? settings.myAddresses[0] ?? null,
            expectedCloseAt: d.expectedCloseAt,
            closedAt,
            lostReason: d.lostReason,
            bant: null,
            // The lead came from the rep's old tool: "Import" is the source the dashboard shows.
            leadSource: 'import',
          };
          deals.push(deal);
          own.push(deal);
          dealsOf.set(contact.id, own);
          // The history as far as the source tells it: created in its stage, then closed.
          changes.push({ id: newId(createdAt), dealId: deal.id, fromStageId: null, toStageId: d.stageId, status: 'open', at: createdAt, reason: null, createdAt: now });
          if (closedAt !== null) changes.push({ id: newId(closedAt), dealId: deal.id, fromStageId: d.stageId, toStageId: d.stageId, status: d.status, at: closedAt, reason: d.lostReason, createdAt: now });
        }
        const openDeal = own.find((d) => d.status === 'open' && d.deletedAt === null) ?? null;
        for (const a of op.activities) {
          const sourceId = activitySource(a.kind, a.at, a.text);
          const key = `${contact.id}|${sourceId}`;
          if (sources.has(key)) continue;
          sources.add(key);
          activities.push({ ...newActivity(a.kind, { contactId: contact.id, dealId: openDeal?.id ?? null, at: a.at, text: a.text, sourceId }, now) });
        }
      }
      // An activity this import (or an earlier import of the same file) already logged is not logged twice.
      const logged = await whereAnyOf(db.activities, 'sourceId', [...new Set(activities.map((a) => a.sourceId!))]);
      const had = new Set(logged.map((a) => `${a.contactId}|${a.sourceId}`));
      const freshActivities = activities.filter((a) => !had.has(`${a.contactId}|${a.sourceId}`));
      await db.companies.bulkAdd(companies);
      await db.contacts.bulkPut([...contacts.values()]);
      await db.deals.bulkAdd(deals);
      await db.stageChanges.bulkAdd(changes);
      await db.activities.bulkAdd(freshActivities);
      for (const a of freshActivities) {
        if (created.has(a.contactId)) createdActivities.push(a);
        else refresh.add(a.contactId);
      }
      report.deals += deals.length;
      report.activities += freshActivities.length;
    }
    // New contacts' activities are all in hand: their summaries are built from them. Merged ones given activities
    // read theirs back; a merge that only filled fields leaves the summary as it was (it depends on the
    // contact's id, creation date and activities, none of which a merge changes).
    const halfLife = settings.scoring.engagement.halfLifeDays;
    await db.summaries.bulkPut(summariesOf(created.values(), createdActivities, halfLife, now));
    const ids = [...refresh];
    for (let i = 0; i < ids.length; i += 1000) await refreshSummaries(db, ids.slice(i, i + 1000), halfLife, now);
    // New history: the stage medians are built again from it on the next pass.
    await forgetStageStays(db);
    await finishJob(db, jobId);
    return report;
  });
}
