import { currencyDigits, formatMoney, parseMoney } from './money';

describe('money', () => {
  it('knows minor units', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
  });
  it('parses amounts written either way', () => {
    expect(parseMoney('1,500.50', 'USD')).toBe(150050);
    expect(parseMoney('1.500,5', 'EUR')).toBe(150050);
    expect(parseMoney('1500', 'USD')).toBe(150000);
    expect(parseMoney('25.000.000', 'JPY')).toBe(25000000);
    // A mark followed by one or two digits is a decimal mark even where the currency has no minor unit: rounded.
    expect(parseMoney('25.000.000,00', 'JPY')).toBe(25000000);
    expect(parseMoney('1500.5', 'JPY')).toBe(1501);
    expect(parseMoney('1500.49', 'IDR')).toBe(1500);
    expect(parseMoney('-5', 'USD')).toBeNull();
    expect(parseMoney('abc', 'USD')).toBeNull();
    expect(parseMoney('1e9', 'USD')).toBeNull();
  });
  it('formats in the UI locale', () => {
    expect(formatMoney(150050, 'USD', 'en-US')).toBe('$1,500.50');
    expect(formatMoney(25000000, 'IDR', 'id-ID').replace(/\s/g, ' ')).toMatch(/Rp\s?25\.000\.000/);
  });
});
