'use strict';
// An aggregate query over the large org, in-process (MockOrg.query: the sliced, yielding path).
const { nowMs, summarize } = require('../lib/stats');
const config = require('../lib/config');

const SOQL = 'SELECT Status, COUNT(Id) FROM AsyncApexJob GROUP BY Status';
const TARGET_MS = 300;

async function run(ctx) {
  const org = ctx.large.org;
  const first = await org.query(SOQL); // parses and compiles once; later rounds measure the work itself
  if (first.totalSize < 1 || first.records[0].attributes.type !== 'AggregateResult') throw new Error(`aggregate answered ${JSON.stringify(first).slice(0, 200)}`);
  const samples = [];
  for (let i = 0; i < (config.quick ? 3 : 15); i++) {
    const t = nowMs();
    await org.query(SOQL);
    samples.push(nowMs() - t);
  }
  const summary = summarize(samples);
  return {
    section: {
      title: 'Aggregate query over the large org',
      text: `\`${SOQL}\` through \`MockOrg.query\` on the ${ctx.large.jobs.toLocaleString('en-US')}-job org (every job scanned and grouped, yielding every 10 ms); ${samples.length} rounds after one warm-up.`,
      rows: [{ name: `GROUP BY Status, ${ctx.large.jobs} jobs`, summary, unit: 'ms', note: `${first.totalSize} groups` }],
    },
    targets: [{ name: 'GROUP BY Status over the large org', target: `< ${TARGET_MS} ms`, actual: `${summary.median.toFixed(1)} ms`, pass: summary.median < TARGET_MS }],
    profiles: [],
  };
}

module.exports = { name: 'aggregates', run };
