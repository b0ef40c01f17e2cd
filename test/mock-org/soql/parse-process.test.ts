import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// Runs the built package in a child process (needs `npm run build`); kept out of `npm run test:unit`.
const ROOT = join(__dirname, '..', '..', '..');

describe('parseSoqlText in the built package', () => {
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
