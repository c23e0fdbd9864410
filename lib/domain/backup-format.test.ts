import { BACKUP_FORMAT, BACKUP_TABLES, BACKUP_VERSION, backupWriter, readBackup, type BackupSettingRow, type BackupTable } from './backup-format';

const header = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: 1_700_000_000_000, app: '0.1.0' } as const;
const company = { id: 'CO1', name: 'PT Maju Jaya', domain: 'majujaya.co.id', industry: null, employees: null, createdAt: 1, updatedAt: 2, deletedAt: null };
const contact = { id: 'C1', name: 'Budi', emails: ['budi@majujaya.co.id'], title: null, headline: null, location: null, companyId: 'CO1', linkedinUrl: null, photoUrl: null, createdAt: 1, updatedAt: 2, deletedAt: null };

function write(tables: Partial<Record<BackupTable, unknown[]>>, settings: { key: string; value: unknown; updatedAt: number }[] = []): string {
  // Unchecked rows on purpose: the reader is what checks them.
  let out = backupWriter.open(header, settings as BackupSettingRow[]);
  const counts: Record<string, number> = {};
  BACKUP_TABLES.forEach((t, i) => {
    out += backupWriter.tableStart(t, i === 0);
    (tables[t] ?? []).forEach((r, j) => (out += backupWriter.record(r, j === 0)));
    counts[t] = (tables[t] ?? []).length;
  });
  return out + backupWriter.close(true, counts);
}

describe('backup format', () => {
  it('the streamed pieces make one JSON document that reads back', () => {
    const text = write({ companies: [company], contacts: [contact] }, [{ key: 'app', value: { language: 'id' }, updatedAt: 5 }]);
    // A record per line: a reader can stream it too.
    expect(text.split('\n')).toContain(JSON.stringify(contact));
    const r = readBackup(JSON.parse(text));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.backup.tables.companies).toEqual([company]);
    expect(r.backup.tables.contacts).toEqual([contact]);
    expect(r.backup.tables.activities).toEqual([]);
    expect(r.backup.settings).toEqual([{ key: 'app', value: { language: 'id' }, updatedAt: 5 }]);
    expect(r.backup.counts).toMatchObject({ companies: 1, contacts: 1, deals: 0 });
  });

  it('refuses a newer version and what is not a backup', () => {
    const doc = JSON.parse(write({}));
    expect(readBackup({ ...doc, version: BACKUP_VERSION + 1 })).toEqual({ ok: false, error: { code: 'newer', version: BACKUP_VERSION + 1, supported: BACKUP_VERSION } });
    expect(readBackup({ format: 'something-else', version: 1 })).toEqual({ ok: false, error: { code: 'not_backup' } });
    expect(readBackup([1, 2])).toEqual({ ok: false, error: { code: 'not_backup' } });
    expect(readBackup({ ...doc, counts: undefined })).toEqual({ ok: false, error: { code: 'not_backup' } });
  });

  it('reads records written before later fields existed (a company without industry)', () => {
    const { industry: _i, employees: _e, ...old } = company;
    const r = readBackup(JSON.parse(write({ companies: [old] })));
    expect(r.ok && r.backup.tables.companies[0]).toEqual(company);
  });

  it('a hand-edited backup: addresses and domains in capitals are read lower-cased, a repeated address once', () => {
    const r = readBackup(JSON.parse(write({ companies: [{ ...company, domain: 'MajuJaya.co.id' }], contacts: [{ ...contact, emails: ['Budi@MajuJaya.co.id', 'budi@majujaya.co.id'] }] })));
    expect(r.ok && [r.backup.tables.companies[0]!.domain, r.backup.tables.contacts[0]!.emails]).toEqual(['majujaya.co.id', ['budi@majujaya.co.id']]);
  });

  it('names the first bad record, and a file cut short', () => {
    const bad = readBackup(JSON.parse(write({ contacts: [{ ...contact, emails: ['not an address'] }] })));
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid', table: 'contacts', index: 0 } });
    const doc = JSON.parse(write({ contacts: [contact] }));
    doc.tables.contacts = [];
    expect(readBackup(doc)).toEqual({ ok: false, error: { code: 'count_mismatch', table: 'contacts', expected: 1, found: 0 } });
  });

  it('refuses settings of the wrong shape instead of quietly putting defaults (or junk) in their place', () => {
    // A restore used to take these: the rep's stages came back as the defaults, and the junk mappings were stored as they were.
    const cases: [string, unknown][] = [
      ['app', { stages: 'x'.repeat(10_000) }],
      ['app', { currency: 12 }],
      ['app', 'not settings'],
      ['importMappings', 'y'.repeat(10_000)],
      ['importMappings', { 'Name,Email': { mapping: ['no such field'], at: 1 } }],
    ];
    for (const [key, value] of cases) {
      expect(readBackup(JSON.parse(write({}, [{ key, value, updatedAt: 5 }]))), `${key}: ${JSON.stringify(value).slice(0, 40)}`).toMatchObject({
        ok: false,
        error: { code: 'invalid', table: 'settings', index: 0 },
      });
    }
    // Settings of an older version, fields missing, still read (migrateSettings fills them in on restore).
    const mappings = { 'Name,Email': { mapping: ['fullName', 'email'], at: 1 } };
    const ok = readBackup(JSON.parse(write({}, [{ key: 'app', value: { version: 0, currency: 'IDR' }, updatedAt: 5 }, { key: 'importMappings', value: mappings, updatedAt: 5 }])));
    expect(ok.ok && ok.backup.settings.map((s) => s.value)).toEqual([{ currency: 'IDR' }, mappings]);
  });
});
