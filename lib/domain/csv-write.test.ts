import fc from 'fast-check';
import { csvCell, csvRow, neutralizeFormula, unneutralizeCell } from './csv-write';

describe('csv writer', () => {
  it('quotes by RFC 4180 and neutralises formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+62 21 555')).toBe("'+62 21 555");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell(null)).toBe('');
    expect(csvCell(1500)).toBe('1500');
    expect(csvRow(['a', 'b,c'])).toBe('a,"b,c"\r\n');
  });

  it('un-neutralising gives back exactly what was written', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(unneutralizeCell(neutralizeFormula(s))).toBe(s);
      }),
    );
    // A value that itself starts with an apostrophe before a formula character keeps it.
    expect(neutralizeFormula("'=x")).toBe("''=x");
    expect(unneutralizeCell("''=x")).toBe("'=x");
    expect(unneutralizeCell("'plain")).toBe("'plain");
  });
});
