import { InvalidArgumentError } from 'commander';

/** Commander argument parsers: a bad value is a usage error (exit 2) before any work starts. */

export function positiveInt(max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) {
      throw new InvalidArgumentError(`Expected a whole number from 1 to ${max}.`);
    }
    return n;
  };
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('Expected a whole number.');
  return n;
}

export function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new InvalidArgumentError('Expected a port number from 0 to 65535.');
  return n;
}

/** `--timeout <s>`: seconds (fractions allowed) as milliseconds. */
export function seconds(value: string): number {
  const s = Number(value);
  if (value.trim() === '' || !Number.isFinite(s) || s <= 0) throw new InvalidArgumentError('Expected a positive number of seconds.');
  const ms = Math.round(s * 1000);
  if (ms < 1) throw new InvalidArgumentError('Expected at least 0.001 seconds.');
  return ms;
}

export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
