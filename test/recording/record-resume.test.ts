import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrgError } from '../../src/core/org';
import { recordOrg } from '../../src/recording/record-org';
import type { RecordingManifest } from '../../src/recording/record-manifest';
import type { RecordProgress } from '../../src/recording/record-progress';
import { DEMO, DEMO_OBJECTS, readRecords, removeDir, serve, tempDir, type Served } from './record-helpers';

/* Resumable recordings (issue 17 item 5): the manifest, --resume, and what --out may hold. */

const opened: Served[] = [];
let out: string;
beforeEach(() => {
  out = tempDir();
});
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  removeDir(out);
});

async function served(options: Parameters<typeof serve>[1] = {}, fixtures: Parameters<typeof serve>[0] = DEMO): Promise<Served> {
  const s = await serve(fixtures, options);
  opened.push(s);
  return s;
}

function manifest(): RecordingManifest {
  return JSON.parse(readFileSync(join(out, '.ipemu-recording.json'), 'utf8')) as RecordingManifest;
}

/** The queries a server was sent, as their SOQL text. */
function queries(s: Served): string[] {
  return s.urls().flatMap((url) => {
    const m = /\/query\/?\?q=(.*)$/.exec(url);
    return m ? [m[1]!] : [];
  });
}

describe('an org failure in the middle, then --resume', () => {
  test('the second object fails (REQUEST_LIMIT_EXCEEDED): the first stays finished, the recording unfinished; without resume the folder is refused; with resume only the unfinished objects are read (no describe, no query of the first)', async () => {
    // 5 describes, then AsyncApexJob's count and query: the 8th request, InsurancePolicy's count, is refused.
    const first = await served({ dailyApiRequests: 7 });
    await expect(recordOrg(first.source, { out })).rejects.toMatchObject({ name: 'OrgError', errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    expect(manifest().status).toBe('unfinished');
    expect(Object.keys(manifest().finished)).toEqual(['AsyncApexJob']);
    expect(existsSync(join(out, 'AsyncApexJob.json'))).toBe(true);
    expect(existsSync(join(out, 'InsurancePolicy.json'))).toBe(false);
    expect(existsSync(join(out, 'org.json'))).toBe(false);

    const second = await served();
    await expect(recordOrg(second.source, { out })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('pass --resume') });
    const kept: string[] = [];
    const summary = await recordOrg(second.source, { out, resume: true }, { kept: (object) => kept.push(object) });
    expect(kept).toEqual(['AsyncApexJob']);
    expect(summary.objects.map((o) => [o.object, o.resumed])).toEqual(DEMO_OBJECTS.map((o) => [o, o === 'AsyncApexJob']));
    expect(second.urls().some((url) => url.includes('/describe'))).toBe(false);
    expect(queries(second).some((soql) => /FROM AsyncApexJob/.test(soql))).toBe(false);
    expect(queries(second).some((soql) => /FROM InsurancePolicy/.test(soql))).toBe(true);
    expect(manifest().status).toBe('finished');

    // The same files a recording in one go writes (the demo's jobs with a timeline move with the clock: their Ids are compared).
    const whole = tempDir();
    try {
      await recordOrg(second.source, { out: whole });
      const ids = (records: Record<string, unknown>[]): unknown[] => records.map((r) => r.Id);
      expect(ids(readRecords(out, 'AsyncApexJob'))).toEqual(ids(readRecords(whole, 'AsyncApexJob')));
      for (const object of DEMO_OBJECTS.slice(1)) expect(readRecords(out, object)).toEqual(readRecords(whole, object));
      expect(readFileSync(join(out, 'org.json'), 'utf8')).toBe(readFileSync(join(whole, 'org.json'), 'utf8'));
    } finally {
      removeDir(whole);
    }
  });

  test('a stop (the signal aborts after the first object) leaves a resumable recording, with the anonymize salt kept until it finishes', async () => {
    const s = await served();
    const stop = new AbortController();
    const progress: RecordProgress = { finished: () => stop.abort(new Error('SIGINT')) };
    await expect(recordOrg(s.source, { out, anonymize: true, signal: stop.signal }, progress)).rejects.toThrow('SIGINT');
    expect(manifest().status).toBe('unfinished');
    expect(typeof manifest().salt).toBe('string');
    expect(Object.keys(manifest().finished)).toEqual(['AsyncApexJob']);
    const summary = await recordOrg(s.source, { out, anonymize: true, resume: true });
    expect(summary.objects.filter((o) => o.resumed).map((o) => o.object)).toEqual(['AsyncApexJob']);
    expect(manifest()).not.toHaveProperty('salt');
  });

  test('resume with other options, or against another user: INVALID_INPUT naming what differs, and nothing is read', async () => {
    const first = await served({ dailyApiRequests: 7 });
    await expect(recordOrg(first.source, { out, limit: 5 })).rejects.toMatchObject({ errorCode: 'REQUEST_LIMIT_EXCEEDED' });
    const second = await served();
    await expect(recordOrg(second.source, { out, limit: 6, resume: true })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('--limit'),
    });
    await expect(recordOrg(second.source, { out, resume: true, anonymize: true, limit: 5 })).rejects.toMatchObject({
      message: expect.stringContaining('--anonymize'),
    });
    const other = await served({}, { users: { someoneelse: { default: true } } });
    await expect(recordOrg(other.source, { out, limit: 5, resume: true })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('as user'),
    });
    expect(queries(second)).toEqual([]);
  });
});

