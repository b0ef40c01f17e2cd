'use strict';
// The sf commands the suite runs, each with what its answer must be. Expected values come from the
// demo fixtures and from the REST API itself, never from sf's own earlier answers alone.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parse } = require('csv-parse/sync');
const { REPO } = require('./mock-server');

const ALIAS = 'ipemu-compat';
const DELETED_NAME = 'ipemu compat: deleted policy';
const RECORD_ID = '0YT5w000000Y8MNGA0';

class CheckFailed extends Error {}

function expect(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

function demoRecords(sobject) {
  return JSON.parse(fs.readFileSync(path.join(REPO, 'fixtures', 'demo', `${sobject}.json`), 'utf8'));
}

const demoPolicies = () => demoRecords('InsurancePolicy');

/** A failed sf command, said in one line: its JSON error when there is one. */
function sfFailure(res) {
  const said = res.json && typeof res.json === 'object' ? `${res.json.name ?? ''} ${res.json.message ?? ''}` : res.stderr || res.stdout;
  return `exit ${res.code}: ${said.trim().replace(/\s+/g, ' ').slice(0, 400)}`;
}

/** Runs sf with --json and returns `result` once status is 0. */
async function sfResult(ctx, args, env) {
  expect(args[1] === 'login' || ctx.login !== undefined, 'not run: the login failed');
  const res = await ctx.sf([...args, '--json'], env);
  expect(res.code === 0 && res.json?.status === 0, sfFailure(res));
  return res.json.result;
}

/** Id → Status as the REST API's /query answers the same SOQL (the expected rows of a bulk check). */
async function bulkExpected(ctx, soql) {
  const res = await ctx.rest.request('GET', `/services/data/v${ctx.apiVersion}/query?q=${encodeURIComponent(soql)}`);
  expect(res.status === 200 && Array.isArray(res.body?.records), `/query answered ${res.status}`);
  return new Map(res.body.records.map((r) => [r.Id, r.Status]));
}

const queryArgs = (soql, ...more) => ['data', 'query', '--query', soql, '--target-org', ALIAS, ...more];

/** @returns {{ name: string, command: string, run: (ctx: any) => Promise<string> }[]} */
function sfChecks() {
  return [
    {
      name: 'login',
      command: 'sf org login access-token --instance-url <url> --no-prompt --alias ipemu-compat',
      async run(ctx) {
        const args = ['org', 'login', 'access-token', '--instance-url', ctx.server.instanceUrl, '--no-prompt', '--alias', ALIAS];
        const result = await sfResult(ctx, args, { SF_ACCESS_TOKEN: ctx.server.accessToken });
        const me = await ctx.rest.request('GET', '/services/oauth2/userinfo');
        expect(me.status === 200, `GET /services/oauth2/userinfo answered ${me.status}`);
        const user = await ctx.rest.request('GET', `/services/data/v${ctx.apiVersion}/sobjects/User/${me.body.user_id}`);
        expect(user.status === 200 && typeof user.body.Username === 'string', `GET …/sobjects/User/${me.body.user_id} answered ${user.status}`);
        expect(result.username === user.body.Username, `username ${result.username}, the User record says ${user.body.Username}`);
        expect(result.orgId === me.body.organization_id, `orgId ${result.orgId}, userinfo says ${me.body.organization_id}`);
        expect(result.orgId.slice(0, 15) === ctx.server.accessToken.slice(0, 15), `orgId ${result.orgId} is not the org the token names`);
        expect(result.instanceUrl.replace(/\/$/, '') === ctx.server.instanceUrl, `instanceUrl ${result.instanceUrl}`);
        // sf reads the org's name and edition with a query it lets fail silently: its answer shows here.
        const org = await ctx.rest.request('GET', `/services/data/v${ctx.apiVersion}/query?q=${encodeURIComponent('SELECT Name FROM Organization')}`);
        const orgName = org.body?.records?.[0]?.Name;
        expect(result.name === orgName && orgName !== undefined, `org name ${result.name}, the Organization record says ${orgName}`);
        ctx.login = result;
        return `${result.username} in ${result.orgId}`;
      },
    },
    {
      name: 'display',
      command: 'sf org display --target-org ipemu-compat',
      async run(ctx) {
        const result = await sfResult(ctx, ['org', 'display', '--target-org', ALIAS]);
        expect(result.connectedStatus === 'Connected', `connectedStatus "${result.connectedStatus}"`);
        expect(result.id === ctx.login?.orgId && result.username === ctx.login?.username, `id ${result.id}, username ${result.username}`);
        expect(result.apiVersion === ctx.apiVersion, `apiVersion ${result.apiVersion}, the server's newest is ${ctx.apiVersion}`);
        return `Connected, API ${result.apiVersion}`;
      },
    },
    {
      name: 'query',
      command: 'sf data query -q "SELECT Id, Name, Status FROM InsurancePolicy ORDER BY Name"',
      async run(ctx) {
        const result = await sfResult(ctx, queryArgs('SELECT Id, Name, Status FROM InsurancePolicy ORDER BY Name'));
        const expected = demoPolicies();
        expect(result.done === true && result.totalSize === expected.length, `totalSize ${result.totalSize}, the fixture has ${expected.length}`);
        const byId = new Map(expected.map((p) => [p.Id, p]));
        for (const record of result.records) {
          const want = byId.get(record.Id);
          expect(want !== undefined, `unexpected record ${record.Id}`);
          expect(record.Name === want.Name && record.Status === want.Status, `${record.Id}: ${record.Name}/${record.Status}`);
          expect(record.attributes?.type === 'InsurancePolicy', `${record.Id}: attributes ${JSON.stringify(record.attributes)}`);
        }
        const names = result.records.map((r) => r.Name);
        expect(
          names.every((n, i) => i === 0 || names[i - 1].toLowerCase() <= n.toLowerCase()),
          'records not in Name order',
        );
        return `${result.totalSize} policies, in Name order`;
      },
    },
    {
      name: 'query, csv, relationship',
      command: 'sf data query -q "SELECT Id, Name, Product.Name FROM InsurancePolicy WHERE ProductId != null ORDER BY Name" -r csv',
      async run(ctx) {
        // Human formats lay rows out by columnMetadata (joinColumns for Product.Name), which --json never reads.
        const soql = 'SELECT Id, Name, Product.Name FROM InsurancePolicy WHERE ProductId != null ORDER BY Name';
        expect(ctx.login !== undefined, 'not run: the login failed');
        const res = await ctx.sf(queryArgs(soql, '--result-format', 'csv'));
        expect(res.code === 0, sfFailure(res));
        const [header, ...rows] = parse(res.stdout, { relax_column_count: true });
        expect(JSON.stringify(header) === JSON.stringify(['Id', 'Name', 'Product.Name']), `header ${JSON.stringify(header)}`);
        const products = new Map(demoRecords('Product2').map((p) => [p.Id, p.Name]));
        const want = demoPolicies()
          .filter((p) => p.ProductId)
          .map((p) => [p.Id, p.Name, products.get(p.ProductId)])
          .sort((a, b) => a[1].toLowerCase().localeCompare(b[1].toLowerCase()));
        expect(rows.length === want.length, `${rows.length} rows, the fixture has ${want.length} policies with a product`);
        const sorted = [...rows].sort((a, b) => a[1].toLowerCase().localeCompare(b[1].toLowerCase()));
        expect(JSON.stringify(sorted) === JSON.stringify(want), `rows ${JSON.stringify(rows.slice(0, 2))}… differ from the fixture`);
        return `${rows.length} rows with Product.Name`;
      },
    },
    {
      name: 'query (deleted row hidden)',
      command: 'sf data query -q "SELECT Id, Name, IsDeleted FROM InsurancePolicy WHERE Name = …" (after a REST create + delete)',
      async run(ctx) {
        const created = await ctx.rest.request('POST', `/services/data/v${ctx.apiVersion}/sobjects/InsurancePolicy`, { Name: DELETED_NAME });
        expect(created.status === 201 && created.body?.success === true, `REST create answered ${created.status} ${JSON.stringify(created.body)}`);
        const deleted = await ctx.rest.request('DELETE', `/services/data/v${ctx.apiVersion}/sobjects/InsurancePolicy/${created.body.id}`);
        expect(deleted.status === 204, `REST delete answered ${deleted.status} ${JSON.stringify(deleted.body)}`);
        ctx.deletedId = created.body.id;
        const result = await sfResult(ctx, queryArgs(`SELECT Id, Name, IsDeleted FROM InsurancePolicy WHERE Name = '${DELETED_NAME}'`));
        expect(result.totalSize === 0 && result.records.length === 0, `totalSize ${result.totalSize}: the deleted row shows without --all-rows`);
        return `${created.body.id} deleted; 0 rows`;
      },
    },
    {
      name: 'query --all-rows',
      command: 'sf data query -q "SELECT Id, Name, IsDeleted FROM InsurancePolicy WHERE Name = …" --all-rows',
      async run(ctx) {
        expect(ctx.deletedId !== undefined, 'no deleted record (the previous check failed)');
        const result = await sfResult(ctx, queryArgs(`SELECT Id, Name, IsDeleted FROM InsurancePolicy WHERE Name = '${DELETED_NAME}'`, '--all-rows'));
        expect(result.totalSize === 1 && result.records.length === 1, `totalSize ${result.totalSize}, expected the 1 deleted row`);
        const [row] = result.records;
        expect(row.Id === ctx.deletedId && row.IsDeleted === true, `row ${row.Id} IsDeleted=${row.IsDeleted}`);
        return `${row.Id} IsDeleted=true`;
      },
    },
    {
      name: 'export bulk, json',
      command: 'sf data export bulk --query "SELECT Id, Status FROM AsyncApexJob" --output-file <tmp>.json --result-format json --wait 5',
      async run(ctx) {
        // sf 2.146 has no `data query --bulk`: `data export bulk` is its Bulk API 2.0 query (a job, polled, its CSV pages read).
        const soql = 'SELECT Id, Status FROM AsyncApexJob';
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ipemu-compat-export-')), 'jobs.json');
        try {
          await sfResult(ctx, [
            'data',
            'export',
            'bulk',
            '--query',
            soql,
            '--output-file',
            file,
            '--result-format',
            'json',
            '--wait',
            '5',
            '--target-org',
            ALIAS,
          ]);
          const records = JSON.parse(fs.readFileSync(file, 'utf8'));
          expect(Array.isArray(records), `the file holds ${typeof records}, not an array of records`);
          const want = await bulkExpected(ctx, soql);
          expect(records.length === want.size, `${records.length} records, /query answers ${want.size}`);
          for (const record of records) {
            expect(want.get(record.Id) === record.Status, `${record.Id}: Status ${record.Status}, /query says ${want.get(record.Id)}`);
          }
          return `${records.length} jobs through a Bulk API 2.0 query job`;
        } finally {
          fs.rmSync(path.dirname(file), { recursive: true, force: true });
        }
      },
    },
    {
      name: 'export bulk, csv',
      command: 'sf data export bulk --query "SELECT Id, Status FROM AsyncApexJob" --output-file <tmp>.csv --wait 5',
      async run(ctx) {
        const soql = 'SELECT Id, Status FROM AsyncApexJob';
        const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ipemu-compat-export-')), 'jobs.csv');
        try {
          await sfResult(ctx, [
            'data',
            'export',
            'bulk',
            '--query',
            soql,
            '--output-file',
            file,
            '--result-format',
            'csv',
            '--wait',
            '5',
            '--target-org',
            ALIAS,
          ]);
          const [header, ...rows] = parse(fs.readFileSync(file, 'utf8'));
          expect(JSON.stringify(header) === JSON.stringify(['Id', 'Status']), `header ${JSON.stringify(header)}`);
          const want = await bulkExpected(ctx, soql);
          expect(rows.length === want.size, `${rows.length} rows, /query answers ${want.size}`);
          for (const [id, status] of rows) expect(want.get(id) === status, `${id}: Status ${status}, /query says ${want.get(id)}`);
          return `${rows.length} rows written`;
        } finally {
          fs.rmSync(path.dirname(file), { recursive: true, force: true });
        }
      },
    },
    {
      name: 'describe',
      command: 'sf sobject describe -s InsurancePolicy',
      async run(ctx) {
        const result = await sfResult(ctx, ['sobject', 'describe', '--sobject', 'InsurancePolicy', '--target-org', ALIAS]);
        expect(result.name === 'InsurancePolicy' && result.keyPrefix === '0YT', `name ${result.name}, keyPrefix ${result.keyPrefix}`);
        const fields = new Set((result.fields ?? []).map((f) => f.name));
        const wanted = new Set(demoPolicies().flatMap((p) => Object.keys(p)));
        const missing = [...wanted].filter((f) => !fields.has(f));
        expect(missing.length === 0, `fields missing: ${missing.join(', ')}`);
        return `${fields.size} fields`;
      },
    },
    {
      name: 'get record',
      command: `sf data get record -s InsurancePolicy -i ${RECORD_ID}`,
      async run(ctx) {
        const result = await sfResult(ctx, ['data', 'get', 'record', '--sobject', 'InsurancePolicy', '--record-id', RECORD_ID, '--target-org', ALIAS]);
        const want = demoPolicies().find((p) => p.Id === RECORD_ID);
        expect(want !== undefined, `${RECORD_ID} is not in fixtures/demo`);
        for (const [field, value] of Object.entries(want)) {
          expect(result[field] === value, `${field}: ${JSON.stringify(result[field])}, the fixture says ${JSON.stringify(value)}`);
        }
        return `${result.Name}`;
      },
    },
    {
      name: 'limits',
      command: 'sf org list limits',
      async run(ctx) {
        const result = await sfResult(ctx, ['org', 'list', 'limits', '--target-org', ALIAS]);
        const limits = await ctx.rest.request('GET', `/services/data/v${ctx.apiVersion}/limits`);
        const want = limits.body?.DailyApiRequests;
        const row = Array.isArray(result) ? result.find((r) => r.name === 'DailyApiRequests') : undefined;
        expect(row !== undefined, `no DailyApiRequests row in ${JSON.stringify(result)}`);
        // /limits is not counted, so sf's figures and the ones read right after are the same.
        expect(row.max === want.Max && row.remaining === want.Remaining, `sf says ${row.remaining}/${row.max}, the API ${want.Remaining}/${want.Max}`);
        expect(row.remaining < row.max, `remaining ${row.remaining} did not drop below max ${row.max}`);
        return `DailyApiRequests ${row.remaining}/${row.max}`;
      },
    },
  ];
}

module.exports = { sfChecks, CheckFailed };
