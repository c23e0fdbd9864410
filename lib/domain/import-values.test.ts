import { detectDateOrder, parseAmount, parseImportDate, readCurrency, splitEmails } from './import-values';

const local = (y: number, mo: number, d: number, h = 0, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();

describe('parseImportDate', () => {
  it('reads ISO, with and without time and zone', () => {
    expect(parseImportDate('2024-03-15')).toEqual({ ok: true, at: local(2024, 3, 15) });
    expect(parseImportDate('2024-03-15 10:22')).toEqual({ ok: true, at: local(2024, 3, 15, 10, 22) });
    expect(parseImportDate('2024-03-15T10:22:33.123Z')).toEqual({ ok: true, at: Date.UTC(2024, 2, 15, 10, 22, 33, 123) });
    expect(parseImportDate('2024-03-15T10:22:00+07:00')).toEqual({ ok: true, at: Date.UTC(2024, 2, 15, 3, 22) });
    expect(parseImportDate('2024-02-30').ok).toBe(false);
  });

  it('shows a slashed date that reads both ways instead of guessing silently', () => {
    const r = parseImportDate('03/04/2024', 'mdy');
    expect(r).toEqual({ ok: true, at: local(2024, 3, 4), ambiguous: { mdy: local(2024, 3, 4), dmy: local(2024, 4, 3) } });
    expect(parseImportDate('03/04/2024', 'dmy')).toMatchObject({ at: local(2024, 4, 3) });
    // One reading only: no ambiguity, whatever the order.
    expect(parseImportDate('13/04/2024', 'mdy')).toEqual({ ok: true, at: local(2024, 4, 13) });
    expect(parseImportDate('04/13/2024', 'dmy')).toEqual({ ok: true, at: local(2024, 4, 13) });
    expect(parseImportDate('04/04/2024')).toEqual({ ok: true, at: local(2024, 4, 4) });
    expect(parseImportDate('12/31/2023 3:45 PM')).toEqual({ ok: true, at: local(2023, 12, 31, 15, 45) });
    expect(parseImportDate('15.03.2024')).toEqual({ ok: true, at: local(2024, 3, 15) });
  });

  it('reads month names (LinkedIn, Indonesian) and Excel serials', () => {
    expect(parseImportDate('07 Mar 2024')).toEqual({ ok: true, at: local(2024, 3, 7) });
    expect(parseImportDate('15 Mei 2024')).toEqual({ ok: true, at: local(2024, 5, 15) });
    expect(parseImportDate('Mar 15, 2024')).toEqual({ ok: true, at: local(2024, 3, 15) });
    expect(parseImportDate('45366')).toEqual({ ok: true, at: local(2024, 3, 15) });
    expect(parseImportDate('45366.5')).toEqual({ ok: true, at: local(2024, 3, 15, 12) });
    expect(parseImportDate('yesterday').ok).toBe(false);
    expect(parseImportDate('').ok).toBe(false);
  });

  it('reads the two-digit years Excel shows a re-saved LinkedIn export with (12-Nov-24)', () => {
    expect(parseImportDate('15-Mar-2024')).toEqual({ ok: true, at: local(2024, 3, 15) });
    expect(parseImportDate('12-Nov-24')).toEqual({ ok: true, at: local(2024, 11, 12) });
    expect(parseImportDate('07 Mar 24')).toEqual({ ok: true, at: local(2024, 3, 7) });
    expect(parseImportDate('Nov 12, 24').ok).toBe(false);
  });

  it('settles a column’s order from its unambiguous values', () => {
    expect(detectDateOrder(['03/04/2024', '25/04/2024'])).toBe('dmy');
    expect(detectDateOrder(['03/04/2024', '04/25/2024'])).toBe('mdy');
    expect(detectDateOrder(['03/04/2024', '04/05/2024'])).toBeNull();
    expect(detectDateOrder(['25/04/2024', '04/25/2024'])).toBe('conflict');
  });
});

describe('parseAmount', () => {
  it('reads the formats exports write', () => {
    expect(parseAmount('1,234.50', 'USD')).toEqual({ minor: 123450, currency: null });
    expect(parseAmount('1.234,50', 'EUR')).toEqual({ minor: 123450, currency: null });
    expect(parseAmount('Rp 1.500.000', 'USD')).toEqual({ minor: 1500000, currency: 'IDR' });
    expect(parseAmount('Rp1.500.000', 'USD')).toEqual({ minor: 1500000, currency: 'IDR' });
    expect(parseAmount('IDR 1.500.000', 'USD')).toEqual({ minor: 1500000, currency: 'IDR' });
    expect(parseAmount('$1,234.50', 'IDR')).toEqual({ minor: 123450, currency: 'USD' });
    expect(parseAmount('1.234,50 €', 'USD')).toEqual({ minor: 123450, currency: 'EUR' });
    expect(parseAmount('1500 SGD', 'USD')).toEqual({ minor: 150000, currency: 'SGD' });
    expect(parseAmount('12000', 'USD')).toEqual({ minor: 1200000, currency: null });
    expect(parseAmount('-5', 'USD')).toBeNull();
    expect(parseAmount('abc', 'USD')).toBeNull();
    // Three capitals that are no currency are not read as one.
    expect(parseAmount('1500 NZD', 'USD')).toEqual({ minor: 150000, currency: 'NZD' });
    expect(parseAmount('1500 ABC', 'USD')).toBeNull();
  });

  it('reads the decimals of a currency without minor units instead of taking them for thousands', () => {
    // Indonesian Excel writes Rupiah with ",00"; HubSpot and Pipedrive write "1500000.00". IDR has no minor unit here.
    expect(parseAmount('Rp 1.500.000,00', 'USD')).toEqual({ minor: 1500000, currency: 'IDR' });
    expect(parseAmount('Rp1.500.000,00', 'USD')).toEqual({ minor: 1500000, currency: 'IDR' });
    expect(parseAmount('1500000.00', 'IDR')).toEqual({ minor: 1500000, currency: null });
    expect(parseAmount('1,500,000.50', 'IDR')).toEqual({ minor: 1500001, currency: null });
    expect(parseAmount('1.500.000,4', 'IDR')).toEqual({ minor: 1500000, currency: null });
    // Three digits after the mark are still a thousands group.
    expect(parseAmount('1.500', 'IDR')).toEqual({ minor: 1500, currency: null });
  });
});

describe('readCurrency', () => {
  it('takes the ISO code a currency column names, not the first word of three letters', () => {
    // Pipedrive's "Currency of value" and HubSpot's currency names: the code in brackets.
    const cells = { 'New Zealand Dollar (NZD)': 'NZD', 'Indonesian Rupiah (IDR)': 'IDR', 'US Dollar (USD)': 'USD', usd: 'USD', ' IDR ': 'IDR', 'SGD - Singapore Dollar': 'SGD', Rp: 'IDR', '€': 'EUR' };
    for (const [cell, code] of Object.entries(cells)) expect(readCurrency(cell), cell).toBe(code);
  });

  it('invents no currency from a word that is not one', () => {
    for (const cell of ['New Zealand Dollar', 'Bitcoin', 'ABC', 'The dollar', '']) expect(readCurrency(cell), cell).toBeNull();
  });
});

describe('splitEmails', () => {
  it('splits, normalises and reports the bad ones', () => {
    expect(splitEmails('Dana@Prospect.io; b@x.id, mailto:c@y.co bad')).toEqual({ emails: ['dana@prospect.io', 'b@x.id', 'c@y.co'], bad: ['bad'] });
  });
});
