import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StateFile } from '../../../src/mock-org/state/state-file';
import { headerLine, transactionLine } from '../../../src/mock-org/state/journal-format';
import type { StoreChange } from '../../../src/mock-org/writes/changes';
import { StateModel } from './state-model';

const NOW = Date.UTC(2026, 11, 1, 10);
const JOB = '7075j00004uK6GjAAK';
const POLICY = '0YT000000000001AAA';

let dir: string;
let file: string;
const open: StateFile[] = [];

function openState(model: StateModel, options: Parameters<typeof StateFile.open>[2] = {}): StateFile {
  const state = StateFile.open(file, model, { now: () => NOW, ...options });
  open.push(state);
  return state;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-state-'));
  file = join(dir, 'org.state');
});

afterEach(() => {
  for (const state of open.splice(0)) state.close();
  rmSync(dir, { recursive: true, force: true });
});

const insertPolicy: StoreChange = { op: 'insert', object: 'InsurancePolicy', id: POLICY, values: { Name: 'P-1', Status: 'Draft' } };
const insertJob: StoreChange = {
  op: 'insert',
  object: 'AsyncApexJob',
  id: JOB,
  values: { Status: 'Queued' },
  timeline: [
    { at: NOW + 1000, values: { Status: 'Processing' } },
    { at: NOW + 3000, values: { Status: 'Completed' } },
  ],
};

