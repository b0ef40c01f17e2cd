import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MockOrg } from '../../../src/mock-org/mock-org';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';

/** MockOrg with `state`: the org starts from its fixtures plus the file, and keeps its writes there. */

const POLICY = '0YT5w000000Y8MNGA0';
const FIXTURES: FixtureDocument = {
  users: { admin: { default: true }, agent: {} },
  records: {
    InsurancePolicy: [{ Id: POLICY, Name: 'P-0001', ReferencePolicyNumber: 'REF-0001' }],
  },
};

let dir: string;
let file: string;
let now: number;
const clock = (): number => now;
const orgs: MockOrg[] = [];

function openOrg(options: { user?: string } = {}): MockOrg {
  const org = MockOrg.fromFixturesSync(FIXTURES, { state: file, clock, ...options });
  orgs.push(org);
  return org;
}

function names(org: MockOrg): unknown[] {
  return org.querySync('SELECT Name FROM InsurancePolicy ORDER BY Name').records.map((r) => r.Name);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-mock-state-'));
  file = join(dir, 'org.state');
  now = Date.UTC(2026, 11, 1, 10);
});

afterEach(() => {
  for (const org of orgs.splice(0)) org.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

describe('MockOrg.fromFixtures with state: writes outlast the process', () => {
  it('creates, updates and deletes are there after a reopen; the deleted record stays deleted', async () => {
    const first = openOrg();
    const a = first.createSync('InsurancePolicy', { Name: 'P-A' });
    const b = first.createSync('InsurancePolicy', { Name: 'P-B' });
    first.updateSync('InsurancePolicy', a, { Name: 'P-A2' });
    first.updateSync('InsurancePolicy', POLICY, { Name: 'P-0001-x' });
    first.deleteSync('InsurancePolicy', b);
    await first.close();

    const second = openOrg();
    expect(names(second)).toEqual(['P-0001-x', 'P-A2']);
    expect(() => second.deleteSync('InsurancePolicy', b)).toThrow(expect.objectContaining({ errorCode: 'ENTITY_IS_DELETED' }));
  });

  it("a view of another user (asUser) writes to the same file, and closing any view closes the org's state", async () => {
    const org = openOrg();
    org.asUser('agent').createSync('InsurancePolicy', { Name: 'by agent' });
    await org.asUser('agent').close();
    expect(() => org.createSync('InsurancePolicy', { Name: 'after close' })).toThrow(/is closed; the write was not made/);
    expect(names(org)).toEqual(['by agent', 'P-0001']);
    expect(names(openOrg())).toEqual(['by agent', 'P-0001']);
  });

  it('a job written with a timeline moves on absolute time: started before a restart, it finishes on time after it', () => {
    const first = openOrg();
    const jobId = first.asPlatform((platform) =>
      platform.insert('AsyncApexJob', { Status: 'Queued', JobType: 'Queueable' }, [
        { at: now + 2_000, values: { Status: 'Processing' } },
        { at: now + 6_000, values: { Status: 'Completed', NumberOfErrors: 0 } },
      ]),
    );
    first.closeSync();

    const status = (org: MockOrg): unknown => org.querySync('SELECT Status FROM AsyncApexJob WHERE Id = :jobId', { jobId }).records[0]?.Status;
    now += 3_000; // the restart comes 3 s later: the job is Processing, not Queued again
    const second = openOrg();
    expect(status(second)).toBe('Processing');
    now += 3_000;
    expect(status(second)).toBe('Completed');
  });

  it('a rolled-back transaction writes no line', () => {
    const org = openOrg();
    const before = readFileSync(file, 'utf8');
    expect(() =>
      org.transaction((tx) => {
        tx.createSync('InsurancePolicy', { Name: 'never' });
        throw new Error('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(names(org)).toEqual(['P-0001']);
  });

  it('one transaction of several writes is one line', () => {
    const org = openOrg();
    const lines = (): number => readFileSync(file, 'utf8').split('\n').length;
    const before = lines();
    org.transaction((tx) => {
      tx.createSync('InsurancePolicy', { Name: 'one' });
      tx.createSync('InsurancePolicy', { Name: 'two' });
    });
    expect(lines()).toBe(before + 1);
  });

  it('a second org on the same file in this process is refused while the first is open', () => {
    openOrg();
    expect(() => MockOrg.fromFixturesSync(FIXTURES, { state: file })).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringContaining(`The state file ${file} is in use by process ${process.pid}`) }),
    );
  });

  it('a state file written on other fixtures is refused naming its line, and its lock released', () => {
    const org = openOrg();
    org.updateSync('InsurancePolicy', POLICY, { Name: 'changed' });
    org.closeSync();
    const other: FixtureDocument = { users: { admin: { default: true } }, records: {} };
    expect(() => MockOrg.fromFixturesSync(other, { state: file })).toThrow(`The state file ${file} line 2 cannot be replayed on these fixtures:`);
    expect(() => statSync(`${file}.lock`)).toThrow();
  });

  it('a torn last line is dropped and cut off; the org opens with every whole line', () => {
    const org = openOrg();
    org.createSync('InsurancePolicy', { Name: 'whole' });
    org.closeSync();
    const whole = readFileSync(file, 'utf8');
    writeFileSync(file, `${whole}{"changes":[{"op":"insert","object":"InsurancePolicy","id":"0YT`);
    expect(names(openOrg())).toEqual(['P-0001', 'whole']);
    expect(readFileSync(file, 'utf8')).toBe(whole);
  });

  it('many updates of the same rows are compacted while the org runs (the journal stays under 1 MiB), and the org reads the same after a reopen', () => {
    const org = openOrg();
    const id = org.createSync('InsurancePolicy', { Name: 'v0' });
    const updates = 8000;
    for (let i = 1; i <= updates; i++) org.updateSync('InsurancePolicy', i % 2 ? id : POLICY, { Name: `v${i}` });
    const before = names(org);
    org.closeSync();
    const oneUpdate = readFileSync(file, 'utf8').trimEnd().split('\n').pop()!.length;
    expect(oneUpdate * updates).toBeGreaterThan(1.5 * 2 ** 20);
    expect(statSync(file).size).toBeLessThan(2 ** 20);
    expect(names(openOrg())).toEqual(before);
  });
});

describe('MockOrg without state', () => {
  it('starts fresh from its fixtures every time', () => {
    const org = MockOrg.fromFixturesSync(FIXTURES, { clock });
    org.createSync('InsurancePolicy', { Name: 'gone' });
    expect(names(MockOrg.fromFixturesSync(FIXTURES, { clock }))).toEqual(['P-0001']);
  });
});
