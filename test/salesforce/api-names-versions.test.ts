import { Command } from 'commander';
import { PassThrough } from 'node:stream';
import { API_NAME, isApiName, isApiNamePath } from '../../src/salesforce/api-names';
import { checkApiVersion, DEFAULT_API_VERSION, majorOf, NEWEST_API_MAJOR } from '../../src/salesforce/api-versions';
import { apiVersions, isKnownVersion, NEWEST_VERSION } from '../../src/mock-org/rest/versions';
import { DEFAULT_API_VERSION as CONNECT_DEFAULT, connectOrg } from '../../src/orgs/jsforce/connect';
import { DEFAULT_API_VERSION as CLI_DEFAULT } from '../../src/cli/org-flags';
import { buildProgram } from '../../src/cli/program';
import { MockOrg } from '../../src/mock-org/mock-org';
import { resolveConfig } from '../../src/core/config';
import { buildSchema, SchemaProblem } from '../../src/mock-org/schema/schema';
import { DEFAULT_HOST, DEFAULT_SERVE_PORT } from '../../src/core/listen-defaults';
import { DEFAULT_HOST as HTTP_HOST, DEFAULT_PORT as HTTP_PORT } from '../../src/http/server';

function program(): Command {
  const io = { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: {}, cwd: process.cwd() };
  return buildProgram({ io, setExitCode: () => undefined, writeErr: () => undefined });
}

function defaultOf(path: string[], flag: string): unknown {
  let cmd = program();
  for (const name of path) cmd = cmd.commands.find((c) => c.name() === name)!;
  return cmd.options.find((o) => o.long === flag)!.defaultValue;
}

describe('one default API version (src/salesforce/api-versions.ts)', () => {
  it('is 64.0, and the CLI, connectOrg, the mock org and the fake REST API all use it', async () => {
    expect(DEFAULT_API_VERSION).toBe('64.0');
    expect(CONNECT_DEFAULT).toBe(DEFAULT_API_VERSION);
    expect(CLI_DEFAULT).toBe(DEFAULT_API_VERSION);
    for (const command of ['invoke', 'batch', 'serve']) expect(defaultOf([command], '--api-version')).toBe(DEFAULT_API_VERSION);
    expect((await MockOrg.fromFixtures({})).apiVersion).toBe(DEFAULT_API_VERSION);
    expect(NEWEST_VERSION).toBe(NEWEST_API_MAJOR);
    expect(apiVersions().at(-1)!.version).toBe(DEFAULT_API_VERSION);
    expect(isKnownVersion(`v${DEFAULT_API_VERSION}`)).toBe(true);
    expect(isKnownVersion(`v${NEWEST_API_MAJOR + 1}.0`)).toBe(false);
    expect(isKnownVersion(DEFAULT_API_VERSION)).toBe(false);
  });

  it('one version check: NN.0 or NNN.0, in checkApiVersion and connectOrg', async () => {
    expect(majorOf('64.0')).toBe(64);
    expect(majorOf('100.0')).toBe(100);
    for (const bad of ['64', '64.1', 'v64.0', '6.0', '1000.0']) {
      expect(majorOf(bad)).toBeUndefined();
      expect(() => checkApiVersion(bad)).toThrow(`API version "${bad}" is not of the form 64.0.`);
      await expect(connectOrg({ instanceUrl: 'http://127.0.0.1:9', accessToken: 'token-1234', apiVersion: bad })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: `API version "${bad}" is not of the form 64.0.`,
      });
    }
  });
});

describe('one API-name pattern (src/salesforce/api-names.ts, defined in core/salesforce-api.ts)', () => {
  const good = ['InsurancePolicy', 'Custom__c', 'a1'];
  const bad = ['1abc', '_x', 'a-b', 'a.b', '', 'Name '];

  it('names and dotted paths', () => {
    for (const name of good) expect(isApiName(name)).toBe(true);
    for (const name of bad) expect(isApiName(name)).toBe(false);
    expect(isApiNamePath('InsuranceAsyncBulkRequestItem.BatchJobId')).toBe(true);
    expect(isApiNamePath('A.')).toBe(false);
    expect(API_NAME.test('InsurancePolicy')).toBe(true);
  });

  it('the config, the fixture schema and the fake REST API apply it alike', () => {
    for (const name of bad.filter((n) => n !== '')) {
      expect(() => resolveConfig({ jobLink: { sobject: name } })).toThrow('jobLink.sobject must be an object API name');
      const problems: SchemaProblem[] = [];
      buildSchema({ Thing__c: { keyPrefix: 'a0T', fields: { [name]: { type: 'string' } } } }, problems);
      expect(problems).toContainEqual({ object: 'Thing__c', field: name, message: 'is not a valid field API name' });
    }
    for (const name of good) {
      expect(() => resolveConfig({ jobLink: { sobject: name } })).not.toThrow();
      const problems: SchemaProblem[] = [];
      buildSchema({ Thing__c: { keyPrefix: 'a0T', fields: { [name]: { type: 'string' } } } }, problems);
      expect(problems).toEqual([]);
    }
    expect(() => resolveConfig({ jobLink: { jobIdField: 'A.B_c.C' } })).not.toThrow();
    expect(() => resolveConfig({ jobLink: { jobIdField: 'A..B' } })).toThrow('jobLink.jobIdField');
  });
});

describe('one listening default (src/core/listen-defaults.ts)', () => {
  it('127.0.0.1 and port 8080 for ipemu serve; the CLI flags and the HTTP server agree', () => {
    expect(DEFAULT_HOST).toBe('127.0.0.1');
    expect(DEFAULT_SERVE_PORT).toBe(8080);
    expect(HTTP_HOST).toBe(DEFAULT_HOST);
    expect(HTTP_PORT).toBe(DEFAULT_SERVE_PORT);
    expect(defaultOf(['serve'], '--host')).toBe(DEFAULT_HOST);
    expect(defaultOf(['serve'], '--port')).toBe(DEFAULT_SERVE_PORT);
    expect(defaultOf(['mock-org', 'serve'], '--host')).toBe(DEFAULT_HOST);
  });
});
