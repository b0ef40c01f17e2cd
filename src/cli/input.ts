import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { stripBom } from './bom';
import { usageError } from './usage';
import type { CliIo } from './output';

export async function readStream(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export async function readInputFile(path: string, io: CliIo): Promise<string> {
  if (path === '-') return readStream(io.stdin);
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'unreadable');
    throw usageError(`Cannot read --input-file ${path}: ${reason}.`);
  }
}

/** `--input` or `--input-file` (path or `-` for stdin); neither means `{}`. */
export async function readInvokeInput(flags: { input?: string; inputFile?: string }, io: CliIo): Promise<unknown> {
  if (flags.input !== undefined && flags.inputFile !== undefined) {
    throw usageError('Give the input with --input or with --input-file, not both.');
  }
  if (flags.input === undefined && flags.inputFile === undefined) return {};
  const source = flags.input !== undefined ? '--input' : `--input-file ${flags.inputFile}`;
  const text = flags.input ?? stripBom(await readInputFile(flags.inputFile as string, io));
  try {
    return JSON.parse(text);
  } catch (err) {
    throw usageError(`${source} is not valid JSON: ${(err as Error).message}`);
  }
}
