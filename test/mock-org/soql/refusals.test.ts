import type { FastifyInstance } from 'fastify';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { buildMockRestServer } from '../../../src/mock-org/rest/server';
import { isOrgError, OrgError } from '../../../src/core/org';
import { JOB_A, JOB_B, JOB_C, smallOrg } from '../fixture-data';

/** Issue 16: queries Salesforce refuses are refused here too, in its codes and wording, never answered. */

const NOW = Date.UTC(2026, 10, 3, 12);
const TOKEN = 'refusals-token';
let org: MockOrg;
beforeAll(() => {
  org = MockOrg.fromFixturesSync(smallOrg(), { clock: () => NOW });
});

function failure(soql: string): OrgError {
  let caught: unknown;
  try {
    org.querySync(soql);
  } catch (err) {
    caught = err;
  }
  if (!isOrgError(caught)) throw new Error(`expected an OrgError from ${soql}, got ${String(caught)}`);
  return caught;
}

const ids = (soql: string) => org.querySync(soql).records.map((r) => String(r.Id));

describe('NOT after AND / OR', () => {
  it.each([
    "SELECT Id FROM AsyncApexJob WHERE JobType = 'BatchApex' AND NOT (Status = 'Queued' OR NumberOfErrors > 5)",
    "SELECT Id FROM AsyncApexJob WHERE JobType = 'BatchApex' AND NOT Status = 'Queued'",
    "SELECT Id FROM AsyncApexJob WHERE Status = 'Failed' OR NOT (Status = 'Queued')",
  ])("is MALFORMED_QUERY unexpected token: 'NOT' without parentheses around it: %s", (soql) => {
    expect(failure(soql)).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: "unexpected token: 'NOT'", status: 400 });
  });

  it('answers when the NOT is wrapped, or leads the WHERE', () => {
    expect(ids("SELECT Id FROM AsyncApexJob WHERE JobType = 'BatchApex' AND (NOT (Status = 'Queued' OR NumberOfErrors > 5))")).toEqual([JOB_B]);
    expect(ids("SELECT Id FROM AsyncApexJob WHERE JobType = 'BatchApex' AND (NOT Status = 'Queued')")).toEqual([JOB_B]);
    expect(ids("SELECT Id FROM AsyncApexJob WHERE NOT Status = 'Queued'")).toEqual([JOB_A, JOB_B]);
  });
});

describe('duplicate fields in SELECT', () => {
  it('is INVALID_FIELD "duplicate field selected: <field>", whatever the case or alias it is written in', () => {
    expect(failure('SELECT Id, Status, id FROM AsyncApexJob')).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: 'duplicate field selected: Id',
      status: 400,
    });
    expect(failure('SELECT j.Status, Status FROM AsyncApexJob j')).toMatchObject({ message: 'duplicate field selected: Status' });
  });

  it('the same field name through a parent is a different field', () => {
    expect(ids('SELECT Id, CreatedBy.Id FROM AsyncApexJob ORDER BY CreatedDate')).toHaveLength(3);
  });
});

describe('the literal null with an ordering operator', () => {
  it.each(['>', '>=', '<', '<='])("NumberOfErrors %s null is MALFORMED_QUERY unexpected token: 'null'", (op) => {
    expect(failure(`SELECT Id FROM AsyncApexJob WHERE NumberOfErrors ${op} null`)).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: "unexpected token: 'null'",
    });
  });

  it('= null, != null and IN (null) still answer', () => {
    expect(ids('SELECT Id FROM AsyncApexJob WHERE ExtendedStatus = null')).toEqual([JOB_A, JOB_C]);
    expect(ids('SELECT Id FROM AsyncApexJob WHERE ExtendedStatus != null')).toEqual([JOB_B]);
    expect(ids('SELECT Id FROM AsyncApexJob WHERE ExtendedStatus IN (null)')).toEqual([JOB_A, JOB_C]);
  });
});

describe('OFFSET', () => {
  it('a bare OFFSET is MALFORMED_QUERY unexpected token: <EOF>, not an alias of the object; a bare LIMIT is MALFORMED_QUERY', () => {
    expect(failure('SELECT Id FROM AsyncApexJob OFFSET')).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: 'unexpected token: <EOF>' });
    expect(failure('SELECT Id FROM AsyncApexJob ORDER BY CreatedDate OFFSET')).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
    expect(failure('SELECT Id FROM AsyncApexJob LIMIT')).toMatchObject({ errorCode: 'MALFORMED_QUERY' });
  });

  it('above 2,000 is NUMBER_OUTSIDE_VALID_RANGE', () => {
    expect(failure('SELECT Id FROM AsyncApexJob OFFSET 2001')).toMatchObject({
      errorCode: 'NUMBER_OUTSIDE_VALID_RANGE',
      message: 'Maximum SOQL offset allowed is 2000',
    });
  });
});

describe('through the fake REST API', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = buildMockRestServer({ org, accessToken: TOKEN });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it.each([
    ['SELECT Id, id FROM AsyncApexJob', 'INVALID_FIELD', 'duplicate field selected: Id'],
    ["SELECT Id FROM AsyncApexJob WHERE Status = 'Failed' AND NOT Status = 'Queued'", 'MALFORMED_QUERY', "unexpected token: 'NOT'"],
    ['SELECT Id FROM AsyncApexJob OFFSET', 'MALFORMED_QUERY', 'unexpected token: <EOF>'],
  ])('GET /query?q=%s is a 400 with [{ message, errorCode }]', async (soql, errorCode, message) => {
    const res = await app.inject({
      method: 'GET',
      url: `/services/data/v64.0/query?q=${encodeURIComponent(soql)}`,
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual([{ message, errorCode }]);
  });
});
