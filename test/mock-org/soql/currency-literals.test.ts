import { isOrgError, type OrgError } from '../../../src/core/org';
import { MockOrg } from '../../../src/mock-org/mock-org';
import { eventsOrg } from '../polymorphic-fixture';

/** Issue 16: currency literals (`Amount > USD5000`) in the single-currency (USD) mock org. */

const NOW = Date.UTC(2026, 10, 3, 12);

function org(): MockOrg {
  const doc = eventsOrg();
  doc.schema!.Opportunity!.fields.Probability = { type: 'percent' };
  doc.records!.Opportunity = [
    { Id: '0065w0000000001AAA', Name: 'small', Amount: 4999.99 },
    { Id: '0065w0000000002AAA', Name: 'even', Amount: 5000 },
    { Id: '0065w0000000003AAA', Name: 'big', Amount: 5000.5 },
    { Id: '0065w0000000004AAA', Name: 'refund', Amount: -20 },
  ];
  return MockOrg.fromFixturesSync(doc, { clock: () => NOW });
}

let mock: MockOrg;
beforeAll(() => {
  mock = org();
});

const names = (soql: string) => mock.querySync(soql).records.map((r) => String(r.Name));

function errorOf(soql: string): OrgError {
  try {
    mock.querySync(soql);
  } catch (err) {
    if (isOrgError(err)) return err;
    throw err;
  }
  throw new Error(`expected ${soql} to fail`);
}

describe('currency literals in the org currency', () => {
  it('USD5000 compares as the amount 5000', () => {
    expect(names('SELECT Name FROM Opportunity WHERE Amount > USD5000')).toEqual(['big']);
    expect(names('SELECT Name FROM Opportunity WHERE Amount >= USD5000')).toEqual(['even', 'big']);
    expect(names('SELECT Name FROM Opportunity WHERE Amount = USD5000')).toEqual(['even']);
  });

  it('decimals, a lower-case ISO code and negative amounts', () => {
    expect(names('SELECT Name FROM Opportunity WHERE Amount = usd5000.50')).toEqual(['big']);
    expect(names('SELECT Name FROM Opportunity WHERE Amount < USD-10')).toEqual(['refund']);
  });

  it('an IN list of currency literals', () => {
    expect(names('SELECT Name FROM Opportunity WHERE Amount IN (USD5000, USD4999.99)')).toEqual(['small', 'even']);
  });
});

describe('currency literal refusals', () => {
  it('(ipemu) an amount in another currency is refused: the mock org has one currency', () => {
    expect(errorOf('SELECT Name FROM Opportunity WHERE Amount > EUR100.50')).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: "The mock org does not support currency literals in EUR (the mock org's one currency is USD).",
    });
  });

  it('(ipemu, wording inferred) an IN list may not mix currency literals and plain numbers', () => {
    expect(errorOf('SELECT Name FROM Opportunity WHERE Amount IN (USD1, 2)').errorCode).toBe('MALFORMED_QUERY');
  });

  it('on a text field, the type mismatch any number is', () => {
    expect(errorOf('SELECT Name FROM Opportunity WHERE Name = USD5')).toMatchObject({
      errorCode: 'INVALID_QUERY_FILTER_OPERATOR',
      message: "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes",
    });
  });

  it('(ipemu) on a number field that is no currency field, refused', () => {
    expect(errorOf('SELECT Name FROM Opportunity WHERE Probability > USD5').message).toBe(
      'The mock org does not support currency literals on a percent field.',
    );
  });
});
