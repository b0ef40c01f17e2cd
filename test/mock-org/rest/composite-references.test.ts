import { resolveBody, resolveString } from '../../../src/mock-org/rest/composite-references';

const answers = new Map<string, unknown>([
  ['acct', { id: '0YT5w000000Y8MNGA0', success: true, errors: [] }],
  ['q', { totalSize: 2, done: true, records: [{ Id: 'a1', Parent: { Name: 'P' } }, { Id: 'a2' }] }],
  ['failed', [{ message: 'Required fields are missing: [Name]', errorCode: 'REQUIRED_FIELD_MISSING' }]],
]);

describe('composite references @{ref.path}', () => {
  it('replaces references inside a string, several at once', () => {
    expect(resolveString('/sobjects/X/@{acct.id}?x=@{q.records[1].Id}', answers)).toBe('/sobjects/X/0YT5w000000Y8MNGA0?x=a2');
  });

  it('keeps the JSON type of a value when the string is one reference, and follows nested fields', () => {
    expect(resolveString('@{q.totalSize}', answers)).toBe(2);
    expect(resolveString('@{acct.success}', answers)).toBe(true);
    expect(resolveString('@{q.records[0].Parent.Name}', answers)).toBe('P');
  });

  it('halts with PROCESSING_HALTED for an unknown referenceId, a missing path, an object value or a failed answer', () => {
    for (const text of ['@{nope.id}', '@{q.records[5].Id}', '@{q.records}', '@{failed.id}', '@{acct.toString}']) {
      expect(() => resolveString(text, answers)).toThrow(expect.objectContaining({ errorCode: 'PROCESSING_HALTED', status: 400 }));
    }
  });

  it('leaves text without a well-formed reference as it is', () => {
    expect(resolveString('plain @{ not a ref } @{1x.id}', answers)).toBe('plain @{ not a ref } @{1x.id}');
  });

  it('resolves every string of a body, copying a __proto__ key as a key', () => {
    const body = JSON.parse('{"Name":"@{acct.id}","list":["@{q.records[0].Id}",3],"__proto__":{"x":"@{acct.id}"}}') as unknown;
    const out = resolveBody(body, answers) as Record<string, unknown>;
    expect(out.Name).toBe('0YT5w000000Y8MNGA0');
    expect(out.list).toEqual(['a1', 3]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toEqual({ x: '0YT5w000000Y8MNGA0' });
  });
});
