import { MAX_LINE_BYTES, overLongProblem, PhysicalLine } from './line-reader';

/**
 * A CSV input record: the text of one record, or why the lines at `line` are not one.
 *
 * What is an input record (the README's batch section says the same): one physical line, except
 * that a quoted field (RFC 4180) may hold line breaks and then the record goes on over the next
 * lines. A quote inside an unquoted field (`ab"c`) or text after a closing quote (`"abc"def`)
 * makes the record malformed, and it ends with its physical line. A record that spans lines counts
 * as one only when it is valid: a quoted field still open at the end of the file or past
 * `MAX_LINE_BYTES`, or a fault after it, makes its first line one malformed record, and the lines
 * after it are read again as records. So a stray quote costs its own line, never the next ones.
 */
export type CsvRecord = { line: number; text: string } | { line: number; blank: true } | { line: number; problem: string };

const QUOTE = 0x22;
const COMMA = 0x2c;

type Scan = 'ends' | 'open' | { problem: string };

/** Where this line leaves its record; `open` says it starts inside a quoted field. */
function scanLine(text: string, open: boolean): Scan {
  if (!open && !text.includes('"')) return 'ends';
  let inQuoted = open;
  let fieldStart = !open;
  let afterClose = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inQuoted) {
      if (c !== QUOTE) continue;
      if (text.charCodeAt(i + 1) === QUOTE) i += 1;
      else {
        inQuoted = false;
        afterClose = true;
      }
      continue;
    }
    if (c === COMMA) {
      fieldStart = true;
      afterClose = false;
      continue;
    }
    if (afterClose) return { problem: `text after a closing quote at column ${i + 1}` };
    if (c === QUOTE && !fieldStart) return { problem: `a quote inside an unquoted field at column ${i + 1}` };
    inQuoted = c === QUOTE;
    fieldStart = false;
  }
  return inQuoted ? 'open' : 'ends';
}

/** A pull-queue over the lines, with lines put back to be read again. */
class Lines {
  private readonly again: PhysicalLine[] = [];
  constructor(private readonly source: AsyncIterator<PhysicalLine>) {}

  async next(): Promise<PhysicalLine | undefined> {
    const back = this.again.pop();
    if (back) return back;
    const r = await this.source.next();
    return r.done ? undefined : r.value;
  }

  putBack(lines: PhysicalLine[]): void {
    for (let i = lines.length - 1; i >= 0; i -= 1) this.again.push(lines[i] as PhysicalLine);
  }
}

export async function* csvRecords(physical: AsyncIterable<PhysicalLine>, maxBytes = MAX_LINE_BYTES): AsyncGenerator<CsvRecord> {
  const lines = new Lines(physical[Symbol.asyncIterator]());
  for (let first = await lines.next(); first; first = await lines.next()) {
    if ('overLong' in first) {
      yield { line: first.line, problem: overLongProblem(first.line) };
      continue;
    }
    if (first.text === '') {
      yield { line: first.line, blank: true };
      continue;
    }
    let scan = scanLine(first.text, false);
    if (scan === 'ends') {
      yield { line: first.line, text: first.text };
      continue;
    }
    if (scan !== 'open') {
      yield { line: first.line, problem: `Line ${first.line}: not a valid CSV record (${scan.problem}).` };
      continue;
    }
    const taken: PhysicalLine[] = [];
    let text = first.text;
    let eol = first.eol;
    let bytes = Buffer.byteLength(first.text);
    while (scan === 'open') {
      const more = await lines.next();
      if (more) taken.push(more);
      if (!more || 'overLong' in more || (bytes += Buffer.byteLength(more.text) + eol.length) > maxBytes) break;
      text += eol + more.text;
      eol = more.eol;
      scan = scanLine(more.text, true);
    }
    if (scan === 'ends') {
      yield { line: first.line, text };
      continue;
    }
    lines.putBack(taken);
    const why = `a quoted field opened on it is not closed${scan === 'open' ? '' : `: ${scan.problem} of line ${(taken.at(-1) as PhysicalLine).line}`}`;
    yield { line: first.line, problem: `Line ${first.line}: not a valid CSV record (${why}).` };
  }
}
