import { secretsFrom } from '../../src/cli/output';
import { scrubSecrets } from '../../src/core/secrets';
import { formatProblem, formatProblems } from '../../src/mock-org/fixtures/problems';
import { servicesTable } from '../../src/cli/commands/services';
import { seconds, positiveInt, port } from '../../src/cli/parsers';

describe('secrets never reach a message', () => {
  it('collects --access-token and --token values (both spellings) and token env vars', () => {
    const s = secretsFrom(['node', 'ipemu', '--access-token', '00Dabc!secret', '--token=tok-1234'], { IPEMU_TOKEN: 'envtoken', PATH: '/bin' });
    expect(s).toEqual(expect.arrayContaining(['00Dabc!secret', 'tok-1234', 'envtoken']));
    expect(s).not.toContain('/bin');
  });

  it('drops values shorter than 4 characters and lists the longest first', () => {
    expect(secretsFrom(['node', 'ipemu', '--token', 'abc', '--access-token', 'abcd'], { SF_ACCESS_TOKEN: 'abcdefgh' })).toEqual(['abcdefgh', 'abcd']);
  });

  it('replaces every occurrence', () => {
    expect(scrubSecrets("error: unknown option '00Dabc!secret' near 00Dabc!secret", ['00Dabc!secret'])).toBe(
      "error: unknown option '[redacted]' near [redacted]",
    );
  });
});

describe('fixture problem places (the one formatter, mock-org/fixtures/problems.ts)', () => {
  it('formats file: Object[record] (Id): field F: message', () => {
    expect(formatProblem({ file: 'AsyncApexJob.json', object: 'AsyncApexJob', record: 2, field: 'Status', message: 'bad value' })).toBe(
      'AsyncApexJob.json: AsyncApexJob[2]: field Status: bad value',
    );
    expect(
      formatProblem({ file: 'AsyncApexJob.json', object: 'AsyncApexJob', record: 2, id: '7075j00004uK6GjAAK', field: 'Status', message: 'bad value' }),
    ).toBe('AsyncApexJob.json: AsyncApexJob[2] (7075j00004uK6GjAAK): field Status: bad value');
    expect(formatProblem({ object: 'users.u', field: 'hiddenObjects', message: 'unknown object "X"' })).toBe(
      'users.u: field hiddenObjects: unknown object "X"',
    );
  });

  it('counts the problems past the listed ones', () => {
    const problems = [1, 2, 3].map((record) => ({ object: 'A', record, message: 'bad' }));
    expect(formatProblems(problems)).toEqual(['A[1]: bad', 'A[2]: bad', 'A[3]: bad']);
    expect(formatProblems(problems, 2)).toEqual(['A[1]: bad', 'A[2]: bad', '… and 1 more problems']);
  });

  it('leaves out the parts a problem does not have', () => {
    expect(formatProblem({ file: 'org.json', message: 'not JSON' })).toBe('org.json: not JSON');
    expect(formatProblem({ object: 'Foo', message: 'unknown object' })).toBe('Foo: unknown object');
    expect(formatProblem({ message: 'empty' })).toBe('empty');
  });
});

describe('services table', () => {
  it('aligns keys and keeps descriptions on one line', () => {
    const table = servicesTable([
      { key: 'A:b', description: 'first\nline' },
      { key: 'Longer:key', description: 'x' },
    ]);
    expect(table.split('\n')).toEqual(['SERVICE     DESCRIPTION', 'A:b         first line', 'Longer:key  x']);
  });
});

describe('argument parsers', () => {
  it('--timeout takes seconds, fractions allowed, and rejects the rest', () => {
    expect(seconds('2')).toBe(2000);
    expect(seconds('0.3')).toBe(300);
    for (const bad of ['0', '-1', 'abc', '', 'Infinity']) expect(() => seconds(bad)).toThrow();
  });

  it('whole numbers and ports', () => {
    expect(positiveInt(10)('3')).toBe(3);
    for (const bad of ['0', '11', '1.5', 'x', '-2']) expect(() => positiveInt(10)(bad)).toThrow();
    expect(port('0')).toBe(0);
    expect(() => port('65536')).toThrow();
  });
});
