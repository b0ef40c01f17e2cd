#!/usr/bin/env node
'use strict';
// Build step: records the ASTs of the SOQL texts ipemu's built-in service sends (default job
// link) into dist/soql-snapshot.json, so a one-shot CLI call need not load the SOQL parser.
// See src/mock-org/soql/parse.ts. The snapshot is an optimisation only: without it the parser runs.
const { rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

async function main() {
  const dist = join(__dirname, '..', 'dist');
  // A snapshot from an earlier build would answer every text, and the parser would record none.
  rmSync(join(dist, 'soql-snapshot.json'), { force: true });
  const { createEmulator, MockOrg, DEMO_FIXTURES } = require(join(dist, 'index.js'));
  const { textsParsedByParser, parseSoqlText } = require(join(dist, 'mock-org', 'soql', 'parse.js'));
  const emu = createEmulator({ org: await MockOrg.fromFixtures(DEMO_FIXTURES) });
  const key = 'InsPolicyService:getPolicyAsyncJobStatus';
  const inputs = [{ jobId: '7075j00004uK6GjAAK' }, { policyId: '0YT5w000000Y8MNGA0' }, { referencePolicyNumber: 'AUTO-2026-000123' }];
  for (const input of inputs) {
    const out = await emu.invoke(key, input);
    if (out.errorCode !== 'INVOKE-200') throw new Error(`snapshot run of ${JSON.stringify(input)} answered ${JSON.stringify(out)}`);
  }
  const entries = textsParsedByParser().map((text) => [text, parseSoqlText(text)]);
  if (entries.length === 0) throw new Error('no query text was parsed');
  writeFileSync(join(dist, 'soql-snapshot.json'), JSON.stringify(entries));
  process.stdout.write(`soql-snapshot: ${entries.length} query texts\n`);
}

main().catch((err) => {
  process.stderr.write(`soql-snapshot failed: ${err.stack || err}\n`);
  process.exitCode = 1;
});
