import { detectLeadSource } from './lead-source';

const me = new Set(['rep@acme.io']);

describe('detectLeadSource', () => {
  it('is cold email when the rep wrote first, inbound when they did', () => {
    expect(detectLeadSource({ messages: [{ from: 'rep@acme.io', date: 1 }, { from: 'dana@bigcorp.io', date: 2 }], myAddresses: me, linkedin: false })).toBe('cold_email');
    expect(detectLeadSource({ messages: [{ from: 'dana@bigcorp.io', date: 1 }, { from: 'rep@acme.io', date: 2 }], myAddresses: me, linkedin: false })).toBe('inbound');
  });

  it('goes by date where dates are readable, else page order', () => {
    expect(detectLeadSource({ messages: [{ from: 'dana@bigcorp.io', date: 5 }, { from: 'REP@acme.io', date: 3 }], myAddresses: me, linkedin: false })).toBe('cold_email');
    expect(detectLeadSource({ messages: [{ from: 'dana@bigcorp.io', date: null }, { from: 'rep@acme.io', date: null }], myAddresses: me, linkedin: false })).toBe('inbound');
  });

  it('is LinkedIn for a profile capture, unknown otherwise', () => {
    expect(detectLeadSource({ myAddresses: me, linkedin: true })).toBe('linkedin');
    expect(detectLeadSource({ messages: [], myAddresses: me, linkedin: false })).toBeNull();
  });
});
