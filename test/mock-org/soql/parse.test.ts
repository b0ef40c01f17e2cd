import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { parseSoqlText } from '../../../src/mock-org/soql/parse';

const ROOT = join(__dirname, '..', '..', '..');

describe('parseSoqlText', () => {
  it('parses Apex bind variables', () => {
    const query = parseSoqlText('SELECT Id FROM AsyncApexJob WHERE Id IN :ids');
    expect(query.sObject).toBe('AsyncApexJob');
    expect(query.where?.left).toMatchObject({ field: 'Id', operator: 'IN', literalType: 'APEX_BIND_VARIABLE', value: 'ids' });
  });

  it('throws on malformed text', () => {
    expect(() => parseSoqlText('SELECT FROM')).toThrow();
  });

  // The built package answers the built-in service's queries from dist/soql-snapshot.json; a
  // one-shot CLI call must not pay for loading the parser (DESIGN cold-start target).
  it('serves every path of the built-in service on the demo org without loading the parser', () => {
    const script = `
      const { createEmulator } = require('./dist/index.js');
      const { isParserLoaded } = require('./dist/mock-org/soql/parse.js');
      const emu = createEmulator();
      const key = 'InsPolicyService:getPolicyAsyncJobStatus';
      Promise.all([
        emu.invoke(key, { jobId: '7075j00004uK6GjAAK' }),
        emu.invoke(key, { policyId: '0YT5w000000Y8MNGA0' }),
        emu.invoke(key, { referencePolicyNumber: 'HOME-2025-0042' }),
      ]).then((outs) => process.stdout.write(JSON.stringify({ codes: outs.map((o) => o.errorCode), parser: isParserLoaded() })));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
    expect(out).toEqual({ codes: ['INVOKE-200', 'INVOKE-200', 'INVOKE-200'], parser: false });
  });
});

describe('parseSoqlText and line separators', () => {
  // Salesforce takes U+2028/U+2029 inside a string literal; the parser's lexer does not by itself.
  it.each(['\u2028', '\u2029', 'a\u2028b\u2029c\u2028'])('keeps %j inside a string literal', (text) => {
    const query = parseSoqlText(`SELECT Id FROM InsurancePolicy WHERE ReferencePolicyNumber = '${text}'`);
    expect(query.where?.left).toMatchObject({ field: 'ReferencePolicyNumber', operator: '=', value: `'${text}'` });
  });

  it('does not confuse a private-use character already in the text', () => {
    const query = parseSoqlText("SELECT Id FROM InsurancePolicy WHERE Name = '\uE000\u2028\uE001'");
    expect(query.where?.left).toMatchObject({ value: "'\uE000\u2028\uE001'" });
  });
});
