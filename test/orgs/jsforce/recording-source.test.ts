import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import { JsforceRecordingSource } from '../../../src/orgs/jsforce/recording-source';
import { parseCsvPage } from '../../../src/orgs/jsforce/bulk-query-pages';
import { removeDir, serve, tempDir } from '../../recording/record-helpers';

/* The jsforce RecordingSource (issue 17): deadlines, hidden objects, Bulk API 2.0 pages, secrets. */

describe('JsforceRecordingSource', () => {
  test('an org that never answers: the request ends at the deadline as OrgError TIMEOUT (the recording stays resumable), it does not hang', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    const org = await connectOrg({ instanceUrl: `http://127.0.0.1:${port}`, accessToken: 'token-that-must-not-leak', maxRetries: 0 });
    const source = new JsforceRecordingSource(org, [], { requestTimeoutMs: 300 });
    const started = Date.now();
    try {
      await expect(source.identity()).rejects.toMatchObject({ name: 'OrgError', errorCode: 'TIMEOUT' });
      await expect(source.describe('AsyncApexJob')).rejects.toMatchObject({ errorCode: 'TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await source.close();
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test('describe of an object the user cannot see answers "hidden"; secrets() holds the access token', async () => {
    const served = await serve({ users: { u: { default: true, hiddenObjects: ['AsyncApexJob'] } } });
    try {
      expect(await served.source.describe('AsyncApexJob')).toBe('hidden');
      expect(await served.source.describe('NoSuch__c')).toBe('hidden');
      expect(served.source.secrets()).toContain(served.server.accessToken);
    } finally {
      await served.close();
    }
  });

  test('bulkQuery hands on every page of a job (maxRecords 7: 32 rows in 5 pages, the header on each), then deletes the job', async () => {
    const served = await serve();
    const out = tempDir();
    try {
      const jobs = async (): Promise<unknown[]> => {
        const listed = await fetch(`${served.server.instanceUrl}/services/data/v64.0/jobs/query`, {
          headers: { Authorization: `Bearer ${served.server.accessToken}` },
        });
        return ((await listed.json()) as { records: unknown[] }).records;
      };
      const pages = [];
      let during: unknown[] = [];
      for await (const page of served.source.bulkQuery('SELECT Id, Status FROM AsyncApexJob', { pageSize: 7 })) {
        if (pages.length === 0) during = await jobs();
        pages.push(page);
      }
      expect(during).toHaveLength(1);
      expect(pages.map((p) => p.rows.length)).toEqual([7, 7, 7, 7, 4]);
      expect(pages.every((p) => p.header.join(',') === 'Id,Status')).toBe(true);
      const ids = pages.flatMap((p) => p.rows.map((r) => r[0]));
      expect(ids).toEqual((await served.org.query('SELECT Id FROM AsyncApexJob')).records.map((r) => r.Id));
      expect(await jobs()).toEqual([]);
    } finally {
      await served.close();
      removeDir(out);
    }
  });

  test('parseCsvPage: quoted cells with commas, quotes and newlines; an empty body is an empty page', () => {
    expect(parseCsvPage('Id,Name\n"a1","x, ""y""\nz"\n')).toEqual({ header: ['Id', 'Name'], rows: [['a1', 'x, "y"\nz']] });
    expect(parseCsvPage('')).toEqual({ header: [], rows: [] });
    expect(parseCsvPage('Id\n')).toEqual({ header: ['Id'], rows: [] });
  });
});
