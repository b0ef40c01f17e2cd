import { PassThrough } from 'node:stream';
import { lineProgress, PROGRESS_LINE_MS } from '../../src/cli/record-progress';

/* mock-org record's progress lines when stderr is not a TTY (issue 17 item 5). */

function capture(): { stream: PassThrough; lines: () => string[] } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return { stream, lines: () => text.split('\n').filter((line) => line !== '') };
}

describe('lineProgress', () => {
  test('a line when an object starts and finishes, and a rate line only once ~5 s have passed since the last line', () => {
    const { stream, lines } = capture();
    let now = 1_000_000;
    const progress = lineProgress(stream, () => now);
    progress.started!('AsyncApexJob', 150_000, 'bulk');
    now += 1_000;
    progress.rows!('AsyncApexJob', 10_000, 150_000);
    now += PROGRESS_LINE_MS - 1_000;
    progress.rows!('AsyncApexJob', 50_000, 150_000);
    now += 1_000;
    progress.rows!('AsyncApexJob', 60_000, 150_000);
    now += PROGRESS_LINE_MS;
    progress.rows!('AsyncApexJob', 150_000, 150_000);
    progress.finished!('AsyncApexJob', 150_000, 'bulk', 12_000);
    progress.kept!('InsurancePolicy', 50_000);
    expect(lines()).toEqual([
      'AsyncApexJob: reading 150,000 rows through Bulk API 2.0',
      'AsyncApexJob: 50,000/150,000 rows, 10,000 rows/s',
      'AsyncApexJob: 150,000 rows in 12.0 s (Bulk API 2.0)',
      'InsurancePolicy: finished earlier (50,000 rows), not read again',
    ]);
  });

  test('a REST object gets its start and finish lines with REST named', () => {
    const { stream, lines } = capture();
    const progress = lineProgress(stream, () => 0);
    progress.started!('InsurancePolicy', 26, 'rest');
    progress.finished!('InsurancePolicy', 26, 'rest', 40);
    expect(lines()).toEqual(['InsurancePolicy: reading 26 rows through REST', 'InsurancePolicy: 26 rows in 0.0 s (REST)']);
  });
});
