import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { JOB_A, smallOrg } from '../fixture-data';

// The package defines its exports as getters, so spy through a module mock that wraps the real parser.
jest.mock('@jetstreamapp/soql-parser-js', () => {
  const actual = jest.requireActual('@jetstreamapp/soql-parser-js');
  return { ...actual, parseQuery: jest.fn(actual.parseQuery) };
});

test('the parser itself is called once per distinct SOQL text', async () => {
  const parse = parseQuery as jest.MockedFunction<typeof parseQuery>;
  const org = await MockOrg.fromFixtures(smallOrg());
  parse.mockClear();
  for (let i = 0; i < 20; i++) {
    org.querySync("SELECT Id FROM InsurancePolicy WHERE Name = 'P-0001'");
    org.querySync('SELECT Id, Status FROM AsyncApexJob WHERE Id = :id', { id: JOB_A });
  }
  expect(parse).toHaveBeenCalledTimes(2);
  expect(parse).toHaveBeenCalledWith('SELECT Id, Status FROM AsyncApexJob WHERE Id = :id', { allowApexBindVariables: true, ignoreParseErrors: false });
});
