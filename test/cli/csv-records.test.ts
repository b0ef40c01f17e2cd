import { csvRecords, CsvRecord } from '../../src/cli/csv-records';
import { physicalLines } from '../../src/cli/line-reader';

async function records(text: string, maxBytes?: number): Promise<CsvRecord[]> {
  async function* source(): AsyncGenerator<Buffer> {
    yield Buffer.from(text);
  }
  const out: CsvRecord[] = [];
  for await (const r of csvRecords(physicalLines(source(), maxBytes), maxBytes)) out.push(r);
  return out;
}

const lineOf = (r: CsvRecord): number => r.line;

describe('csvRecords: one record per physical line unless a valid quoted field spans lines', () => {
  it('a field with stray quotes is one malformed record, and the records after it are read as they are', async () => {
    const out = await records('a,b\n1,x"y"z\n2,ok\n3,ok\n');
    expect(out).toEqual([
      { line: 1, text: 'a,b' },
      { line: 2, problem: 'Line 2: not a valid CSV record (a quote inside an unquoted field at column 4).' },
      { line: 3, text: '2,ok' },
      { line: 4, text: '3,ok' },
    ]);
  });

  it('"abc"def is one malformed record and does not swallow the next one', async () => {
    const out = await records('a,b\n1,"abc"def\n2,ok\n');
    expect(out).toEqual([
      { line: 1, text: 'a,b' },
      { line: 2, problem: 'Line 2: not a valid CSV record (text after a closing quote at column 8).' },
      { line: 3, text: '2,ok' },
    ]);
  });

  it('keeps a valid quoted field with line breaks (and doubled quotes) as one record, with its own terminators', async () => {
    const out = await records('a,b\r\n1,"multi\r\nline ""q"""\r\n2,ok\r\n');
    expect(out).toEqual([
      { line: 1, text: 'a,b' },
      { line: 2, text: '1,"multi\r\nline ""q"""' },
      { line: 4, text: '2,ok' },
    ]);
  });

  it('a quoted field never closed: its first line is one malformed record and the lines after it are read again', async () => {
    const out = await records('a,b\n1,"open\n2,ok\n3,ok\n');
    expect(out).toEqual([
      { line: 1, text: 'a,b' },
      { line: 2, problem: 'Line 2: not a valid CSV record (a quoted field opened on it is not closed).' },
      { line: 3, text: '2,ok' },
      { line: 4, text: '3,ok' },
    ]);
  });

  it('a quoted field that closes badly lines later: the same, and the later lines are read again', async () => {
    const out = await records('a,b\n1,"open\n2,ok\n3,"x"y\n4,ok\n');
    expect(out.map(lineOf)).toEqual([1, 2, 3, 4, 5]);
    expect(out[1]).toEqual({ line: 2, problem: expect.stringMatching(/^Line 2: .*not closed: text after a closing quote at column 4 of line 4/) });
    expect(out[3]).toEqual({ line: 4, problem: expect.stringMatching(/^Line 4: /) });
  });

  it('a quoted field running past the cap is given up at the cap, and the lines after it are read again', async () => {
    const out = await records(`a\n"${'x'.repeat(5)}\n${'y'.repeat(5)}\nz\n`, 8);
    expect(out).toEqual([
      { line: 1, text: 'a' },
      { line: 2, problem: expect.stringMatching(/^Line 2: .*not closed/) },
      { line: 3, text: 'yyyyy' },
      { line: 4, text: 'z' },
    ]);
  });

  it('blank and over-long lines are records of their own kind', async () => {
    const out = await records(`a\n\n${'x'.repeat(20)}\nb\n`, 10);
    expect(out).toEqual([
      { line: 1, text: 'a' },
      { line: 2, blank: true },
      { line: 3, problem: expect.stringMatching(/^Line 3: longer than/) },
      { line: 4, text: 'b' },
    ]);
  });
});
