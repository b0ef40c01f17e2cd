import { PassThrough, Writable } from 'node:stream';
import { MIN_SECRET_LENGTH, REDACTED, scrubSecrets, secretList } from '../../src/core/secrets';
import { main } from '../../src/cli/main';
import { toOrgError } from '../../src/orgs/jsforce/errors';

describe('the one secret scrubber (src/core/secrets.ts)', () => {
  it('replaces every occurrence of a known secret with [redacted]', () => {
    expect(REDACTED).toBe('[redacted]');
    expect(scrubSecrets("error: unknown option '00Dabc!secret' near 00Dabc!secret", ['00Dabc!secret'])).toBe(
      "error: unknown option '[redacted]' near [redacted]",
    );
  });

  it(`ignores secrets shorter than ${MIN_SECRET_LENGTH} characters, and undefined ones`, () => {
    expect(MIN_SECRET_LENGTH).toBe(4);
    expect(scrubSecrets('a cat sat', ['cat', undefined])).toBe('a cat sat');
    expect(scrubSecrets('a cats sat', ['cats'])).toBe(`a ${REDACTED} sat`);
    expect(secretList(['abc', 'abcd', 'abcd', undefined, 'abcdef'])).toEqual(['abcdef', 'abcd']);
  });

  it('scrubs a longer secret whole even when a shorter secret is part of it', () => {
    expect(scrubSecrets('token tok-1234-long', ['tok-1234', 'tok-1234-long'])).toBe(`token ${REDACTED}`);
  });

  it('scrubs bearer headers and token parameters it was never told about', () => {
    expect(scrubSecrets('Authorization: Bearer 00Dxx!unknown', [])).toBe(`Authorization: Bearer ${REDACTED}`);
    expect(scrubSecrets('POST /token?grant_type=password&password=hunter22&access_token=abc', [])).toBe(
      `POST /token?grant_type=password&password=${REDACTED}&access_token=${REDACTED}`,
    );
    expect(scrubSecrets('refresh_token=r1&client_secret=s1&sid=x1', [])).toBe(`refresh_token=${REDACTED}&client_secret=${REDACTED}&sid=${REDACTED}`);
    // jsforce's identity() puts the access token in the identity URL's query.
    expect(scrubSecrets('/id/00D/005?format=json&oauth_token=00D!abc', [])).toBe(`/id/00D/005?format=json&oauth_token=${REDACTED}`);
  });

  it('the CLI and the jsforce org scrub the same way', async () => {
    const secret = '00Dabc!cli-secret';
    let stderr = '';
    const io = {
      stdout: new PassThrough(),
      stderr: new Writable({ write: (chunk, _enc, done) => ((stderr += String(chunk)), done()) }),
      stdin: new PassThrough(),
      env: {},
      cwd: process.cwd(),
    };
    await main(['node', 'ipemu', 'invoke', 'A:b', '--access-token', secret, `--bogus=${secret}`], io);
    expect(stderr).toContain(REDACTED);
    expect(stderr).not.toContain(secret);
    expect(stderr).not.toContain('***');
    const orgError = toOrgError(Object.assign(new Error(`bad token ${secret}; Bearer other-token`), { errorCode: 'INVALID_SESSION_ID' }), [secret]);
    expect(orgError.message).toBe(`bad token ${REDACTED}; Bearer ${REDACTED}`);
  });
});
