'use strict';
// REST requests per invocation through JsforceOrg against the fake REST API, read from /limits
// (Remaining drops by one per request other than /limits), at several concurrencies.
const config = require('../lib/config');
const { summarize } = require('../lib/stats');

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const MAX_AT_200 = 1 / 15;

async function remaining(server) {
  const res = await fetch(`${server.instanceUrl}/services/data/v64.0/limits`, { headers: { Authorization: `Bearer ${server.accessToken}` } });
  if (!res.ok) throw new Error(`/limits answered ${res.status}`);
  const body = await res.json();
  return body.DailyApiRequests.Remaining;
}

function check(out, input) {
  if (!out || out.errorCode !== 'INVOKE-200') throw new Error(`REST benchmark input ${JSON.stringify(input)} answered ${JSON.stringify(out)}`);
}

async function run(ctx) {
  const { createEmulator, connectOrg } = ctx.ipemu;
  const { startMockRestServer } = require(`${config.dist}/mock-org/rest/server`);
  // A generous daily allowance: the benchmark must never be the thing that exhausts it.
  const server = await startMockRestServer({ org: ctx.large.org, port: 0, dailyApiRequests: 100_000_000 });
  const rows = [];
  let at200;
  try {
    const org = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, apiVersion: '64.0' });
    const emu = createEmulator({ org });
    for (const path of ['jobId', 'policyId']) {
      const inputs = ctx.large.inputs[path];
      let cursor = 0;
      // Each wave asks for ids no earlier wave asked for, so nothing is answered from a cache.
      const next = () => inputs[cursor++ % inputs.length];
      check(await emu.invoke(KEY, next()), 'warm-up'); // describes happen here, once per object
      for (const concurrency of config.rest.concurrency) {
        const perInvocation = [];
        for (let w = 0; w < config.rest.waves; w++) {
          const before = await remaining(server);
          let count;
          if (concurrency === 1) {
            count = config.rest.sequential;
            for (let i = 0; i < count; i++) {
              const input = next();
              check(await emu.invoke(KEY, input), input);
            }
          } else {
            count = concurrency;
            const wave = Array.from({ length: concurrency }, next);
            const outs = await Promise.all(wave.map((input) => emu.invoke(KEY, input)));
            outs.forEach((out, i) => check(out, wave[i]));
          }
          const after = await remaining(server);
          perInvocation.push((before - after) / count);
        }
        const summary = summarize(perInvocation);
        rows.push({
          name: `${path} path, concurrency ${concurrency}`,
          summary,
          unit: 'requests/invocation',
          note: `1 request per ${(1 / summary.median).toFixed(1)} invocations`,
        });
        if (path === 'jobId' && concurrency === 200) at200 = summary;
      }
    }
    await emu.close();
  } finally {
    await server.close();
  }
  return {
    section: {
      title: 'REST requests per invocation (JsforceOrg → fake REST API)',
      text: `\`connectOrg\` (jsforce) against \`startMockRestServer\` on the ${ctx.large.jobs.toLocaleString('en-US')}-job org; after one warm-up call (describes), /limits is read before and after each wave of distinct inputs. Concurrency 1 is a sequence of ${config.rest.sequential} calls; ${config.rest.waves} waves per row.`,
      rows,
    },
    targets: [
      {
        name: 'REST requests per invocation at concurrency 200 (jobId)',
        target: '≤ 1 per 15 (0.067)',
        actual: `${at200.median.toFixed(3)} (1 per ${(1 / at200.median).toFixed(1)})`,
        pass: at200.median <= MAX_AT_200,
      },
    ],
    profiles: [],
  };
}

module.exports = { name: 'rest', run };
