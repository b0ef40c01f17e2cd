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
      { input: { jobId: '7075j00004uK6GjAAK' } },
      { input: { policyId: '0YT5w000000Y8MNGA0', referencePolicyNumber: 'REF, with comma' } },
      { input: { referencePolicyNumber: 'say "hi"' } },
      { input: { referencePolicyNumber: 'REF-3' } },
    ]);
  });

  it('keeps a quoted newline inside one cell', async () => {
    const { items } = await itemsOf('nl.csv', 'referencePolicyNumber\n"line1\nline2"\n');
    expect(items).toEqual([{ input: { referencePolicyNumber: 'line1\nline2' } }]);
  });

  it('turns a record with the wrong number of cells into a malformed item, in order, and goes on', async () => {
    const { items } = await itemsOf('bad.csv', 'jobId,policyId\na,b\nonly-one\nc,d\n');
    expect(items[0]).toEqual({ input: { jobId: 'a', policyId: 'b' } });
    expect(items[1]).toEqual({ malformed: expect.stringMatching(/^CSV: .*(column|Record Length)/i) });
    expect(items[2]).toEqual({ input: { jobId: 'c', policyId: 'd' } });
  });

  it('skips and counts blank lines', async () => {
    const { items, blank } = await itemsOf('blank.csv', 'jobId\na\n\nb\n');
    expect(items).toEqual([{ input: { jobId: 'a' } }, { input: { jobId: 'b' } }]);
    expect(blank).toBe(1);
  });
});

describe('batch input: JSONL', () => {
  it('reads one input map a line; bad JSON and non-objects become malformed items naming the line', async () => {
    const { items, blank } = await itemsOf('a.jsonl', '{"jobId":"x"}\n\n{oops\n[1,2]\n  \n{"policyId":"y"}\n');
    expect(items).toEqual([
      { input: { jobId: 'x' } },
      { malformed: expect.stringMatching(/^Line 3: not valid JSON/) },
      { malformed: 'Line 4: an input must be a JSON object.' },
      { input: { policyId: 'y' } },
    ]);
    expect(blank).toBe(2);
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
