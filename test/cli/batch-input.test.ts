import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchItem, formatOf, openBatchSource } from '../../src/cli/batch-input';
import { batchExitCode, summaryLine } from '../../src/cli/commands/batch';

const dir = mkdtempSync(join(tmpdir(), 'ipemu-batch-input-'));

async function itemsOf(name: string, text: string): Promise<{ items: BatchItem[]; blank: number }> {
  const path = join(dir, name);
  writeFileSync(path, text);
  const source = await openBatchSource(path);
  const items: BatchItem[] = [];
  for await (const item of source.items) items.push(item);
  return { items, blank: source.blankLines() };
}

describe('batch input: CSV', () => {
  it('uses the header row as keys, RFC 4180 quotes with commas and doubled quotes, empty cells not passed', async () => {
    const { items } = await itemsOf(
      'a.csv',
      ['jobId,policyId,referencePolicyNumber', '7075j00004uK6GjAAK,,', ',0YT5w000000Y8MNGA0,"REF, with comma"', ',,"say ""hi"""', ',"",REF-3'].join('\r\n'),
    );
    expect(items).toEqual([
      { line: 2, input: { jobId: '7075j00004uK6GjAAK' } },
      { line: 3, input: { policyId: '0YT5w000000Y8MNGA0', referencePolicyNumber: 'REF, with comma' } },
      { line: 4, input: { referencePolicyNumber: 'say "hi"' } },
      { line: 5, input: { referencePolicyNumber: 'REF-3' } },
    ]);
  });

  it('keeps a quoted newline inside one cell', async () => {
    const { items } = await itemsOf('nl.csv', 'referencePolicyNumber\n"line1\nline2"\n');
    expect(items).toEqual([{ line: 2, input: { referencePolicyNumber: 'line1\nline2' } }]);
  });

  it('turns a record with the wrong number of cells into a malformed item, in order, and goes on', async () => {
    const { items } = await itemsOf('bad.csv', 'jobId,policyId\na,b\nonly-one\nc,d\n');
    expect(items).toEqual([
      { line: 2, input: { jobId: 'a', policyId: 'b' } },
      { line: 3, malformed: 'Line 3: 1 cell where the header has 2.' },
      { line: 4, input: { jobId: 'c', policyId: 'd' } },
    ]);
  });

  it('keeps one item per record, in order, across unquoting groups (600 records, quoted, plain and malformed mixed)', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => (i % 7 === 3 ? `${i},a"b` : i % 5 === 0 ? `"${i}","q, ""${i}"""` : `${i},plain`));
    const { items } = await itemsOf('many.csv', `n,v\n${rows.join('\n')}\n`);
    expect(items.map((item) => item.line)).toEqual(rows.map((_, i) => i + 2));
    items.forEach((item, i) => {
      if (i % 7 === 3) expect(item).toHaveProperty('malformed');
      else expect(item).toEqual({ line: i + 2, input: { n: String(i), v: i % 5 === 0 ? `q, "${i}"` : 'plain' } });
    });
  });

  it('skips and counts blank lines', async () => {
    const { items, blank } = await itemsOf('blank.csv', 'jobId\na\n\nb\n');
    expect(items).toEqual([
      { line: 2, input: { jobId: 'a' } },
      { line: 4, input: { jobId: 'b' } },
    ]);
    expect(blank).toBe(1);
  });
});

describe('batch input: JSONL', () => {
  it('reads one input map a line; bad JSON and non-objects become malformed items naming the line', async () => {
    const { items, blank } = await itemsOf('a.jsonl', '{"jobId":"x"}\n\n{oops\n[1,2]\n  \n{"policyId":"y"}\n');
    expect(items).toEqual([
      { line: 1, input: { jobId: 'x' } },
      { line: 3, malformed: expect.stringMatching(/^Line 3: not valid JSON/) },
      { line: 4, malformed: 'Line 4: an input must be a JSON object.' },
      { line: 6, input: { policyId: 'y' } },
    ]);
    expect(blank).toBe(2);
  });
});

describe('batch input: a UTF-8 BOM, a __proto__ column', () => {
  it('drops a BOM before the first JSONL line and before the CSV header', async () => {
    expect((await itemsOf('bom.jsonl', '\ufeff{"jobId":"x"}\n')).items).toEqual([{ line: 1, input: { jobId: 'x' } }]);
    expect((await itemsOf('bom.csv', '\ufeffjobId\nx\n')).items).toEqual([{ line: 2, input: { jobId: 'x' } }]);
  });

  it('a __proto__ CSV column is an own key of the input, not its prototype', async () => {
    const { items } = await itemsOf('proto.csv', '__proto__,jobId\npolluted,x\n');
    const input = (items[0] as { input: Record<string, unknown> }).input;
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect(Object.keys(input)).toEqual(['__proto__', 'jobId']);
  });

  it('an unreadable CSV header is a usage error before any item', async () => {
    await expect(itemsOf('bad-header.csv', 'a,"b\nx,y\n')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/CSV header \(line 1\)/),
    });
  });
});

describe('batch input: file checks', () => {
  it('chooses the format by extension', () => {
    expect(formatOf('x.JSONL')).toBe('jsonl');
    expect(formatOf('x.ndjson')).toBe('jsonl');
    expect(formatOf('x.csv')).toBe('csv');
    expect(() => formatOf('x.txt')).toThrow(/\.jsonl.*\.csv/);
  });

  it('a missing file is a usage error (INVALID_INPUT)', async () => {
    await expect(openBatchSource(join(dir, 'nope.jsonl'))).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/no such file/) });
  });
});

describe('batch summary and exit code', () => {
  it('prints codes in order with counts', () => {
    expect(
      summaryLine(
        new Map([
          ['INVOKE-404', 5],
          ['INVOKE-200', 95],
        ]),
      ),
    ).toBe('INVOKE-200: 95, INVOKE-404: 5');
  });

  it('exits 0 only when every line is INVOKE-200', () => {
    expect(batchExitCode(new Map([['INVOKE-200', 3]]))).toBe(0);
    expect(batchExitCode(new Map())).toBe(0);
    expect(
      batchExitCode(
        new Map([
          ['INVOKE-200', 3],
          ['INVOKE-403', 1],
        ]),
      ),
    ).toBe(3);
  });

  it('else the exit code of the most frequent failure, ties going to the lower code', () => {
    expect(
      batchExitCode(
        new Map([
          ['INVOKE-200', 90],
          ['INVOKE-400', 2],
          ['INVOKE-404', 5],
        ]),
      ),
    ).toBe(4);
    expect(
      batchExitCode(
        new Map([
          ['INVOKE-404', 2],
          ['INVOKE-400', 2],
        ]),
      ),
    ).toBe(2);
    expect(batchExitCode(new Map([['INVOKE-504', 2]]))).toBe(6);
  });
});
