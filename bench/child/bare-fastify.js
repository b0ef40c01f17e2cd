'use strict';
// The comparison point for `ipemu serve`: a bare fastify POST route on the same fixture data that
// does a Map lookup and answers the same output map, without validation, org or logging.
const fs = require('node:fs');
const Fastify = require('fastify');

async function main() {
  const doc = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const jobs = new Map(doc.records.AsyncApexJob.map((j) => [j.Id, j]));
  const app = Fastify({ logger: false });
  app.post('/invoke/:key', async (request, reply) => {
    const job = jobs.get(request.body && request.body.input && request.body.input.jobId);
    if (!job) return reply.code(404).send({ errorCode: 'INVOKE-404', error: 'not found' });
    return { status: job.Status, jobId: job.Id, errorCode: 'INVOKE-200', error: 'OK' };
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${JSON.stringify({ url: address })}\n`);
  const stop = () => app.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`${err.stack || err}\n`);
  process.exitCode = 1;
});
