import { naturalKeys, parseFields, referencesTo } from './sync-tables';
import { decodeCursor, encodeCursor } from './sync-wire';

describe('sync tables', () => {
  it('gives contacts their lower-cased addresses and LinkedIn URL as natural keys, and none once deleted', () => {
    expect(naturalKeys('contacts', { emails: ['Dana@Acme.com'], linkedinUrl: 'https://www.linkedin.com/in/Dana/', deletedAt: null })).toEqual([
      'e:dana@acme.com',
      'l:https://www.linkedin.com/in/dana',
    ]);
    expect(naturalKeys('contacts', { emails: ['dana@acme.com'], deletedAt: 5 })).toEqual([]);
    expect(naturalKeys('activities', { sourceId: 'msg-f:1', contactId: 'C1', deletedAt: null })).toEqual(['s:msg-f:1|C1']);
    expect(naturalKeys('activities', { sourceId: null, contactId: 'C1', deletedAt: null })).toEqual([]);
    // One company per domain, tombstone or not (the extension's unique index).
    expect(naturalKeys('companies', { domain: 'acme.com', deletedAt: 5 })).toEqual(['d:acme.com']);
  });

  it('checks fields with the records\' own schemas', () => {
    expect(parseFields('deals', { title: 'x', valueMinor: 5 }, false)).toEqual({ ok: true, data: { title: 'x', valueMinor: 5 } });
    expect(parseFields('deals', { valueMinor: -1 }, false).ok).toBe(false);
    expect(parseFields('deals', { id: 'x' }, false).ok).toBe(false);
    expect(parseFields('deals', { __proto__: 1, constructor: 2 } as never, false).ok).toBe(false);
    expect(parseFields('deals', { title: 'x' }, true).ok).toBe(false);
    // Defaults fill fields added to a record after a device was built.
    const company = parseFields('companies', { name: 'Acme', domain: null, createdAt: 1, updatedAt: 1, deletedAt: null }, true);
    expect(company).toEqual({ ok: true, data: expect.objectContaining({ industry: null, employees: null }) });
  });

  it('knows what names a contact', () => {
    expect(referencesTo('contacts')).toEqual([
      { table: 'deals', field: 'contactId' },
      { table: 'activities', field: 'contactId' },
      { table: 'suggestions', field: 'contactId' },
    ]);
  });

  it('round-trips cursors and refuses garbage', () => {
    for (const c of [{ version: 0, after: null }, { version: 12, after: null }, { version: 5, after: { table: 'deals', id: 'a~b' } }]) expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor('')).toEqual({ version: 0, after: null });
    expect(decodeCursor('x~y')).toBeNull();
    expect(decodeCursor('-1~a~b')).toBeNull();
  });
});
