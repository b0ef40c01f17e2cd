import { Connection } from 'jsforce';
import { OrgError, type QueryResult } from '../../src/core/org';
import { startMockRestServer, type MockRestServer } from '../../src/mock-org/rest/server';
import { ENTRY_FILES, loadCorpusOrg, readEntries, resolveTokens, type CorpusOrg } from '../mock-org/soql/corpus/corpus-org';
import { judge, judgeWith, type QueryRunner, type Verdict } from '../mock-org/soql/corpus/classify';

/*
 * The SOQL corpus (test/mock-org/soql/corpus) through jsforce 3.10.16 and a real `mock-org serve`
 * on loopback: a client no one here wrote must get the same verdict for every entry as the org
 * in process — nested child records, AggregateResult rows, TYPEOF records and Salesforce's errors
 * survive the REST layer and the client. Entries with binds are in-process only (REST has none).
 */

let corpus: CorpusOrg;
let server: MockRestServer;
let conn: Connection;

beforeAll(async () => {
  corpus = loadCorpusOrg();
  server = await startMockRestServer({ org: corpus.org });
  conn = new Connection({ instanceUrl: server.instanceUrl, accessToken: server.accessToken, version: '64.0', maxRequest: 2 });
});

afterAll(async () => {
  await server.close();
  await corpus.org.close();
});

/** jsforce's answer, or its error as the OrgError the REST body carried (anything else stays a crash). */
const viaJsforce: QueryRunner = async (soql) => {
  try {
    const result = await conn.query(soql);
    return { totalSize: result.totalSize, done: result.done, records: result.records } as QueryResult;
  } catch (err) {
    const { errorCode, message } = err as { errorCode?: unknown; message: string };
    if (typeof errorCode === 'string') throw new OrgError(errorCode, message);
    throw err;
  }
};

const said = (v: Verdict): string => `${v.outcome}${v.why === undefined ? '' : `: ${v.why}`}`;

describe.each(ENTRY_FILES)('SOQL corpus %s through jsforce', (file) => {
  test('every API entry without binds gets the verdict (and reason) it gets in process', async () => {
    const differ: string[] = [];
    let compared = 0;
    for (const entry of readEntries(file)) {
      // Binds and Apex-only SOQL (entry.apex) have no REST form.
      if (entry.binds !== undefined || entry.apex) continue;
      const resolved = resolveTokens(entry, corpus.tokens);
      const direct = await judge(corpus.org, resolved);
      const wire = await judgeWith(viaJsforce, resolved);
      compared += 1;
      if (said(direct) !== said(wire)) differ.push(`[${entry.source}] ${entry.soql}\n  in process → ${said(direct)}\n  jsforce → ${said(wire)}`);
    }
    expect(compared).toBeGreaterThan(0);
    expect(differ).toEqual([]);
    // Two answers per entry on a shared 2-core machine: jest's 30 s default is too tight.
  }, 180_000);
});
