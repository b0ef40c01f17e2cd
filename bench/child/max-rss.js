'use strict';
// Preloaded into a measured child (`node --require bench/child/max-rss.js …`): at exit it writes the
// process's own peak resident set (getrusage RUSAGE_SELF, KiB on Linux) to the file BENCH_MAX_RSS_OUT
// names, so a suite reports the child's peak rather than a sample of it.
const fs = require('node:fs');

const out = process.env.BENCH_MAX_RSS_OUT;
if (out) {
  process.on('exit', () => {
    fs.writeFileSync(out, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
  });
}
