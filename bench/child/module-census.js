'use strict';
// Preloaded (-r) into one `ipemu invoke` run: at exit, writes which packages were loaded (by file
// count) to the file named in IPEMU_BENCH_CENSUS, to show what a cold start pays for.
const fs = require('node:fs');

process.on('exit', () => {
  const target = process.env.IPEMU_BENCH_CENSUS;
  if (!target) return;
  const packages = {};
  let own = 0;
  for (const file of Object.keys(require.cache)) {
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(file);
    if (m) packages[m[1]] = (packages[m[1]] || 0) + 1;
    else own++;
  }
  fs.writeFileSync(target, JSON.stringify({ own, packages }));
});
