import { MockOrg } from '../../../src/mock-org/mock-org';
import { isOrgError, OrgError } from '../../../src/core/org';
import type { FixtureDocument } from '../../../src/mock-org/fixtures/types';
import { makeId } from '../../../src/salesforce/ids';

/** Issue 16: the wrong answers the public-query corpus found, each pinned where it is cheapest to read. */

const OPEN = makeId('00Q', 1);
const CONVERTED = makeId('00Q', 2);
const ACC = makeId('001', 1);

function leadsOrg(): FixtureDocument {
  return {
    schema: {
      Account: { keyPrefix: '001', fields: { Name: { type: 'string' } } },
      Lead: {
        keyPrefix: '00Q',
        fields: {
          LastName: { type: 'string' },
          IsConverted: { type: 'boolean' },
          Amount__c: { type: 'currency' },
          ConvertedAccountId: { type: 'reference', referenceTo: ['Account'], relationshipName: 'ConvertedAccount' },
        },
      },
    },
    records: {
      Account: [{ Id: ACC, Name: 'Acme' }],
      Lead: [
        { Id: OPEN, LastName: 'Open', IsConverted: false, Amount__c: 10 },
        { Id: CONVERTED, LastName: 'Nash', IsConverted: true, Amount__c: 20, ConvertedAccountId: ACC },
      ],
    },
  };
}

let org: MockOrg;
beforeAll(() => {
  org = MockOrg.fromFixturesSync(leadsOrg(), { clock: () => Date.UTC(2026, 5, 15, 12) });
});

const ids = (soql: string) => org.querySync(soql).records.map((r) => String(r.Id));

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

describe('null on a boolean field ("Use null in WHERE")', () => {
  it('= null matches the false records and != null the true ones', () => {
    expect(ids('SELECT Id FROM Lead WHERE IsConverted = null')).toEqual([OPEN]);
    expect(ids('SELECT Id FROM Lead WHERE IsConverted != null')).toEqual([CONVERTED]);
  });

  it('leaves null on other types meaning null', () => {
    expect(ids('SELECT Id FROM Lead WHERE ConvertedAccountId = null')).toEqual([OPEN]);
  });
});

describe('refusals the corpus found answered', () => {
  it('a field alias outside an aggregate query is MALFORMED_QUERY', () => {
    expect(failure('SELECT Id zid, LastName zln FROM Lead')).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: 'Only aggregate expressions use field aliasing',
    });
    expect(failure('SELECT ConvertedAccount.Name acct FROM Lead').errorCode).toBe('MALFORMED_QUERY');
  });

  it('LIMIT on an aggregate query without GROUP BY is MALFORMED_QUERY, and answers once grouped or without LIMIT', () => {
    expect(failure('SELECT MAX(Amount__c) FROM Lead LIMIT 1')).toMatchObject({
      errorCode: 'MALFORMED_QUERY',
      message: 'Non-grouped query that uses overall aggregate functions cannot also use LIMIT',
    });
    expect(org.querySync('SELECT MAX(Amount__c) FROM Lead').records[0]).toMatchObject({ expr0: 20 });
    expect(org.querySync('SELECT IsConverted, MAX(Amount__c) m FROM Lead GROUP BY IsConverted LIMIT 1').records).toHaveLength(1);
    expect(org.querySync('SELECT COUNT() FROM Lead LIMIT 1').totalSize).toBe(1);
  });

  it('alias notation in FROM is refused as unsupported, not called a syntax error', () => {
    for (const soql of [
      "SELECT COUNT() FROM Lead, Lead.ConvertedAccount WHERE ConvertedAccount.Name = 'Acme'",
      "SELECT count() FROM Lead l, l.ConvertedAccount a WHERE a.Name = 'Acme'",
    ]) {
      expect(failure(soql)).toMatchObject({
        errorCode: 'MALFORMED_QUERY',
        message: expect.stringMatching(/^The mock org does not support relationships written in FROM/),
      });
    }
    expect(failure('SELECT Id FROM Lead,').message).toMatch(/ERROR at Row:1:Column/);
  });
});
