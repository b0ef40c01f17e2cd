'use strict';
// Loads one fixture file in a fresh process (run with --expose-gc) and prints one JSON line:
// load time and the heap the loaded org holds, free of whatever the harness itself keeps alive.
const path = require('node:path');
const { MockOrg } = require(path.resolve(__dirname, '..', '..', 'dist'));

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: load-org.js <fixture file>');
  if (typeof global.gc !== 'function') throw new Error('run with --expose-gc');
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  const org = await MockOrg.fromFixtures(file, { user: 'admin' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  global.gc();
  const mem = process.memoryUsage();
  // Touch the org after measuring so it cannot be collected before the heap is read.
  const visible = org.userNames().length;
  process.stdout.write(`${JSON.stringify({ ms, heapMiB: (mem.heapUsed - before) / 2 ** 20, rssMiB: mem.rss / 2 ** 20, users: visible })}\n`);
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exitCode = 1;
});
