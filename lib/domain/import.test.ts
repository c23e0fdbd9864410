import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeCsvBytes, readCsv, type CsvTable } from './csv-read';
import { importOps, ImportOpSchema, planImport, stageValues } from './import-plan';
import { recognise } from './import-presets';
import { readRows, type ImportRecord } from './import-rows';
import { suggestStageMap } from './import-stages';
import { DEFAULT_STAGES } from './stages';

const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../test/fixtures/import/${name}`, import.meta.url))));
const NAMES = { contact: 'Contact', qualification: 'Qualification', meeting: 'Meeting', proposal: 'Proposal', closing: 'Closing', retention: 'Retention' };
const NOW = Date.UTC(2025, 0, 15);
const none = { byEmail: new Map<string, string>(), byLinkedIn: new Map<string, string>() };

async function load(name: string): Promise<{ table: CsvTable; preset: string; records: ImportRecord[] }> {
  const decoded = decodeCsvBytes(fixture(name));
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.error));
  const read = await readCsv(decoded.text, { pause: async () => {} });
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  const r = recognise(read.table.header);
  return { table: read.table, preset: r.preset, records: readRows(read.table, r.mapping, { dateOrder: r.dateOrder ?? 'mdy', currency: 'USD', now: NOW }) };
}

describe('presets, from the documented export formats', () => {
  it('LinkedIn Connections.csv: preamble skipped, quoted commas, newlines, diacritics', async () => {
    const { preset, records, table } = await load('linkedin-connections.csv');
    expect(preset).toBe('linkedin-connections');
    expect(records).toHaveLength(4);
    const [budi, siti, zoe, dana] = records;
    expect(budi!.contact).toMatchObject({ name: 'Budi Santoso', emails: [], company: 'PT Maju Jaya', title: 'Head of Procurement', linkedinUrl: 'https://www.linkedin.com/in/budi-santoso-7a1b2c/', createdAt: new Date(2024, 2, 7).getTime() });
    expect(budi!.issues.map((i) => i.code)).toEqual(['missing_email']);
    expect(siti!.contact.company).toBe('Nusantara Logistik, Tbk');
    expect(zoe!.contact).toMatchObject({ name: 'Zoë Müller-Łukasiewicz', company: 'Café "Zur Post" GmbH', title: 'Leiterin Einkauf\r\nRegion Süd' });
    expect(dana!.contact.emails).toEqual(['dana@prospect.io']);
    // The row after the multi-line cell starts on the right line (after the preamble, header and the 2-line row).
    expect(table.lines).toEqual([5, 6, 7, 9]);
  });

  it('HubSpot contacts: BOM, lower-cased email, bad address kept as a warning, duplicate in the file', async () => {
    const { preset, records } = await load('hubspot-contacts.csv');
    expect(preset).toBe('hubspot-contacts');
    expect(records[0]!.contact).toMatchObject({ name: 'Dana Prospect', emails: ['dana@prospect.io'], title: 'VP Sales', company: 'Prospect IO', createdAt: new Date(2024, 2, 15, 10, 22).getTime() });
    expect(records[2]!.contact.name).toBe("Renée O'Connor, Jr.");
    expect(records[3]!.issues.map((i) => i.code)).toEqual(['bad_email', 'missing_email']);
    const plan = planImport(records, { byEmail: new Map([['budi.santoso@majujaya.co.id', 'C-BUDI']]), byLinkedIn: new Map() }, { duplicates: 'merge' });
    expect(plan.rows.map((r) => r.action)).toEqual(['create', 'merge', 'create', 'create', 'merge']);
    expect(plan.rows[1]!.existingId).toBe('C-BUDI');
    expect(plan.rows[4]!.sameAs).toBe(0);
    expect(plan.rows[4]!.issues.map((i) => i.code)).toContain('duplicate_in_file');
    const skip = planImport(records, none, { duplicates: 'merge', rows: new Map([[4, 'skip']]) });
    expect(skip.totals).toEqual({ create: 4, merge: 0, skip: 1, error: 0 });
  });

  it('HubSpot deals: internal stage values mapped, closed deals keep close date and amount', async () => {
    const { preset, records } = await load('hubspot-deals.csv');
    expect(preset).toBe('hubspot-deals');
    const map = suggestStageMap(stageValues(records), DEFAULT_STAGES, NAMES);
    expect(Object.fromEntries(map)).toEqual({ appointmentscheduled: 'meeting', closedwon: 'won', closedlost: 'lost', 'Qualified To Buy': 'qualification' });
    const plan = planImport(records, none, { duplicates: 'merge' });
    const ops = importOps(records, plan.rows, map, DEFAULT_STAGES, 'USD');
    expect(ops[0]!.contact).toMatchObject({ name: 'Budi Santoso', emails: ['budi.santoso@majujaya.co.id'] });
    expect(ops[0]!.deal).toMatchObject({ stageId: 'meeting', status: 'open', valueMinor: 123450, currency: 'USD', closedAt: null, expectedCloseAt: new Date(2024, 8, 30).getTime(), createdAt: new Date(2024, 2, 20, 9).getTime() });
    expect(ops[1]!.deal).toMatchObject({ stageId: 'closing', status: 'won', valueMinor: 1200000, closedAt: new Date(2024, 4, 1).getTime(), expectedCloseAt: null });
    expect(ops[2]!.deal).toMatchObject({ status: 'lost', valueMinor: 1500000, currency: 'IDR', closedAt: new Date(2024, 3, 15).getTime() });
    expect(ops[3]!.deal).toMatchObject({ stageId: 'qualification', valueMinor: 123450, currency: 'EUR' });
  });

  it('Pipedrive deals: status and won/lost times, lost reason, currency column', async () => {
    const { preset, records } = await load('pipedrive-deals.csv');
    expect(preset).toBe('pipedrive');
    const map = suggestStageMap(stageValues(records), DEFAULT_STAGES, NAMES);
    expect(Object.fromEntries(map)).toEqual({ 'Proposal Made': 'proposal', 'Negotiations Started': 'closing', 'Demo Scheduled': 'meeting' });
    const ops = importOps(records, planImport(records, none, { duplicates: 'merge' }).rows, map, DEFAULT_STAGES, 'USD');
    expect(ops[0]!.deal).toMatchObject({ status: 'open', valueMinor: 15000000, currency: 'IDR', expectedCloseAt: new Date(2024, 11, 31).getTime() });
    expect(ops[1]!.deal).toMatchObject({ status: 'won', stageId: 'closing', valueMinor: 250000, closedAt: new Date(2024, 0, 20, 16, 45).getTime() });
    expect(ops[2]!.deal).toMatchObject({ status: 'lost', stageId: 'meeting', lostReason: 'Chose a competitor', closedAt: new Date(2024, 2, 1, 12).getTime() });
    expect(ops[2]!.contact).toMatchObject({ name: 'Hank Scorpio', emails: ['hank@globex.example'], company: 'Globex' });
  });

  it('Streak boxes: notes become notes, every date ambiguous is shown as such', async () => {
    const { preset, records } = await load('streak-boxes.csv');
    expect(preset).toBe('streak');
    expect(records[0]!.issues.map((i) => i.code)).toContain('ambiguous_date');
    expect(records[0]!.activities).toEqual([{ kind: 'note', at: new Date(2024, 2, 4).getTime(), text: 'Met at the Jakarta expo; wants a demo in March' }]);
    expect(records[0]!.contact).toMatchObject({ emails: ['owner@warungkopi.id'], company: 'Warung Kopi Nusantara' });
    const map = suggestStageMap(stageValues(records), DEFAULT_STAGES, NAMES);
    expect(Object.fromEntries(map)).toEqual({ Lead: 'contact', Demo: 'meeting', 'Closed Won': 'won' });
  });

  it('HubSpot contacts and LinkedIn connections are told by their own columns when the id or URL column is left out', () => {
    expect(recognise(['First Name', 'Last Name', 'Email', 'Phone Number', 'Company Name', 'Lifecycle Stage', 'Contact owner']).preset).toBe('hubspot-contacts');
    expect(recognise(['First Name', 'Last Name', 'Email Address', 'Company', 'Position', 'Connected On']).preset).toBe('linkedin-connections');
    // A plain list with the same everyday names is still anyone's.
    expect(recognise(['First Name', 'Last Name', 'Email', 'Company Name']).preset).toBe('custom');
  });

  it('a date before 1970 is a warning on its row, not a row the background refuses (and the whole import with it)', async () => {
    const read = await readCsv('Name,Email,Created,Deal,Amount,Close Date\r\nOld,old@x.io,03/15/1965,Legacy,100,1 Jan 1969\r\nExcel,excel@x.io,2019,,,\r\n', { pause: async () => {} });
    if (!read.ok) throw new Error('parse');
    const records = readRows(read.table, recognise(read.table.header).mapping, { dateOrder: 'mdy', currency: 'USD', now: NOW });
    expect(records.map((r) => r.issues.map((i) => i.code))).toEqual([['bad_date', 'bad_date'], ['bad_date']]);
    const plan = planImport(records, none, { duplicates: 'merge' });
    for (const op of importOps(records, plan.rows, new Map(), DEFAULT_STAGES, 'USD')) expect(ImportOpSchema.safeParse(op).success).toBe(true);
  });

  it('a currency column with names: the ISO code in it, else the rep\'s currency with a warning', async () => {
    const read = await readCsv('Name,Email,Deal,Amount,Currency\r\nA,a@x.io,One,100,New Zealand Dollar (NZD)\r\nB,b@x.io,Two,100,Bitcoin\r\nC,c@x.io,Three,100,\r\n', { pause: async () => {} });
    if (!read.ok) throw new Error('parse');
    const records = readRows(read.table, recognise(read.table.header).mapping, { dateOrder: 'mdy', currency: 'USD', now: NOW });
    expect(records.map((r) => r.deal!.currency)).toEqual(['NZD', null, null]);
    expect(records.map((r) => r.issues.map((i) => i.code))).toEqual([[], ['bad_currency'], []]);
    expect(records[1]!.issues[0]).toMatchObject({ field: 'currency', value: 'Bitcoin' });
  });

  it('HubSpot deals with several associated contacts: the first is the deal\'s person, name and address', async () => {
    const header = '"Record ID","Deal Name","Deal Stage","Amount","Associated Contact"';
    const read = await readCsv(
      `${header}\r\n"1","ERP","appointmentscheduled","100","Budi Santoso (budi@majujaya.co.id);Siti Rahayu (siti@majujaya.co.id)"\r\n` +
        `"2","Fleet","appointmentscheduled","100","Dana Prospect (dana@prospect.io); Sam Lee (sam@prospect.io)"\r\n` +
        `"3","Pilot","appointmentscheduled","100","agus@toko.co.id;jane@acme.example"\r\n` +
        `"4","Other","appointmentscheduled","100","Zoë Müller"\r\n`,
      { pause: async () => {} },
    );
    if (!read.ok) throw new Error('parse');
    const r = recognise(read.table.header);
    expect(r.preset).toBe('hubspot-deals');
    const records = readRows(read.table, r.mapping, { dateOrder: 'mdy', currency: 'USD', now: NOW });
    expect(records.map((x) => [x.contact.name, x.contact.emails])).toEqual([
      ['Budi Santoso', ['budi@majujaya.co.id']],
      ['Dana Prospect', ['dana@prospect.io']],
      ['Agus', ['agus@toko.co.id']],
      ['Zoë Müller', []],
    ]);
  });

  it('HubSpot stages with their pipeline after them are mapped as the stage alone', () => {
    const values = ['Appointment Scheduled (Sales Pipeline)', 'Closed Lost (Sales Pipeline)', 'Contract Sent (Partner Pipeline)', 'Proposal (v2)', 'Something (else)'];
    expect(Object.fromEntries(suggestStageMap(values, DEFAULT_STAGES, NAMES))).toEqual({
      'Appointment Scheduled (Sales Pipeline)': 'meeting',
      'Closed Lost (Sales Pipeline)': 'lost',
      'Contract Sent (Partner Pipeline)': 'closing',
      'Proposal (v2)': 'proposal',
      'Something (else)': 'contact',
    });
    // The rep's own stage named with brackets is still matched whole.
    const own = [...DEFAULT_STAGES, { ...DEFAULT_STAGES[0]!, id: 'demo-online', name: 'Demo (online)' }];
    expect(suggestStageMap(['Demo (online)'], own, { ...NAMES, 'demo-online': 'Demo (online)' }).get('Demo (online)')).toBe('demo-online');
  });

  it('anything else: a mapping suggested from the column names, in English or Indonesian', () => {
    expect(recognise(['Nama', 'Alamat Email', 'Perusahaan', 'Jabatan', 'Kolom X']).mapping).toEqual(['fullName', 'email', 'company', 'title', null]);
    expect(recognise(['Nama', 'Kolom X'], ['fullName', 'note']).mapping).toEqual(['fullName', 'note']);
  });

  it('rows with nothing to identify a person are errors; the rest still import', async () => {
    const read = await readCsv('Name,Email,Company\r\n,,Acme\r\nDana,dana@x.io,\r\n', { pause: async () => {} });
    if (!read.ok) throw new Error('parse');
    const records = readRows(read.table, recognise(read.table.header).mapping, { dateOrder: 'mdy', currency: 'USD', now: NOW });
    expect(planImport(records, none, { duplicates: 'merge' }).rows.map((r) => r.action)).toEqual(['error', 'create']);
  });
});

describe('hostile files', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  it('refuses what is not UTF-8 text', () => {
    expect(decodeCsvBytes(new Uint8Array([0x4e, 0x61, 0x6d, 0x65, 0x0a, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]))).toEqual({ ok: false, error: { code: 'encoding', detail: 'not UTF-8' } });
    expect(decodeCsvBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toEqual({ ok: false, error: { code: 'binary', kind: 'zip (xlsx, docx)' } });
    expect(decodeCsvBytes(new Uint8Array([0x41, 0x00, 0x42, 0x00]))).toMatchObject({ ok: false, error: { code: 'binary' } });
    expect(decodeCsvBytes(new Uint8Array())).toEqual({ ok: false, error: { code: 'empty' } });
    // UTF-16 with its byte-order mark is text.
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'Name\r\nDana'].flatMap((c) => [c.charCodeAt(0), 0])]);
    expect(decodeCsvBytes(utf16)).toEqual({ ok: true, text: 'Name\r\nDana' });
    expect(decodeCsvBytes(text('\uFEFFName\r\nZoë'))).toEqual({ ok: true, text: 'Name\r\nZoë' });
  });

  it('reads UTF-16 without its byte-order mark (as Node and some exporters write it), and still refuses binaries', () => {
    const le = (s: string) => new Uint8Array([...s].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]));
    const be = (s: string) => new Uint8Array([...s].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]));
    const csv = 'Name\tEmail\r\nZoë Müller\tzoe@x.example\r\n';
    expect(decodeCsvBytes(le(csv))).toEqual({ ok: true, text: csv });
    expect(decodeCsvBytes(be(csv))).toEqual({ ok: true, text: csv });
    expect(decodeCsvBytes(new Uint8Array([0x41, 0x00, 0x42, 0x00, 0x00, 0x00, 0x07, 0x00]))).toMatchObject({ ok: false, error: { code: 'binary' } });
  });

  it('refuses broken quoting, a header without rows, and too many rows', async () => {
    expect(await readCsv('Name,Email\r\n"Dana,dana@x.io\r\nBudi,b@x.io\r\n', { pause: async () => {} })).toMatchObject({ ok: false, error: { code: 'broken_quotes' } });
    expect(await readCsv('Name,Email\r\n', { pause: async () => {} })).toEqual({ ok: false, error: { code: 'header_only' } });
    const many = 'Name\n' + 'x\n'.repeat(2000);
    expect(await readCsv(many, { maxRows: 1000, pause: async () => {}, chunkSize: 1000 })).toEqual({ ok: false, error: { code: 'too_many_rows', limit: 1000 } });
  });

  it("skips LinkedIn's preamble however its note is written: a blank line inside it, or none after it", async () => {
    const header = 'First Name,Last Name,URL,Email Address,Company,Position,Connected On';
    const row = 'Dana,Prospect,https://www.linkedin.com/in/dana-prospect,,Prospect IO,VP Sales,12 Nov 2024';
    for (const text of [
      `Notes:\r\n"When exporting your connection data,\r\n\r\nsome of the email addresses are missing."\r\n\r\n${header}\r\n${row}\r\n`,
      `Notes:\n"When exporting your connection data, some of the email addresses are missing."\n${header}\n${row}\n`,
      `\uFEFFNotes:\n"When exporting your connection data, some of the email addresses are missing."\n\n\n${header}\n${row}\n`,
    ]) {
      const r = await readCsv(text, { pause: async () => {} });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      expect(r.table.header, text).toEqual(header.split(','));
      expect(recognise(r.table.header).preset).toBe('linkedin-connections');
      expect(r.table.rows).toHaveLength(1);
      expect(r.table.lines[0]).toBe(text.split(/\r?\n/).indexOf(row) + 1);
    }
  });

  it('reads semicolon files (European Excel) and reports ragged rows', async () => {
    const r = await readCsv('Name;Email\r\nDana;dana@x.io;extra\r\nBudi\r\n', { pause: async () => {} });
    if (!r.ok) throw new Error('parse');
    expect(r.table.rows).toEqual([['Dana', 'dana@x.io'], ['Budi', '']]);
    expect([...r.table.ragged]).toEqual([0, 1]);
  });
});