describe('what --out may hold', () => {
  test('a folder with other files is refused and left as it was; a finished recording is overwritten; --resume of a finished one or of nothing is refused', async () => {
    const s = await served();
    writeFileSync(join(out, 'notes.txt'), 'mine');
    await expect(recordOrg(s.source, { out })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('not empty') });
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');

    const fresh = join(out, 'rec');
    await expect(recordOrg(s.source, { out: fresh, resume: true })).rejects.toMatchObject({ message: expect.stringContaining('no recording to resume') });
    await recordOrg(s.source, { out: fresh, objects: ['Product2'] });
    expect(existsSync(join(fresh, 'Product2.json'))).toBe(true);
    await recordOrg(s.source, { out: fresh });
    expect(existsSync(join(fresh, 'Product2.json'))).toBe(false);
    await expect(recordOrg(s.source, { out: fresh, resume: true })).rejects.toMatchObject({ message: expect.stringContaining('is finished') });

    writeFileSync(join(fresh, 'Account.json'), '[]');
    await expect(recordOrg(s.source, { out: fresh })).rejects.toMatchObject({ message: expect.stringContaining('Account.json') });
    expect(existsSync(join(fresh, 'AsyncApexJob.json'))).toBe(true);
  });

  test('an org that fails before anything is recorded (its identity request) leaves no folder behind', async () => {
    const s = await served();
    const fresh = join(out, 'never');
    const failing = Object.assign(Object.create(Object.getPrototypeOf(s.source) as object) as typeof s.source, s.source, {
      identity: async () => Promise.reject(new OrgError('UNREACHABLE', 'The org could not be reached (ECONNREFUSED).', 502)),
    });
    await expect(recordOrg(failing, { out: fresh })).rejects.toMatchObject({ errorCode: 'UNREACHABLE' });
    expect(existsSync(fresh)).toBe(false);
  });

  test('an --out that is a file, or a manifest that is not one: INVALID_INPUT', async () => {
    const s = await served();
    const file = join(out, 'file');
    writeFileSync(file, 'x');
    await expect(recordOrg(s.source, { out: file })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('not a folder') });
    const dir = join(out, 'bad');
    mkdirSync(dir);
    writeFileSync(join(dir, '.ipemu-recording.json'), '{"format":9}');
    await expect(recordOrg(s.source, { out: dir })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('not a recording manifest'),
    });
  });
});
