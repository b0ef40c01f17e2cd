import { createEmulator } from '../../src/ipemu';
import type { Emulator } from '../../src/core/emulator';
import { connectOrg } from '../../src/orgs/jsforce/connect';
import { startHangingOrg, type HangingOrg } from './hanging-org';

/**
 * Issue 12 item 3: one hung org request must not poison the real-org path. jsforce has no request
 * timeout; a describe that never settled stayed cached, so every later call was INVOKE-504 even once
 * the org was healthy, and the hung socket stayed open. Each call here goes through jsforce to a
 * loopback org (hanging-org.ts) that hangs the first describe, query or token request and is
 * healthy afterwards.
 */

const KEY = 'InsPolicyService:getPolicyAsyncJobStatus';
const JOB = '7075j00004uK6GjAAK';
const OK = { status: 'Success', jobId: JOB, errorCode: 'INVOKE-200', error: 'OK' };
/** Far under jsforce's own 30-minute limit: a socket still open after this was never cancelled. */
const CLOSE_GUARD_MS = 3_000;

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

let org: HangingOrg;
let emu: Emulator;

beforeEach(async () => {
  org = await startHangingOrg();
});

afterEach(async () => {
  await emu?.close();
  await org.close();
});

async function connect(extra: Record<string, unknown> = {}): Promise<Emulator> {
  const real = await connectOrg({ instanceUrl: org.url, accessToken: 'x', maxRetries: 0, ...extra });
  emu = createEmulator({ org: real });
  return emu;
}

describe('a hung org request', () => {
  it('a describe that hangs: INVOKE-504 at the timeout, its socket is closed, and the next call answers INVOKE-200', async () => {
    await connect();
    org.hang.describe = 1;
    expect(await emu.invoke(KEY, { jobId: JOB }, { timeout: 300 })).toMatchObject({ errorCode: 'INVOKE-504' });
    // The abandoned describe was not kept: this call asks the org again, which is healthy now.
    expect(await emu.invoke(KEY, { jobId: JOB }, { timeout: 5_000 })).toEqual(OK);
    const [held] = await org.untilHeld(1);
    expect(held!.kind).toBe('describe');
    await within(held!.closed, CLOSE_GUARD_MS, 'the hung describe closing its connection');
  });

  it('a query that hangs: INVOKE-504 at the timeout, its socket is closed, and the next call answers INVOKE-200', async () => {
    await connect();
    org.hang.query = 1;
    expect(await emu.invoke(KEY, { jobId: JOB }, { timeout: 300 })).toMatchObject({ errorCode: 'INVOKE-504' });
    const [held] = await org.untilHeld(1);
    expect(held!.kind).toBe('query');
    await within(held!.closed, CLOSE_GUARD_MS, 'the hung query closing its connection');
    expect(await emu.invoke(KEY, { jobId: JOB }, { timeout: 5_000 })).toEqual(OK);
  });

  it('a query whose answer stalls after half its body: INVOKE-504 at the timeout, its socket is closed, and the next call answers INVOKE-200', async () => {
    await connect();
    org.stall.query = 1;
    expect(await emu.invoke(KEY, { jobId: JOB }, { timeout: 300 })).toMatchObject({ errorCode: 'INVOKE-504' });
    const [held] = await org.untilHeld(1);
    await within(held!.closed, CLOSE_GUARD_MS, 'the stalled query closing its connection');
    expect(await emu.invoke(KEY, { jobId: JOB }, { timeout: 5_000 })).toEqual(OK);
  });

  it('two calls share a describe that hangs: the first times out without failing the second, which answers once the org does', async () => {
    await connect();
    org.hang.describe = 1;
    const hasty = emu.invoke(KEY, { jobId: JOB }, { timeout: 300 });
    const patient = emu.invoke(KEY, { jobId: JOB }, { timeout: 10_000 });
    expect(await hasty).toMatchObject({ errorCode: 'INVOKE-504' });
    const [held] = await org.untilHeld(1);
    expect(held!.isClosed()).toBe(false);
    held!.release();
    expect(await patient).toEqual(OK);
    expect(org.held).toHaveLength(1);
  });

  it('a token refresh that hangs: the call answers INVOKE-504 at its timeout, and closing the org closes the token request', async () => {
    await connect({ refreshToken: 'refresh-token', clientId: 'cid', loginUrl: org.url, accessToken: undefined, instanceUrl: undefined });
    org.expireSession = 1;
    org.hang.token = 1;
    const out = await emu.invoke(KEY, { jobId: JOB }, { timeout: 300 });
    expect(out).toMatchObject({ errorCode: 'INVOKE-504' });
    const [held] = await org.untilHeld(1);
    expect(held!.kind).toBe('token');
    await emu.close();
    await within(held!.closed, CLOSE_GUARD_MS, 'the hung token request closing its connection');
  });
});
