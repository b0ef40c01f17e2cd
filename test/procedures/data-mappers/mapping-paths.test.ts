/** Data Mapper paths read '|N' by the one rule of src/procedures/paths.ts, and keep their list shape on top of it. */
import { flatValue, parseSegments, readTree } from '../../../src/procedures/data-mappers/mapping-paths';
import { getPath } from '../../../src/procedures/paths';

const data = {
  details: [
    { Id: 'a', tags: ['x', 'y'] },
    { Id: 'b', tags: ['z'] },
  ],
  one: { Id: 'c' },
};

describe('Data Mapper paths', () => {
  it.each(['details|2:Id', 'details|1:tags|2', 'one|1:Id', 'details|3:Id', 'details:Id'])('%s reads what a merge-field path reads', (path) => {
    expect(flatValue(readTree(data, parseSegments(path)))).toEqual(getPath(data, path));
  });

  it("parses '|N' as paths.ts does (zero-based indexes, several in a row), drops empty levels, and keeps a part whose '|' is no index as a plain name", () => {
    expect(parseSegments('a|2|1::b|x')).toEqual([
      { name: 'a', indexes: [1, 0] },
      { name: 'b|x', indexes: [] },
    ]);
  });
});
