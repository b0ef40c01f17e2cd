import { createHash, timingSafeEqual } from 'node:crypto';
import { IpemuError } from '../core/errors';

/** Checks an `Authorization` header value against the server's bearer token. */
export type TokenCheck = (authorization: string | undefined) => boolean;

const BEARER = /^bearer[ \t]+/i;

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Both sides are hashed first so timingSafeEqual always compares 32 bytes: comparing the raw
 * strings would leak the token's length and stop at the first differing character.
 */
export function createTokenCheck(token: string): TokenCheck {
  if (token.length === 0) throw new IpemuError('INVALID_INPUT', 'The server token must not be empty.');
  const expected = digest(token);
  return (authorization) => {
    if (typeof authorization !== 'string' || !BEARER.test(authorization)) return false;
    const presented = digest(authorization.replace(BEARER, '').trim());
    return timingSafeEqual(presented, expected);
  };
}
