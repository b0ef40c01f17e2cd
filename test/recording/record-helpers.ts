import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { MockOrg } from '../../src/mock-org/mock-org';
import type { FixtureDocument } from '../../src/mock-org/fixtures/types';
import { startMockRestServer, type MockRestServer, type MockRestServerOptions } from '../../src/mock-org/rest/server';
import type { RecordingSource } from '../../src/core/recording-source';
import { connectRecordingSource } from '../../src/orgs/jsforce/recording-source';

export const DEMO = join(__dirname, '../../fixtures/demo');
export const DEMO_OBJECTS = ['AsyncApexJob', 'InsurancePolicy', 'InsuranceAsyncBulkRequest', 'InsuranceAsyncBulkRequestItem', 'InsuranceAsyncBulkRecordDetail'];

export interface Served {
  org: MockOrg;
  server: MockRestServer;
  source: RecordingSource;
  /** Every request URL the server logged so far (tokens redacted by the server). */
  urls(): string[];
  close(): Promise<void>;
}

/** A mock org served over loopback (fake REST API, Bulk API 2.0 without processing delay) and read through jsforce. */
/** The served orgs' clock: the demo's jobs with a timeline stay where they are while a test compares. */
export const FIXED_CLOCK = (): number => Date.parse('2026-12-01T12:00:00.000Z');

export async function serve(fixtures: string | FixtureDocument = DEMO, options: Partial<MockRestServerOptions> = {}): Promise<Served> {
  const org = await MockOrg.fromFixtures(fixtures, { clock: FIXED_CLOCK });
  const stream = new PassThrough();
  let logged = '';
  stream.on('data', (chunk: Buffer) => (logged += chunk.toString('utf8')));
  const server = await startMockRestServer({ org, logger: true, logStream: stream, bulkQuery: { processingDelayMs: 0 }, ...options });
  const source = await connectRecordingSource({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, apiVersion: '64.0', maxRetries: 0 });
  return {
    org,
    server,
    source,
    urls: () =>
      logged
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url)
        .filter((url): url is string => url !== undefined)
        .map((url) => decodeURIComponent(url.replace(/\+/g, ' '))),
    close: async () => {
      await source.close();
      await server.close();
    },
  };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ipemu-record-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Every file of a directory, as text (names starting with '.' included). */
export function allText(dir: string): string {
  return readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), 'utf8'))
    .join('\n');
}

export function readRecords(dir: string, object: string): Record<string, unknown>[] {
  return JSON.parse(readFileSync(join(dir, `${object}.json`), 'utf8')) as Record<string, unknown>[];
}

/** The records of `object` as the source org and the recorded org answer the same query (every recorded field). */
export async function bothAnswers(source: MockOrg, out: string, object: string): Promise<{ source: unknown[]; recorded: unknown[] }> {
  const fields = Object.keys(readRecords(out, object)[0] ?? { Id: null });
  const soql = `SELECT ${fields.join(', ')} FROM ${object} ORDER BY Id`;
  const recorded = await MockOrg.fromFixtures(out, { clock: FIXED_CLOCK });
  return { source: (await source.query(soql)).records, recorded: (await recorded.query(soql)).records };
}
