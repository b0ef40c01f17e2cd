import { InvalidArgumentError } from 'commander';
import { IpemuError } from '../core/errors';
import { parseObjectList } from '../recording/record-options';

/** `--objects A,B`: commander's parser, so a bad name is a usage error before anything runs. */
export function parseObjectNames(value: string): string[] {
  try {
    return parseObjectList(value);
  } catch (err) {
    if (err instanceof IpemuError) throw new InvalidArgumentError(err.message);
    throw err;
  }
}
