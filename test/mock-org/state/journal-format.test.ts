import { headerLine, parseJournal, transactionLine } from '../../../src/mock-org/state/journal-format';
import type { StoreChange } from '../../../src/mock-org/writes/changes';

const FILE = '/tmp/org.state';
const INSERT: StoreChange = {
  op: 'insert',
  object: 'InsurancePolicy',
  id: '0YT000000000001AAA',
  values: { Name: 'P-1', IsPolicyEditLocked: true, PremiumAmount: 12.5, ParentPolicyId: null },
  timeline: [{ at: 1_800_000_000_000, values: { Status: 'Active' } }],
};
const UPDATE: StoreChange = { op: 'update', id: '0YT000000000001AAA', values: { Name: 'P-2' } };
const DELETE: StoreChange = { op: 'delete', id: '0YT000000000001AAA' };

const journal = (...lines: string[]): Buffer => Buffer.from(lines.join(''));
const HEADER = headerLine(Date.UTC(2026, 11, 1));

describe('the journal format: a header, then one JSON line per transaction', () => {
  it('reads back each transaction with its line number, values and absolute timeline steps', () => {
    const bytes = journal(HEADER, transactionLine([INSERT]), transactionLine([UPDATE, DELETE]));
    const parsed = parseJournal(bytes, FILE);
    expect(parsed).toEqual({
      hasHeader: true,
      transactions: [
        { line: 2, changes: [INSERT] },
        { line: 3, changes: [UPDATE, DELETE] },
      ],
      validBytes: bytes.length,
      tornBytes: 0,
    });
  });

  it('writes the header as {"ipemu":"mock-org-state","version":1,…} on a line of its own', () => {
    expect(JSON.parse(HEADER)).toEqual({ ipemu: 'mock-org-state', version: 1, createdAt: '2026-12-01T00:00:00.000Z' });
    expect(HEADER.endsWith('}\n')).toBe(true);
    expect(transactionLine([UPDATE]).split('\n')).toHaveLength(2);
  });

  it('an empty file has no header and nothing torn', () => {
    expect(parseJournal(Buffer.alloc(0), FILE)).toEqual({ hasHeader: false, transactions: [], validBytes: 0, tornBytes: 0 });
  });
});

describe('a torn last line is the write a kill interrupted', () => {
  it('a last line without its newline is reported torn, even when it is JSON, and the lines before it stand', () => {
    const whole = journal(HEADER, transactionLine([INSERT]));
    const torn = transactionLine([UPDATE]).slice(0, -1);
    const parsed = parseJournal(journal(HEADER, transactionLine([INSERT]), torn), FILE);
    expect(parsed.transactions.map((t) => t.line)).toEqual([2]);
    expect(parsed.validBytes).toBe(whole.length);
    expect(parsed.tornBytes).toBe(Buffer.byteLength(torn));
  });

  it('a last line cut mid-JSON (or zero-filled) is torn', () => {
    const cut = transactionLine([INSERT]).slice(0, 30);
    expect(parseJournal(journal(HEADER, cut), FILE).tornBytes).toBe(30);
    expect(parseJournal(journal(HEADER, '\0\0\0\0'), FILE).tornBytes).toBe(4);
    expect(parseJournal(journal(HEADER, 'not json\n'), FILE).tornBytes).toBe(9);
  });

  it('a header torn while the file was created counts as no header', () => {
    expect(parseJournal(journal(HEADER.slice(0, 12)), FILE)).toEqual({ hasHeader: false, transactions: [], validBytes: 0, tornBytes: 12 });
  });
});

describe('any other bad line is an error naming the file and the line, never skipped', () => {
  it('a line that is not JSON before the last one', () => {
    const bytes = journal(HEADER, transactionLine([INSERT]), '{"changes":[{"op"\n', transactionLine([UPDATE]));
    expect(() => parseJournal(bytes, FILE)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(`${FILE} is damaged at line 3`) }),
    );
  });

  it('a blank line in the middle', () => {
    expect(() => parseJournal(journal(HEADER, '\n', transactionLine([UPDATE])), FILE)).toThrow(/line 2: not a JSON line/);
  });

  test.each([
    ['not a transaction', '{"rows":[]}', /line 2: not a transaction/],
    ['an unknown op', '{"changes":[{"op":"upsert","id":"a"}]}', /line 2: changes\[0\] has op "upsert"/],
    ['an insert without object', '{"changes":[{"op":"insert","id":"a","values":{}}]}', /line 2: changes\[0\] \(insert\) names no object/],
    [
      'a value that is not stored form',
      '{"changes":[{"op":"update","id":"a","values":{"X":{"y":1}}}]}',
      /line 2: changes\[0\]\.values\.X is not a stored value/,
    ],
    ['a step without at', '{"changes":[{"op":"update","id":"a","values":{},"timeline":[{"values":{}}]}]}', /line 2: changes\[0\]\.timeline\[0\] is not a step/],
  ])('a JSON line that is %s, even as the last line', (_what, line, message) => {
    expect(() => parseJournal(journal(HEADER, `${line}\n`), FILE)).toThrow(message);
  });

  it('a file that is not a state file is refused and left alone', () => {
    expect(() => parseJournal(journal('{"records":{}}\n'), FILE)).toThrow(`${FILE} is not an ipemu mock-org state file`);
    expect(() => parseJournal(journal('hello'), FILE)).toThrow(/is not an ipemu mock-org state file/);
  });

  it('a state file of another version is refused', () => {
    expect(() => parseJournal(journal('{"ipemu":"mock-org-state","version":2}\n'), FILE)).toThrow(/has version 2; this ipemu reads version 1/);
  });
});
