import { stripBom } from './bom';

/** The longest input line (or CSV record) batch reads; longer ones are skipped, never held whole. */
export const MAX_LINE_BYTES = 1024 * 1024;

export function overLongProblem(line: number): string {
  return `Line ${line}: longer than ${MAX_LINE_BYTES} bytes, skipped.`;
}

/**
 * One physical line, without its terminator (`eol` keeps it, so that a CSV record spanning lines
 * can be put back together byte for byte). An over-long line carries no text.
 */
export type PhysicalLine = { line: number; text: string; eol: string } | { line: number; overLong: true };

/**
 * Splits a byte stream on `\n` (a `\r` before it belongs to the terminator), with a UTF-8 BOM
 * dropped from the first line. A line past `maxBytes` is dropped as it streams by and reported
 * once, so a 512 MiB line costs no more memory than a 1 MiB one.
 */
export async function* physicalLines(stream: AsyncIterable<Buffer | string>, maxBytes = MAX_LINE_BYTES): AsyncGenerator<PhysicalLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let overLong = false;
  let line = 1;
  const finish = (eol: string): PhysicalLine => {
    if (overLong) return { line, overLong: true };
    const bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, size);
    let text = bytes.toString('utf8');
    if (line === 1) text = stripBom(text);
    if (eol !== '' && text.endsWith('\r')) return { line, text: text.slice(0, -1), eol: '\r\n' };
    return { line, text, eol };
  };
  for await (const chunk of stream) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let pos = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf(0x0a, pos);
      const end = nl === -1 ? buf.length : nl;
      if (!overLong) {
        if (size + (end - pos) > maxBytes) {
          overLong = true;
          parts = [];
        } else if (end > pos) {
          parts.push(buf.subarray(pos, end));
        }
        size += end - pos;
      }
      if (nl === -1) break;
      yield finish('\n');
      parts = [];
      size = 0;
      overLong = false;
      line += 1;
      pos = nl + 1;
    }
  }
  if (overLong || size > 0) yield finish('');
}
