import { mkdirSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errnoOf, fileKind, MAX_FILE_BYTES, MAX_JSON_DEPTH, nestedDeeperThan, parseLimitedJson, readLimitedText, sizeText } from '../../src/core/limited-file';

/** The one limited reader of user-given files (fixtures, definitions). A FIFO: limited-file-process.test.ts. */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipemu-limited-file-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const nested = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const linux = process.platform === 'linux' ? it : it.skip;

describe('limits', () => {
  it('a file holds at most 256 MiB and JSON nests at most 64 levels', () => {
    expect(MAX_FILE_BYTES).toBe(256 * 1024 * 1024);
    expect(MAX_JSON_DEPTH).toBe(64);
  });
});

describe('readLimitedText', () => {
  it('reads a regular file of exactly the cap as UTF-8, and refuses one byte more as too-large with the cap', () => {
    const file = join(dir, 'a.json');
    writeFileSync(file, 'é'.repeat(25)); // 50 bytes, 25 characters
    expect(readLimitedText(file, 50)).toEqual({ ok: true, text: 'é'.repeat(25) });
    writeFileSync(file, 'x'.repeat(51));
    expect(readLimitedText(file, 50)).toEqual({ ok: false, reason: 'too-large', maxBytes: 50 });
  });

  it('refuses by reported size past the default cap without reading (a sparse file)', () => {
    const file = join(dir, 'big.json');
    writeFileSync(file, '');
    truncateSync(file, MAX_FILE_BYTES + 1);
    expect(readLimitedText(file)).toEqual({ ok: false, reason: 'too-large', maxBytes: MAX_FILE_BYTES });
  });

  it('reads an empty file as empty text', () => {
    const file = join(dir, 'empty.json');
    writeFileSync(file, '');
    expect(readLimitedText(file)).toEqual({ ok: true, text: '' });
  });

  it('names a directory as not-regular and a missing file as unreadable with its errno code, without throwing', () => {
    expect(readLimitedText(dir)).toEqual({ ok: false, reason: 'not-regular', kind: 'a directory' });
    expect(readLimitedText(join(dir, 'none.json'))).toEqual({ ok: false, reason: 'unreadable', code: 'ENOENT' });
  });

  linux('refuses a character device as not-regular before reading it (a too-large would mean /dev/zero was read)', () => {
    expect(readLimitedText('/dev/zero', 10)).toEqual({ ok: false, reason: 'not-regular', kind: 'a character device' });
  });

  linux('caps a file that reports no size (a /proc file) while reading it, and reads it whole under the cap', () => {
    expect(statSync('/proc/self/status').size).toBe(0);
    expect(readLimitedText('/proc/self/status', 100)).toEqual({ ok: false, reason: 'too-large', maxBytes: 100 });
    const whole = readLimitedText('/proc/self/status');
    expect(whole.ok && whole.text).toMatch(/^Name:[\s\S]*\nPid:/);
  });
});

describe('nestedDeeperThan', () => {
  it(`counts objects and arrays alike: ${MAX_JSON_DEPTH} levels pass, one more does not`, () => {
    expect(nestedDeeperThan(JSON.parse(nested(MAX_JSON_DEPTH)), MAX_JSON_DEPTH)).toBe(false);
    expect(nestedDeeperThan(JSON.parse(nested(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH)).toBe(true);
    expect(nestedDeeperThan({ a: [{ b: 'x' }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
    expect(nestedDeeperThan({ a: 1, b: { c: [null, 'x', 2] } }, 3)).toBe(false);
  });

  it('finds a deep branch behind shallow siblings, and counts no level for a scalar or null', () => {
    expect(nestedDeeperThan([1, 'a', null, { x: { y: {} } }], 3)).toBe(true);
    expect(nestedDeeperThan('text', 0)).toBe(false);
    expect(nestedDeeperThan(null, 0)).toBe(false);
    expect(nestedDeeperThan({}, 0)).toBe(true);
  });

  it('walks 200,000 levels without overflowing the stack', () => {
    expect(nestedDeeperThan(JSON.parse(nested(200_000)), MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('parseLimitedJson', () => {
  it('parses JSON within the depth limit', () => {
    expect(parseLimitedJson('{"a": [1, {"b": null}]}')).toEqual({ ok: true, value: { a: [1, { b: null }] } });
    expect(parseLimitedJson(nested(MAX_JSON_DEPTH))).toEqual({ ok: true, value: JSON.parse(nested(MAX_JSON_DEPTH)) as unknown });
  });

  it('refuses one level past the limit, and 100,000 levels, as too-deep with the one wording', () => {
    const tooDeep = { ok: false, reason: 'too-deep', message: 'JSON nested deeper than 64 levels' };
    expect(parseLimitedJson(nested(MAX_JSON_DEPTH + 1))).toEqual(tooDeep);
    expect(parseLimitedJson(`{"records": ${nested(100_000)}}`)).toEqual(tooDeep);
  });

  it('takes another depth limit and states it', () => {
    expect(parseLimitedJson(nested(3), 2)).toEqual({ ok: false, reason: 'too-deep', message: 'JSON nested deeper than 2 levels' });
    expect(parseLimitedJson(nested(2), 2).ok).toBe(true);
  });

  it("refuses text that is not JSON as invalid, quoting the parser's reason", () => {
    const parsed = parseLimitedJson('[');
    expect(parsed).toMatchObject({ ok: false, reason: 'invalid' });
    expect(!parsed.ok && parsed.message).toMatch(/^not valid JSON: Unexpected end of JSON input/);
  });
});

describe('wording helpers', () => {
  it('sizeText states whole MiB as MiB and anything else in bytes', () => {
    expect(sizeText(256 * 1024 * 1024)).toBe('256 MiB');
    expect(sizeText(1024 * 1024 + 1)).toBe('1048577 bytes');
    expect(sizeText(50)).toBe('50 bytes');
  });

  it('fileKind names a directory and a character device', () => {
    mkdirSync(join(dir, 'sub'));
    expect(fileKind(statSync(join(dir, 'sub')))).toBe('a directory');
    if (process.platform !== 'win32') expect(fileKind(statSync('/dev/null'))).toBe('a character device');
  });

  it('errnoOf gives the code of a failed fs call, else the error as text', () => {
    let caught: unknown;
    try {
      statSync(join(dir, 'none'));
    } catch (err) {
      caught = err;
    }
    expect(errnoOf(caught)).toBe('ENOENT');
    expect(errnoOf(new Error('boom'))).toBe('Error: boom');
  });
});
