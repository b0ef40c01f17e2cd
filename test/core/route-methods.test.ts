import { RouteMethods } from '../../src/core/route-methods';

describe('RouteMethods: which methods the routes take on a concrete path', () => {
  const strict = new RouteMethods({ lenientSlashes: false });
  strict.add('POST', '/invoke/:key');
  strict.add(['GET', 'HEAD'], '/services');
  strict.add('OPTIONS', '*');
  strict.add('GET', '/files/*');

  it('matches parameters to one non-empty segment, and lists methods in Allow order', () => {
    strict.add('DELETE', '/invoke/:key');
    expect(strict.allowedOn('/invoke/Echo:echo?x=1')).toEqual(['POST', 'DELETE']);
    expect(strict.allowedOn('/invoke/')).toEqual([]);
    expect(strict.allowedOn('/invoke/a/b')).toEqual([]);
    expect(strict.allowedOn('/services')).toEqual(['GET', 'HEAD']);
  });

  it('a wildcard takes the rest of the path; OPTIONS routes (the CORS catch-all) make no path exist', () => {
    expect(strict.allowedOn('/files/a/b/c')).toEqual(['GET']);
    expect(strict.allowedOn('/nowhere')).toEqual([]);
  });

  it('strict: a trailing or doubled slash is another path; lenient: the same path', () => {
    expect(strict.allowedOn('/services/')).toEqual([]);
    expect(strict.allowedOn('//services')).toEqual([]);
    const lenient = new RouteMethods({ lenientSlashes: true });
    lenient.add('GET', '/services/data/:version/limits');
    expect(lenient.allowedOn('//services/data/v64.0/limits/')).toEqual(['GET']);
    expect(lenient.allowedOn('/services//data/v64.0/limits')).toEqual(['GET']);
  });
});
