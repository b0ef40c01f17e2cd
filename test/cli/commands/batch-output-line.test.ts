import { outputLine } from '../../../src/cli/commands/batch';

/**
 * batch's last guard: the emulator already answers plain output maps, but a line that cannot be
 * written must still be one INVOKE-500 line, never an aborted batch.
 */
describe('outputLine', () => {
  it('writes an output map as one JSON line with its errorCode', () => {
    expect(outputLine({ errorCode: 'INVOKE-200', error: 'OK', n: 1 }, 3)).toEqual({
      errorCode: 'INVOKE-200',
      text: '{"errorCode":"INVOKE-200","error":"OK","n":1}\n',
    });
  });

  const cyclic: Record<string, unknown> = { errorCode: 'INVOKE-200', error: 'OK' };
  cyclic.self = cyclic;
  it.each([
    ['a BigInt', { errorCode: 'INVOKE-200', error: 'OK', n: 1n }],
    ['a cycle', cyclic],
    [
      'a throwing toJSON',
      {
        errorCode: 'INVOKE-200',
        error: 'OK',
        toJSON: () => {
          throw new Error('no');
        },
      },
    ],
    ['not an output map', 'text'],
  ])('%s is one INVOKE-500 line naming the input line', (_name, value) => {
    const line = outputLine(value, 7);
    expect(line.errorCode).toBe('INVOKE-500');
    expect(line.text.endsWith('\n')).toBe(true);
    expect(line.text.slice(0, -1)).not.toContain('\n');
    expect(JSON.parse(line.text)).toEqual({ errorCode: 'INVOKE-500', error: "Line 7: the service's answer cannot be written as a JSON output map." });
  });
});
