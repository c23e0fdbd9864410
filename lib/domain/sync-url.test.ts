import { normalizeServerUrl } from './sync-url';

describe('normalizeServerUrl', () => {
  it('takes HTTPS anywhere and plain HTTP on this computer only', () => {
    expect(normalizeServerUrl(' https://sync.acme.com/ ')).toBe('https://sync.acme.com');
    expect(normalizeServerUrl('https://acme.com/sidecar/')).toBe('https://acme.com/sidecar');
    expect(normalizeServerUrl('http://localhost:8787')).toBe('http://localhost:8787');
    expect(normalizeServerUrl('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
    expect(normalizeServerUrl('http://[::1]:8787')).toBe('http://[::1]:8787');
    for (const bad of ['http://sync.acme.com', 'ftp://localhost', 'javascript:alert(1)', 'localhost:8787', '', 'https://user:pw@acme.com', 'https://acme.com/?x=1', 'http://localhost.evil.com'])
      expect([bad, normalizeServerUrl(bad)]).toEqual([bad, null]);
  });
});
