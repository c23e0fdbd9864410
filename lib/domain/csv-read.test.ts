import { readCsv } from './csv-read';
import { recognise } from './import-presets';
import { readRows } from './import-rows';
import { planImport } from './import-plan';

const read = async (text: string) => {
  const r = await readCsv(text, { pause: async () => {} });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.table;
};

describe('line numbers as the rep’s editor shows them', () => {
  it('counts blank lines between rows, before the header and after a multi-line cell', async () => {
    expect((await read('Name,Email\r\nDana,dana@x.io\r\n\r\nBudi,budi@x.io\r\n')).lines).toEqual([2, 4]);
    expect((await read('\n\nName,Email\nDana,dana@x.io\n')).lines).toEqual([4]);
    // A line of delimiters only (Excel's empty row) is blank too, and still a line.
    expect((await read('Name,Email\n,\nDana,dana@x.io\n \n\nBudi,budi@x.io\n')).lines).toEqual([3, 6]);
    expect((await read('Name,Note\nDana,"two\nlines"\n\nBudi,x\n')).lines).toEqual([2, 5]);
    // Chunk by chunk, the count goes on across chunks.
    const text = 'Name,Email\n' + Array.from({ length: 50 }, (_, i) => `P${i},p${i}@x.io\n\n`).join('');
    const r = await readCsv(text, { pause: async () => {}, chunkSize: 100 });
    if (!r.ok) throw new Error('parse');
    expect(r.table.lines).toEqual(Array.from({ length: 50 }, (_, i) => 2 + 2 * i));
  });

  it('"same person as line N" names the line of the file', async () => {
    const table = await read('Name,Email\nDana,dana@x.io\n\n\nDana P.,dana@x.io\n');
    const records = readRows(table, recognise(table.header).mapping, { dateOrder: 'mdy', currency: 'USD', now: 0 });
    expect(records.map((r) => r.line)).toEqual([2, 5]);
    const plan = planImport(records, { byEmail: new Map(), byLinkedIn: new Map() }, { duplicates: 'merge' });
    expect(plan.rows[1]!.issues).toContainEqual({ level: 'warning', code: 'duplicate_in_file', value: '2' });
  });

  it('a quote never closed is reported at its line', async () => {
    expect(await readCsv('Name,Email\n\nDana,d@x.io\n"Budi,b@x.io\nSiti,s@x.io\n', { pause: async () => {} })).toEqual({ ok: false, error: { code: 'broken_quotes', row: 4 } });
  });
});

describe("Excel's sep= line", () => {
  it('gives the delimiter and is skipped, still counted as a line', async () => {
    const semi = await read('sep=;\r\nName;Email;Notes\r\nDana;dana@x.io;a, b, c, d, e\r\n');
    expect(semi).toMatchObject({ header: ['Name', 'Email', 'Notes'], rows: [['Dana', 'dana@x.io', 'a, b, c, d, e']], lines: [3], delimiter: ';' });
    expect(recognise(semi.header).mapping).toEqual(['fullName', 'email', 'note']);
    // Quoted (as some exporters write it), after a byte-order mark, or a tab.
    expect(await read('\uFEFF"sep=,"\nName,Email\nDana,dana@x.io\n')).toMatchObject({ header: ['Name', 'Email'], lines: [3], delimiter: ',' });
    expect(await read('sep=\t\nName\tEmail\nDana\tdana@x.io\n')).toMatchObject({ header: ['Name', 'Email'], lines: [3], delimiter: '\t' });
    // A LinkedIn export re-saved with it.
    const linkedin = await read('sep=,\nNotes:\n"Some of the email addresses are missing."\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nDana,Prospect,,,,,12 Nov 2024\n');
    expect(recognise(linkedin.header).preset).toBe('linkedin-connections');
    expect(linkedin.lines).toEqual([6]);
  });

  it('a column named "sep=x" in an ordinary header is a column', async () => {
    expect((await read('sep=x,Email\nDana,dana@x.io\n')).header).toEqual(['sep=x', 'Email']);
  });
});
