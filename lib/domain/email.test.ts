import { companyNameFromDomain, emailDomain, isFreeMailDomain, nameFromEmail, normalizeEmail } from './email';

describe('email helpers', () => {
  it('normalises and validates', () => {
    expect(normalizeEmail('  Dana@BigCorp.IO ')).toBe('dana@bigcorp.io');
    expect(normalizeEmail('<img src=x>')).toBeNull();
    expect(normalizeEmail('')).toBeNull();
  });

  it('knows free-mail domains', () => {
    expect(isFreeMailDomain('Gmail.com')).toBe(true);
    expect(isFreeMailDomain('yahoo.co.id')).toBe(true);
    expect(isFreeMailDomain('bigcorp.io')).toBe(false);
  });

  it('derives a company name from the registrable part of the domain', () => {
    expect(companyNameFromDomain('bigcorp.io')).toBe('Bigcorp');
    expect(companyNameFromDomain('mail.tokomaju.co.id')).toBe('Tokomaju');
    expect(companyNameFromDomain('acme-sales.com')).toBe('Acme Sales');
    expect(companyNameFromDomain('shop.acme.com.au')).toBe('Acme');
    expect(emailDomain('a@Sub.Example.com')).toBe('sub.example.com');
  });

  it('derives a name from the address', () => {
    expect(nameFromEmail('dana.prospect@x.io')).toBe('Dana Prospect');
    expect(nameFromEmail('budi_santoso+crm@x.io')).toBe('Budi Santoso Crm');
  });
});
