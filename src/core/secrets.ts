import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The one secret scrubber: every message that may reach a user, a log or an error (CLI stderr,
 * jsforce org errors, login failures) goes through it.
 */

/** What a secret becomes in a message. */
export const REDACTED = '[redacted]';

/** Shorter values would blank out ordinary words of a message. */
export const MIN_SECRET_LENGTH = 4;

/** The secrets worth scrubbing: long enough, without repeats, longest first (so a secret containing another goes whole). */
export function secretList(secrets: Iterable<string | undefined>): string[] {
  const kept = new Set<string>();
  for (const secret of secrets) if (secret !== undefined && secret.length >= MIN_SECRET_LENGTH) kept.add(secret);
  return [...kept].sort((a, b) => b.length - a.length);
}

/**
 * Removes every known secret from a text, and whatever follows `Bearer ` or a token parameter
 * (`access_token=`, `oauth_token=`, `refresh_token=`, `client_secret=`, `password=`, `sid=`): a header or a query
 * echoed back by a proxy is a secret even when we never saw it.
 */
export function scrubSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  for (const secret of secretList(secrets)) out = out.split(secret).join(REDACTED);
  return out
    .replace(/(Bearer\s+)[^\s"',]+/gi, `$1${REDACTED}`)
    .replace(/((?:access_token|oauth_token|refresh_token|client_secret|password|sid)=)[^&\s"']+/gi, `$1${REDACTED}`);
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * A constant-time check against one expected secret, hashed once: both sides are hashed so
 * timingSafeEqual always compares 32 bytes, leaking neither the length nor the first difference.
 */
export function secretMatcher(expected: string): (presented: string) => boolean {
  const want = digest(expected);
  return (presented) => timingSafeEqual(digest(presented), want);
}

/** Whether a presented secret equals the expected one, in constant time (see secretMatcher). */
export function secretMatches(presented: string, expected: string): boolean {
  return secretMatcher(expected)(presented);
}
