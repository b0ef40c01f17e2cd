import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer } from '../../../src/mock-org/rest/server';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import { ACC, eventsOrg, OPP } from '../polymorphic-fixture';

describe('polymorphic relationships over the fake REST API', () => {
  it('jsforce over loopback gets What as a Name record of whichever object the Id names', async () => {
    const server = await startMockRestServer({ org: MockOrg.fromFixturesSync(eventsOrg()) });
    try {
      const org = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0 });
      const result = await org.connection.query('SELECT Subject, What.Name, What.Type FROM Event WHERE What.Type != null ORDER BY What.Type DESC');
      expect(result.records.map((r) => r.What)).toEqual([
        { attributes: { type: 'Name', url: `/services/data/v64.0/sobjects/Opportunity/${OPP}` }, Name: 'Big Deal', Type: 'Opportunity' },
        { attributes: { type: 'Name', url: `/services/data/v64.0/sobjects/Account/${ACC}` }, Name: 'Acme', Type: 'Account' },
      ]);
      await org.close?.();
    } finally {
      await server.close();
    }
  });
});
