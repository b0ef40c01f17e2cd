import { MAX_LINE_BYTES, physicalLines, PhysicalLine } from '../../src/cli/line-reader';

async function* chunks(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield typeof part === 'string' ? Buffer.from(part) : part;
}

async function collect(source: AsyncIterable<Buffer>, maxBytes?: number): Promise<PhysicalLine[]> {
  const out: PhysicalLine[] = [];
  for await (const line of physicalLines(source, maxBytes)) out.push(line);
  return out;
}

describe('physicalLines', () => {
  it('splits on \\n, keeps \\r\\n as the terminator, and reads a last line without one', async () => {
    expect(await collect(chunks('a\r\nb\n\nc'))).toEqual([
      { line: 1, text: 'a', eol: '\r\n' },
      { line: 2, text: 'b', eol: '\n' },
      { line: 3, text: '', eol: '\n' },
      { line: 4, text: 'c', eol: '' },
    ]);
  });

  it('drops a UTF-8 BOM from the first line only, even when it arrives a byte at a time', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(await collect(chunks(bom.subarray(0, 1), bom.subarray(1), '{"a":1}\n', '\ufeffx\n'))).toEqual([
      { line: 1, text: '{"a":1}', eol: '\n' },
      { line: 2, text: '\ufeffx', eol: '\n' },
    ]);
  });

  it('joins a multi-byte character split across chunks', async () => {
    const euro = Buffer.from('€\n');
    expect(await collect(chunks(euro.subarray(0, 1), euro.subarray(1)))).toEqual([{ line: 1, text: '€', eol: '\n' }]);
  });

  it('reports a line past the cap once, without its text, and goes on with the next line', async () => {
    const lines = await collect(chunks('ok\n', 'x'.repeat(6), 'y'.repeat(6), 'z\nnext\n', 'q'.repeat(11)), 10);
    expect(lines).toEqual([
      { line: 1, text: 'ok', eol: '\n' },
      { line: 2, overLong: true },
      { line: 3, text: 'next', eol: '\n' },
      { line: 4, overLong: true },
    ]);
  });

  it('caps lines at 1 MiB by default: exactly 1 MiB is a line, one byte more is not', async () => {
    const lines = await collect(chunks('a'.repeat(MAX_LINE_BYTES), '\n', 'b'.repeat(MAX_LINE_BYTES + 1), '\n'));
    expect(lines.map((l) => ('overLong' in l ? 'over' : l.text.length))).toEqual([MAX_LINE_BYTES, 'over']);
  });
});
