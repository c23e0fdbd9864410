import fc from 'fast-check';
import { formatAmountInput, parseAmount } from './amount-input';
import { formatMoney } from './money';

describe('parseAmount', () => {
  it.each([
    ['50jt', 'IDR', 'id', 50_000_000],
    ['50 juta', 'IDR', 'id', 50_000_000],
    ['1,5 M', 'IDR', 'id', 1_500_000_000],
    ['1,5 miliar', 'IDR', 'en', 1_500_000_000],
    ['Rp 1.500.000', 'IDR', 'id', 1_500_000],
    ['250rb', 'IDR', 'id', 250_000],
    ['Rp2,5jt', 'IDR', 'id', 2_500_000],
    ['1.5jt', 'IDR', 'id', 1_500_000],
    ['50k', 'USD', 'en', 5_000_000],
    ['1.5M', 'USD', 'en', 150_000_000],
    ['1.5m', 'USD', 'id', 150_000_000_000],
    ['$1,234.50', 'USD', 'en', 123_450],
    ['US$ 1.234,50', 'USD', 'id', 123_450],
    ['2 bn', 'EUR', 'en', 200_000_000_000],
    ['1.234567k', 'USD', 'en', 123_457],
    ['0', 'USD', 'en', 0],
  ] as const)('%s (%s, %s) is %d minor units', (text, currency, lang, minor) => {
    expect(parseAmount(text, currency, lang)).toBe(minor);
  });

  it.each(['', 'abc', '-5', '5 kg', '1,2,3.4.5k', 'jt', '1e9', '5 5 jt extra', '9999999999999999 T'])('refuses %j', (text) => {
    expect(parseAmount(text, 'IDR', 'id')).toBeNull();
  });

  it('reads back what it shows, in either language, with or without the currency symbol', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 13 }),
        fc.constantFrom('IDR', 'USD', 'EUR', 'JPY', 'SGD'),
        fc.constantFrom('en' as const, 'id' as const),
        (minor, currency, lang) => {
          expect(parseAmount(formatAmountInput(minor, currency, lang), currency, lang)).toBe(minor);
          expect(parseAmount(formatMoney(minor, currency, lang === 'id' ? 'id-ID' : 'en'), currency, lang)).toBe(minor);
        },
      ),
    );
  });

  it('a whole number with a suffix is that many units of the suffix', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom(['rb', 3], ['jt', 6], ['juta', 6], ['k', 3], ['miliar', 9]), (n, [suffix, exp]) => {
        expect(parseAmount(`${n} ${suffix}`, 'IDR', 'id')).toBe(n * 10 ** (exp as number));
      }),
    );
  });
});
