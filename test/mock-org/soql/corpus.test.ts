import { ENTRY_FILES, loadCorpusOrg, readEntries, resolveTokens, type CorpusOrg } from './corpus/corpus-org';
import { judge, REFUSAL, type CorpusEntry, type Outcome, type Verdict } from './corpus/classify';

/*
 * Issue 16's measure: public SOQL queries no one here wrote, each with the answer Salesforce gives
 * on the corpus fixture (corpus/org.json), worked out by hand. Every entry file in corpus/ is one
 * source. Bars: no wrong answers, no crashes, every refusal names the unsupported feature, and at
 * least 95% of the valid queries answered right. The fidelity table is printed after the run.
 */

interface Judged {
  readonly file: string;
  readonly entry: CorpusEntry;
  readonly verdict: Verdict;
}

const judged = new Map<string, Judged[]>();
let corpus: CorpusOrg;

beforeAll(() => {
  corpus = loadCorpusOrg();
});

async function judgeFile(file: string): Promise<Judged[]> {
  const out: Judged[] = [];
  for (const entry of readEntries(file)) {
    const resolved = resolveTokens(entry, corpus.tokens);
    out.push({ file, entry, verdict: await judge(corpus.org, resolved) });
  }
  judged.set(file, out);
  return out;
}

const describeEntry = (j: Judged): string => `  [${j.entry.source}] ${j.entry.soql}\n    → ${j.verdict.outcome}: ${j.verdict.why ?? ''}`;

interface Tally {
  entries: number;
  valid: number;
  validRight: number;
  right: number;
  wrong: number;
  refused: number;
  crash: number;
}

function tally(list: readonly Judged[]): Tally {
  const t: Tally = { entries: list.length, valid: 0, validRight: 0, right: 0, wrong: 0, refused: 0, crash: 0 };
  for (const { verdict } of list) {
    const outcome: Outcome = verdict.outcome;
    t[outcome] += 1;
    if (verdict.valid) {
      t.valid += 1;
      if (outcome === 'right') t.validRight += 1;
    }
  }
  return t;
}

const percent = (t: Tally): string => (t.valid === 0 ? '-' : `${((100 * t.validRight) / t.valid).toFixed(1)}%`);

function table(): string {
  const rows: [string, Tally][] = [...judged.entries()].map(([file, list]) => [file, tally(list)]);
  rows.push(['total', tally([...judged.values()].flat())]);
  const head = ['source', 'entries', 'valid', 'right', 'wrong', 'refused', 'crash', 'valid right'];
  const lines = rows.map(([name, t]) => [name, t.entries, t.valid, t.right, t.wrong, t.refused, t.crash, percent(t)].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((line) => line[i]!.length)));
  const fmt = (cells: string[]): string => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return ['', 'SOQL corpus fidelity (issue 16)', fmt(head), ...lines.map(fmt), ''].join('\n');
}

afterAll(() => {
  // Written to stdout directly: jest swallows console.log of passing tests without --verbose.
  if (judged.size > 0) process.stdout.write(`${table()}\n`);
});

describe.each(ENTRY_FILES)('SOQL corpus %s', (file) => {
  test('no wrong answers and no crashes (each failure names its entry)', async () => {
    const list = await judgeFile(file);
    const bad = list.filter((j) => j.verdict.outcome === 'wrong' || j.verdict.outcome === 'crash');
    expect(bad.map(describeEntry)).toEqual([]);
  }, 120_000);

  test('every refusal names the unsupported feature ("The mock org does not support …")', () => {
    const refusals = (judged.get(file) ?? []).filter((j) => j.verdict.outcome === 'refused');
    expect(refusals.filter((j) => !/^The mock org does not support \S.*\.$/.test(j.verdict.why ?? '')).map(describeEntry)).toEqual([]);
    refusals.forEach((j) => expect(j.verdict.why).toMatch(REFUSAL));
  });
});

// Last, so the bars above report first: it fails until the features have landed.
test('at least 95% of the valid queries are answered right', () => {
  const total = tally([...judged.values()].flat());
  expect(total.valid).toBeGreaterThan(0);
  const refused = [...judged.values()].flat().filter((j) => j.verdict.valid && j.verdict.outcome !== 'right');
  const share = total.validRight / total.valid;
  if (share < 0.95) throw new Error(`${percent(total)} of ${total.valid} valid queries right; not right:\n${refused.map(describeEntry).join('\n')}`);
});
