import { corsPluginOptions, parseCorsOrigins } from '../../src/core/cors-options';

describe('parseCorsOrigins: --cors as given', () => {
  it('takes repeated values and comma lists, trims, drops duplicates and empty parts', () => {
    expect(parseCorsOrigins(['http://localhost:3000, https://a.example', 'https://a.example,', '*'])).toEqual({
      origins: ['http://localhost:3000', 'https://a.example', '*'],
    });
  });

  it.each(['localhost:3000', 'http://localhost:3000/', 'http://localhost:3000/app', 'ftp://files.example', 'not a url'])(
    'refuses %s as not an origin',
    (value) => {
      expect(parseCorsOrigins([value])).toEqual({ problem: expect.stringContaining(`--cors ${value}: not an origin`) });
    },
  );

  it('refuses an empty list', () => {
    expect(parseCorsOrigins([' , '])).toEqual({ problem: expect.stringContaining('--cors needs an origin') });
  });
});

describe('corsPluginOptions', () => {
  it('one origin is sent as it is, several are matched against the request, * wins over any list', () => {
    expect(corsPluginOptions(['http://a.example'], ['GET']).origin).toBe('http://a.example');
    expect(corsPluginOptions(['http://a.example', 'http://b.example'], ['GET']).origin).toEqual(['http://a.example', 'http://b.example']);
    expect(corsPluginOptions(['http://a.example', '*'], ['GET']).origin).toBe('*');
  });
});
