import { apexRestInput, apexRestReply, connectReply, MAX_CONNECT_INPUTS, readConnectRequest, responseHeadersOf } from '../../src/http/procedure-replies';

describe('responseHeadersOf (a Response Action vlcResponseHeaders)', () => {
  test('StatusCode as a number or a three-digit string sets the status; outside 100–599 it is ignored', () => {
    expect(responseHeadersOf({ StatusCode: 201 }).status).toBe(201);
    expect(responseHeadersOf({ StatusCode: ' 404 ' }).status).toBe(404);
    for (const bad of [99, 600, 200.5, '2xx', true, null]) expect(responseHeadersOf({ StatusCode: bad }).status).toBeUndefined();
  });

  test('string, number and boolean values with a token name become headers; CR/LF, non-ASCII, reserved names and objects are dropped', () => {
    const { headers } = responseHeadersOf({
      'X-Id': 'a-1',
      'X-Count': 3,
      'X-Flag': false,
      'X-Split': 'a\r\nSet-Cookie: x',
      'X-Accent': 'é',
      'Bad Name': 'x',
      'content-type': 'text/html',
      Connection: 'close',
      'X-Object': { a: 1 },
    });
    expect(headers).toEqual({ 'X-Id': 'a-1', 'X-Count': '3', 'X-Flag': 'false' });
  });

  test('anything but an object gives no status and no headers', () => {
    for (const value of [undefined, null, 'StatusCode', [201]]) expect(responseHeadersOf(value)).toEqual({ headers: {} });
  });
});

describe('apexRestReply and apexRestInput', () => {
  test('success sends IPResult as the body (null when the IP has no response)', () => {
    expect(apexRestReply({ IPResult: { a: 1 }, errorCode: 'INVOKE-200', error: 'OK' })).toEqual({ status: 200, headers: {}, body: { a: 1 } });
    expect(apexRestReply({ errorCode: 'INVOKE-200', error: 'OK' }).body).toBeNull();
  });

  test('failure sends errorCode, error and details only (no trace), with the table status', () => {
    const reply = apexRestReply({ errorCode: 'INVOKE-504', error: 'late', details: { element: 'RA' }, trace: [] });
    expect(reply).toEqual({ status: 504, headers: {}, body: { errorCode: 'INVOKE-504', error: 'late', details: { element: 'RA' } } });
  });

  test('GET reads the query (a null-prototype object becomes a plain one); POST the body, none being {}', () => {
    const query = Object.assign(Object.create(null) as object, { a: '1' });
    const input = apexRestInput('GET', { ignored: true }, query);
    expect(input).toEqual({ a: '1' });
    expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
    expect(apexRestInput('POST', undefined, { a: '1' })).toEqual({});
    expect(apexRestInput('POST', [1], {})).toEqual([1]);
  });
});

describe('readConnectRequest and connectReply', () => {
  test('reads input.inputs as JSON strings (or objects) and keeps options as given', () => {
    expect(readConnectRequest({ input: { inputs: ['{"a":1}', { b: 2 }] }, options: { ignoreCache: true } })).toEqual({
      inputs: [{ a: 1 }, { b: 2 }],
      options: { ignoreCache: true },
    });
    expect(readConnectRequest(undefined)).toEqual({ inputs: [{}], options: undefined });
    expect(readConnectRequest({ input: { inputs: [] } })).toEqual({ inputs: [{}], options: undefined });
  });

  test('refuses with INVOKE-400 naming the part: a body, input or inputs of the wrong kind, an entry that is not JSON', () => {
    const refusal = (body: unknown): string => {
      const read = readConnectRequest(body);
      if (!('refused' in read)) throw new Error('expected a refusal');
      expect(read.refused.errorCode).toBe('INVOKE-400');
      return read.refused.error;
    };
    expect(refusal([1])).toMatch(/request body must be a JSON object/);
    expect(refusal({ input: 1 })).toMatch(/"input" must be a JSON object/);
    expect(refusal({ input: { inputs: {} } })).toMatch(/"input.inputs" must be a list/);
    expect(refusal({ input: { inputs: ['{}', '{x'] } })).toMatch(/"input.inputs\[1\]" is not valid JSON/);
  });

  test(`runs at most ${MAX_CONNECT_INPUTS} inputs per request: one more is INVOKE-400 saying so`, () => {
    const inputs = (n: number) => ({ input: { inputs: Array.from({ length: n }, () => '{}') } });
    const atMost = readConnectRequest(inputs(MAX_CONNECT_INPUTS));
    expect('inputs' in atMost && atMost.inputs).toHaveLength(MAX_CONNECT_INPUTS);
    const over = readConnectRequest(inputs(MAX_CONNECT_INPUTS + 1));
    expect(over).toEqual({ refused: { errorCode: 'INVOKE-400', error: `"input.inputs" holds 101 inputs; one request runs at most 100.` } });
  });

  test('all runs succeeded: error null, response in order, status Success, 200', () => {
    const ok = (n: number) => ({ IPResult: { n }, errorCode: 'INVOKE-200', error: 'OK' });
    expect(connectReply([ok(1), ok(2)])).toEqual({ status: 200, headers: {}, body: { error: null, response: [{ n: 1 }, { n: 2 }], status: 'Success' } });
  });
});
