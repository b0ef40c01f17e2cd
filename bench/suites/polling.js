'use strict';
// Polling 1,000 jobs to completion through `mock-org serve` (issue 14 item 5): ipemu on a
// JsforceOrg asks getPolicyAsyncJobStatus for every job at once, round after round, while the
// mock org's injected clock moves the jobs' timelines on by a second a round. REST requests are
// read from /limits before and after each round (Remaining drops by one per request but /limits).
const config = require('../lib/config');
const { summarize } = require('../lib/stats');

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const START = Date.UTC(2026, 11, 1, 9, 0, 0);
/** Rounds polled after every job is final: each must cost nothing. */
const DONE_ROUNDS = 3;

async function remaining(server) {
  const res = await fetch(`${server.instanceUrl}/services/data/v64.0/limits`, { headers: { Authorization: `Bearer ${server.accessToken}` } });
  if (!res.ok) throw new Error(`/limits answered ${res.status}`);
  const body = await res.json();
  return body.DailyApiRequests.Remaining;
}

/** Job i is Queued, Processing after 1 s, and Completed after 2 + i % spread seconds. */
function jobsDocument(makeId, count, spread) {
  return {
    users: { admin: { default: true } },
    records: {
      AsyncApexJob: Array.from({ length: count }, (_, i) => ({
        Id: makeId('707', 100_000 + i),
        Status: 'Queued',
        JobType: 'Queueable',
        NumberOfErrors: 0,
        CreatedDate: new Date(START).toISOString(),
        $timeline: [
          { after: '1s', Status: 'Processing' },
          { after: `${2 + (i % spread)}s`, Status: 'Completed' },
        ],
      })),
    },
  };
}

async function run(ctx) {
  const { createEmulator, connectOrg, MockOrg } = ctx.ipemu;
  const { startMockRestServer } = require(`${config.dist}/mock-org/rest/server`);
  const { makeId } = require(`${config.dist}/salesforce/ids`);
  const { MAX_VALUES_PER_CHUNK } = require(`${config.dist}/orgs/coalescing/coalescing-org`);
  const { MAX_QUERIES_PER_COMPOSITE } = require(`${config.dist}/orgs/jsforce/query-batch`);
  /** Running jobs one REST request answers: chunks of MAX_VALUES_PER_CHUNK Ids, 5 of them in one /composite. */
  const perRequest = MAX_VALUES_PER_CHUNK * MAX_QUERIES_PER_COMPOSITE;
  const count = config.polling.jobs;
  const doc = jobsDocument(makeId, count, config.polling.spread);
  const ids = doc.records.AsyncApexJob.map((job) => job.Id);
  let now = START;
  const org = await MockOrg.fromFixtures(doc, { clock: () => now });
  const server = await startMockRestServer({ org, port: 0, dailyApiRequests: 100_000_000 });
  const rows = [];
  let total = 0;
  let whileRunning = 0;
  let runningRounds = 0;
  const once = [];
  try {
    const emu = createEmulator({ org: await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, apiVersion: '64.0' }) });
    // Describes happen here, once per object: not part of the polling.
    const warm = await emu.invoke(KEY, { jobId: ids[0] });
    if (warm.errorCode !== 'INVOKE-200') throw new Error(`warm-up answered ${JSON.stringify(warm)}`);
    let doneRounds = 0;
    for (let round = 1; doneRounds < DONE_ROUNDS && round <= 100; round++) {
      const before = await remaining(server);
      const outs = await Promise.all(ids.map((jobId) => emu.invoke(KEY, { jobId })));
      const requests = before - (await remaining(server));
      const bad = outs.find((out) => out.errorCode !== 'INVOKE-200');
      if (bad) throw new Error(`round ${round} answered ${JSON.stringify(bad)}`);
      const running = outs.filter((out) => out.status !== 'Success').length;
      total += requests;
      if (running > 0) {
        whileRunning = Math.max(whileRunning, requests);
        runningRounds++;
        rows.push({
          name: `round ${round}: ${running.toLocaleString('en-US')} of ${count.toLocaleString('en-US')} jobs still running`,
          summary: summarize([requests]),
          unit: 'requests',
        });
      } else {
        doneRounds++;
        if (doneRounds === 1)
          rows.push({
            name: `round ${round}: the last jobs become final`,
            summary: summarize([requests]),
            unit: 'requests',
            note: 'the round that reads them final',
          });
        else once.push(requests);
      }
      now += 1_000;
    }
    await emu.close();
  } finally {
    await server.close();
  }
  const afterDone = once.reduce((a, b) => a + b, 0);
  rows.push({ name: `all rounds (${runningRounds} with jobs running, ${DONE_ROUNDS} after)`, summary: summarize([total]), unit: 'requests' });
  rows.push({ name: `each round once every job is final (${once.length} rounds)`, summary: summarize(once), unit: 'requests', note: 'expected 0' });
  return {
    section: {
      title: `Polling ${count.toLocaleString('en-US')} jobs to completion through \`mock-org serve\``,
      text: `\`connectOrg\` (jsforce) against \`startMockRestServer\`; ${count.toLocaleString('en-US')} fixture jobs (Queued, Processing after 1 s, Completed after 2–${1 + config.polling.spread} s on the mock org's injected clock). Each round invokes \`getPolicyAsyncJobStatus\` for every job at once, then moves the clock 1 s. REST requests per round from /limits. A finished job's row is kept above the org (orgs/coalescing/final-rows.ts), so a round asks only for the running jobs, merged in chunks of at most ${MAX_VALUES_PER_CHUNK} Ids, up to ${MAX_QUERIES_PER_COMPOSITE} chunks in one \`/composite\` request (one API call): up to ${perRequest.toLocaleString('en-US')} running jobs cost one request a round.`,
      rows,
    },
    targets: [
      {
        name: `REST requests per poll round once all ${count.toLocaleString('en-US')} jobs are final`,
        target: '0',
        actual: String(afterDone),
        pass: afterDone === 0,
      },
      {
        name: `REST requests per poll round while jobs run (${count.toLocaleString('en-US')} concurrent polls)`,
        target: `≤ 1 per ${perRequest.toLocaleString('en-US')} running jobs (1 for ${count.toLocaleString('en-US')})`,
        actual: String(whileRunning),
        pass: whileRunning <= Math.ceil(count / perRequest),
      },
    ],
    profiles: [],
  };
}

module.exports = { name: 'polling', run, jobsDocument };