describe('the state file round trip: what one process commits, the next replays', () => {
  it('a new file gets the header; inserts, updates, deletes and absolute timeline steps come back in order', () => {
    const first = openState(new StateModel());
    first.commit([insertPolicy, insertJob]);
    first.commit([{ op: 'update', id: POLICY, values: { Status: 'Active' } }]);
    first.commit([{ op: 'delete', id: POLICY }]);
    first.close();

    const lines = readFileSync(file, 'utf8').split('\n');
    expect(JSON.parse(lines[0]!)).toEqual({ ipemu: 'mock-org-state', version: 1, createdAt: new Date(NOW).toISOString() });
    expect(lines).toHaveLength(5);

    const model = new StateModel();
    openState(model);
    expect(model.applied).toEqual([[insertPolicy, insertJob], [{ op: 'update', id: POLICY, values: { Status: 'Active' } }], [{ op: 'delete', id: POLICY }]]);
    expect(model.at(NOW + 2000)[JOB]).toEqual({ Status: 'Processing', deleted: false });
    expect(model.at(NOW + 2000)[POLICY]).toEqual({ Name: 'P-1', Status: 'Active', deleted: true });
  });

  it('one transaction is one line, written before commit returns', () => {
    const state = openState(new StateModel());
    const before = statSync(file).size;
    state.commit([insertPolicy, insertJob]);
    const text = readFileSync(file, 'utf8');
    expect(Buffer.byteLength(text) - before).toBe(Buffer.byteLength(transactionLine([insertPolicy, insertJob])));
    expect(text.endsWith(transactionLine([insertPolicy, insertJob]))).toBe(true);
  });

  it('an empty transaction writes nothing', () => {
    const state = openState(new StateModel());
    const before = readFileSync(file, 'utf8');
    state.commit([]);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('after close, a commit throws (so the org rolls the write back) and the lock file is gone', () => {
    const state = openState(new StateModel());
    state.close();
    expect(() => state.commit([insertPolicy])).toThrow(/is closed; the write was not made/);
    expect(existsSync(`${file}.lock`)).toBe(false);
    state.close();
  });

  it('a replay the fixtures refuse names the file and the line', () => {
    writeFileSync(
      file,
      headerLine(NOW) + transactionLine([insertPolicy]) + transactionLine([{ op: 'update', id: '0YT000000000009AAA', values: { Name: 'x' } }]),
    );
    expect(() => openState(new StateModel())).toThrow(`The state file ${file} line 3 cannot be replayed on these fixtures: no record 0YT000000000009AAA`);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('a state file in a folder that does not exist is a clear INVALID_INPUT', () => {
    expect(() => StateFile.open(join(dir, 'nope', 'org.state'), new StateModel())).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', message: `Cannot open the state file ${join(dir, 'nope', 'org.state')} (its folder does not exist).` }),
    );
  });
});

describe('a torn last line is dropped and cut off; any other bad line is refused', () => {
  it('the torn write is dropped, the file truncated to its whole lines, and appends go on after them', () => {
    const whole = headerLine(NOW) + transactionLine([insertPolicy]);
    writeFileSync(file, whole + transactionLine([insertJob]).slice(0, 40));
    const model = new StateModel();
    const state = openState(model);
    expect(model.applied).toEqual([[insertPolicy]]);
    expect(readFileSync(file, 'utf8')).toBe(whole);
    state.commit([insertJob]);
    state.close();
    const again = new StateModel();
    openState(again);
    expect(again.applied).toEqual([[insertPolicy], [insertJob]]);
  });

  it('a corrupt middle line is refused naming the file and the line, and the file is left as it was', () => {
    const text = headerLine(NOW) + transactionLine([insertPolicy]) + 'garbage\n' + transactionLine([insertJob]);
    writeFileSync(file, text);
    expect(() => openState(new StateModel())).toThrow(`The state file ${file} is damaged at line 3`);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('a file that is not a state file is left alone', () => {
    writeFileSync(file, '{"records":{}}\n');
    expect(() => openState(new StateModel())).toThrow(/is not an ipemu mock-org state file/);
    expect(readFileSync(file, 'utf8')).toBe('{"records":{}}\n');
  });
});

describe('compaction: a journal much larger than its content is rewritten as that content', () => {
  const updates = (n: number): StoreChange[][] =>
    Array.from({ length: n }, (_, i) => [{ op: 'update', id: POLICY, values: { Name: `P-${i}`, Status: i % 2 ? 'Active' : 'Draft' } }]);

  it('at open: the compact journal replays to the same records, in the same order, at every instant', () => {
    const sequential = new StateModel();
    const first = openState(sequential, { compaction: { minBytes: Number.MAX_SAFE_INTEGER, ratio: 4 } });
    const transactions = [[insertPolicy], [insertJob], ...updates(200), [{ op: 'update', id: JOB, values: { Status: 'Aborted' } } as StoreChange]];
    for (const changes of transactions) {
      first.commit(changes);
      sequential.applyChanges(changes);
    }
    first.close();
    const large = statSync(file).size;

    const compacted = new StateModel();
    openState(compacted, { compaction: { minBytes: 1000, ratio: 4 } }).close();
    expect(statSync(file).size).toBeLessThan(large / 10);

    const replayed = new StateModel();
    openState(replayed);
    for (const at of [NOW, NOW + 1500, NOW + 5000]) expect(replayed.at(at)).toEqual(sequential.at(at));
    expect(replayed.order()).toEqual([POLICY, JOB]);
    expect(readdirNames()).toEqual(['org.state', 'org.state.lock']);
  });

  it('while running: the journal stays within its bound and keeps every write', () => {
    const state = openState(new StateModel(), { compaction: { minBytes: 2000, ratio: 2 } });
    state.commit([insertPolicy]);
    for (const changes of updates(300)) state.commit(changes);
    expect(state.bytes).toBeLessThan(10_000);
    state.close();
    const model = new StateModel();
    openState(model);
    expect(model.at(NOW)[POLICY]).toEqual({ Name: 'P-299', Status: 'Active', deleted: false });
  });

  it('a small journal is not rewritten', () => {
    const state = openState(new StateModel());
    state.commit([insertPolicy]);
    for (const changes of updates(5)) state.commit(changes);
    state.close();
    const before = readFileSync(file, 'utf8');
    openState(new StateModel()).close();
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('a temp file left by a compaction that was killed is removed at open, the journal untouched', () => {
    const state = openState(new StateModel());
    state.commit([insertPolicy]);
    state.close();
    writeFileSync(join(dir, 'org.state.compact-99999.tmp'), 'half a journal');
    appendFileSync(join(dir, 'other.txt'), 'x');
    const model = new StateModel();
    openState(model);
    expect(model.applied).toEqual([[insertPolicy]]);
    expect(readdirNames()).toEqual(['org.state', 'org.state.lock', 'other.txt']);
  });
});

function readdirNames(): string[] {
  return readdirSync(dir).sort();
}
