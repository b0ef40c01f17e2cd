import { MockOrg } from '../../../src/mock-org/mock-org';
import { startMockRestServer } from '../../../src/mock-org/rest/server';
import { connectOrg } from '../../../src/orgs/jsforce/connect';
import { datesOrg, NOW } from '../soql/date-fixture';

describe('date literals and date functions over the fake REST API', () => {
  it("jsforce over loopback: TODAY is the Los Angeles user's local day, CALENDAR_YEAR(convertTimezone()) their local year", async () => {
    const mock = MockOrg.fromFixturesSync(datesOrg({ defaultUser: 'la' }), { clock: () => NOW });
    const server = await startMockRestServer({ org: mock });
    try {
      const org = await connectOrg({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, maxRetries: 0 });
      const today = await org.connection.query<{ Label__c: string; At__c: string }>(
        'SELECT Label__c, At__c FROM Happening__c WHERE At__c = TODAY ORDER BY Label__c',
      );
      expect(today).toMatchObject({ totalSize: 2, done: true });
      expect(today.records.map((r) => [r.Label__c, r.At__c])).toEqual([
        ['E1', '2024-12-31T20:00:00.000+0000'],
        ['E3', '2025-01-01T03:00:00.000+0000'],
      ]);
      const local = await org.connection.query<{ Label__c: string }>(
        'SELECT Label__c FROM Happening__c WHERE CALENDAR_YEAR(convertTimezone(At__c)) = 2024 AND On__c = THIS_FISCAL_QUARTER ORDER BY Label__c',
      );
      expect(local.records.map((r) => r.Label__c)).toEqual(['E1', 'E3', 'E4']); // Q4 2024 in LA; E3 is 2025 in UTC
      await org.close?.();
    } finally {
      await server.close();
    }
  });
});
