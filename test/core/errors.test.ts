import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, ErrorCode, exitCodeOf, httpStatusOf, errorCodeOf } from '../../src/core/errors';

// The table in DESIGN.md §3, as the contract states it. The code table must say the same.
const CONTRACT: [string, number, number | null][] = [
  ['INVOKE-200', 200, 0],
  ['INVOKE-400', 400, 2],
  ['INVOKE-401', 401, null],
  ['INVOKE-403', 403, 3],
  ['INVOKE-404', 404, 4],
  ['INVOKE-500', 500, 1],
  ['INVOKE-502', 502, 5],
  ['INVOKE-501', 501, 7],
  ['INVOKE-504', 504, 6],
];

describe('ERROR_CODES, the one error table', () => {
  it.each(CONTRACT)('%s maps to HTTP %i and exit %p', (invoke, http, exit) => {
    const code = errorCodeOf(invoke) as ErrorCode;
    expect(code).toBeDefined();
    expect(ERROR_CODES[code]).toMatchObject({ invoke, http, exit });
    expect(httpStatusOf(invoke)).toBe(http);
    if (exit !== null) expect(exitCodeOf(invoke)).toBe(exit);
  });

  it('has exactly the codes of the contract, each INVOKE code once', () => {
    const invokes = Object.values(ERROR_CODES)
      .map((e) => e.invoke)
      .sort();
    expect(invokes).toEqual(CONTRACT.map(([c]) => c).sort());
  });

  it('treats strings that are not INVOKE codes as internal errors', () => {
    expect(httpStatusOf('INVOKE-999')).toBe(500);
    expect(exitCodeOf('nonsense')).toBe(1);
  });

  it('is the table the README documents', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    for (const [invoke, http, exit] of CONTRACT) {
      const row = readme.split('\n').find((line) => line.startsWith(`| ${invoke} `));
      expect(row).toBeDefined();
      expect(row).toContain(`| ${http} |`);
      expect(row).toContain(exit === null ? '| — |' : `| ${exit} |`);
    }
  });
});
