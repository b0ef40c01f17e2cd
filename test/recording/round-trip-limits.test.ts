/* What a recording cannot reproduce (issue 17 item 3), pinned so the README's account stays true:
 * a job whose status moves with time is recorded as it stands when read, and a recording holds the
 * one user it was made as. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmulator } from '../../src/ipemu';
import { DEMO_FIXTURES, MockOrg } from '../../src/mock-org/mock-org';
import { startMockRestServer } from '../../src/mock-org/rest/server';
import { connectRecordingSource } from '../../src/orgs/jsforce/recording-source';
import { recordOrg } from '../../src/recording/record-org';

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
/** The demo's `$timeline` job: Queued, Processing after 2 s, Completed after 6 s (fixtures/demo/README.md). */
const TIMELINE_REF = { referencePolicyNumber: 'AUTO-2026-0500' };

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ipemu-recording-limits-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function record(source: MockOrg, out: string): Promise<void> {
  const server = await startMockRestServer({ org: source });
  try {
    const recording = await connectRecordingSource({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, apiVersion: '64.0', maxRetries: 0 });
    try {
      await recordOrg(recording, { out });
    } finally {
      await recording.close();
    }
  } finally {
    await server.close();
  }
}

const statusOn = async (org: MockOrg, input: Record<string, unknown>): Promise<unknown> =>
  (await createEmulator({ org, procedures: false }).invoke(KEY, input)).status;

describe('a recording is a snapshot', () => {
  it('a job moving with the clock is recorded at its status when read (Queued), and stays there while the source moves on to Completed', async () => {
    let now = Date.UTC(2026, 10, 20);
    const source = await MockOrg.fromFixtures(DEMO_FIXTURES, { clock: () => now });
    const out = join(work, 'at-start');
    await record(source, out);
    const recorded = await MockOrg.fromFixtures(out);
    expect(await statusOn(source, TIMELINE_REF)).toBe('WaitingToProcess');
    expect(await statusOn(recorded, TIMELINE_REF)).toBe('WaitingToProcess');
    now += 7_000;
    expect(await statusOn(source, TIMELINE_REF)).toBe('Success');
    expect(await statusOn(recorded, TIMELINE_REF)).toBe('WaitingToProcess');
    // Recorded again once the job is final, the recording agrees.
    const later = join(work, 'later');
    await record(source, later);
    expect(await statusOn(await MockOrg.fromFixtures(later), TIMELINE_REF)).toBe('Success');
  });
});

describe('a recording holds the one user it was made as', () => {
  it("recorded as admin: org.json names admin only, and agent's hidden ReferencePolicyNumber is readable in it (the source refuses agent)", async () => {
    const out = join(work, 'as-admin');
    await record(await MockOrg.fromFixtures(DEMO_FIXTURES), out);
    const doc = JSON.parse(readFileSync(join(out, 'org.json'), 'utf8')) as { users: Record<string, unknown> };
    expect(doc.users).toEqual({ admin: { default: true } });
    const input = { referencePolicyNumber: 'HOME-2025-0042' };
    expect((await createEmulator({ org: await MockOrg.fromFixtures(DEMO_FIXTURES, { user: 'agent' }), procedures: false }).invoke(KEY, input)).errorCode).toBe(
      'INVOKE-403',
    );
    expect((await createEmulator({ org: await MockOrg.fromFixtures(out), procedures: false }).invoke(KEY, input)).errorCode).toBe('INVOKE-200');
  });

  it("recorded as agent: the fixture user carries agent's hidden field, so the recording refuses it as the source does", async () => {
    const out = join(work, 'as-agent');
    await record(await MockOrg.fromFixtures(DEMO_FIXTURES, { user: 'agent' }), out);
    const doc = JSON.parse(readFileSync(join(out, 'org.json'), 'utf8')) as { users: Record<string, { hiddenFields?: string[] }> };
    expect(doc.users.agent?.hiddenFields).toContain('InsurancePolicy.ReferencePolicyNumber');
    const out403 = await createEmulator({ org: await MockOrg.fromFixtures(out), procedures: false }).invoke(KEY, { referencePolicyNumber: 'HOME-2025-0042' });
    expect(out403).toMatchObject({ errorCode: 'INVOKE-403', details: { fields: ['InsurancePolicy.ReferencePolicyNumber'] } });
  });
});
