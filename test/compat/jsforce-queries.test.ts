import { DEFAULT_DAILY_API_REQUESTS } from '../../src/mock-org/rest/server';
import { failureOf, startCompatServer, type CompatServer } from './compat-server';

/** jsforce 3.10.16's query and sObject doors against a real `mock-org serve` on the demo org. */

const POLICY_ID = '0YT5w000000Y8MNGA0'; // fixtures/demo: "Auto - Jane Doe", In Force
const V = '/services/data/v64.0';

let compat: CompatServer;
beforeEach(async () => {
  compat = await startCompatServer();
});
afterEach(async () => {
  await compat.close();
});

type Row = { attributes: { type: string; url: string }; Id: string; IsDeleted: boolean };

describe('scanAll (queryAll)', () => {
  it('a row deleted through jsforce is found with scanAll, IsDeleted true, and not without it', async () => {
    const conn = compat.tokenConnection();
    const created = await conn.sobject('InsurancePolicy').create({ Name: 'compat: to delete' });
    if (!created.success) throw new Error('create failed');
    await conn.sobject('InsurancePolicy').destroy(created.id);
    const soql = `SELECT Id, Name, IsDeleted FROM InsurancePolicy WHERE Name = 'compat: to delete'`;

    const viaRun = await conn.query<Row>(soql).run({ scanAll: true });
    const viaOptions = await conn.query<Row>(soql, { scanAll: true });
    for (const result of [viaRun, viaOptions]) {
      expect({ totalSize: result.totalSize, done: result.done }).toEqual({ totalSize: 1, done: true });
      expect(result.records[0]).toMatchObject({ Id: created.id, IsDeleted: true, attributes: { type: 'InsurancePolicy' } });
    }
    const plain = await conn.query<Row>(soql);
    expect({ totalSize: plain.totalSize, records: plain.records }).toEqual({ totalSize: 0, records: [] });
  });

  it('scanAll over live rows answers what query answers, IsDeleted false', async () => {
    const conn = compat.tokenConnection();
    const soql = `SELECT Id, IsDeleted FROM InsurancePolicy WHERE Id = '${POLICY_ID}'`;
    const all = await conn.query<Row>(soql, { scanAll: true });
    expect(all.records).toEqual((await conn.query<Row>(soql)).records);
    expect(all.records).toEqual([expect.objectContaining({ Id: POLICY_ID, IsDeleted: false })]);
  });
});

describe('sobject(X).retrieve(id, { fields })', () => {
  it('returns attributes and only the fields asked for', async () => {
    const record = await compat
      .tokenConnection()
      .sobject('InsurancePolicy')
      .retrieve(POLICY_ID, { fields: ['Name', 'Status'] });
    expect(record).toEqual({
      attributes: { type: 'InsurancePolicy', url: `${V}/sobjects/InsurancePolicy/${POLICY_ID}` },
      Name: 'Auto - Jane Doe',
      Status: 'In Force',
    });
  });

  it("attributes.url is in the connection's version", async () => {
    const record = await compat
      .tokenConnection({ version: '58.0' })
      .sobject('InsurancePolicy')
      .retrieve(POLICY_ID, { fields: ['Name'] });
    expect(record.attributes).toEqual({ type: 'InsurancePolicy', url: `/services/data/v58.0/sobjects/InsurancePolicy/${POLICY_ID}` });
  });

  it('an unknown field is rejected with INVALID_FIELD', async () => {
    const failure = await failureOf(
      compat
        .tokenConnection()
        .sobject('InsurancePolicy')
        .retrieve(POLICY_ID, { fields: ['Name', 'Bogus'] }),
    );
    expect(failure).toMatchObject({ errorCode: 'INVALID_FIELD', message: "No such column 'Bogus' on sobject of type InsurancePolicy" });
  });
});

describe('describe and limits', () => {
  it("describe('InsurancePolicy') and describeGlobal() give the object's name, key prefix and fields", async () => {
    const conn = compat.tokenConnection();
    const described = await conn.describe('InsurancePolicy');
    expect({ name: described.name, keyPrefix: described.keyPrefix }).toEqual({ name: 'InsurancePolicy', keyPrefix: '0YT' });
    expect(described.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['Id', 'Name', 'ReferencePolicyNumber', 'Status']));
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((s) => s.name)).toEqual(expect.arrayContaining(['InsurancePolicy', 'AsyncApexJob', 'User', 'Organization']));
  });

  it('limits() reports DailyApiRequests with Remaining dropped by the requests made so far', async () => {
    const conn = compat.tokenConnection();
    await conn.query('SELECT Id FROM InsurancePolicy LIMIT 1');
    await conn.describe('InsurancePolicy');
    const limits = await conn.limits();
    expect(limits.DailyApiRequests).toEqual({ Max: DEFAULT_DAILY_API_REQUESTS, Remaining: DEFAULT_DAILY_API_REQUESTS - compat.server.requestCount() });
    expect(compat.server.requestCount()).toBe(2);
  });
});
