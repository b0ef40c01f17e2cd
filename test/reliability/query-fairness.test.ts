import { MockOrg } from '../../src/mock-org/mock-org';
import { buildMockRestServer } from '../../src/mock-org/rest/server';
import { jobId } from './generated-org';
import { jobsOnlyOrg } from './large-org';

/**
 * Issue 12 item 5 (SOQL part): a scan of a 150,000-job org held the event loop for its whole
 * length, so every other client of the fake REST API waited. Scans now run in slices that yield.
 */

const TOKEN = 'fairness-token';
const V = '/services/data/v64.0';
const headers = { authorization: `Bearer ${TOKEN}` };
// No index answers a LIKE: every one of the 150,000 rows is visited and tested three times (no
// row matches), which takes several 10 ms slices even on a fast, idle machine.
const SCAN_SOQL = "SELECT Id FROM AsyncApexJob WHERE Status LIKE '%no such text%' OR JobType LIKE '%no such text%' OR CreatedDate = TODAY";
const SCAN = `${V}/query?q=${encodeURIComponent(SCAN_SOQL)}`;
const BY_ID = `${V}/query?q=${encodeURIComponent(`SELECT Id, Status FROM AsyncApexJob WHERE Id = '${jobId(7)}'`)}`;

let org: MockOrg;
beforeAll(async () => {
  org = await MockOrg.fromFixtures(jobsOnlyOrg(150_000));
}, 60_000);

describe('a long scan does not block other clients', () => {
  it('while a full scan of 150,000 jobs runs, /limits and a by-Id query are answered before it completes', async () => {
    const app = buildMockRestServer({ org, accessToken: TOKEN });
    let armed = false;
    let scanReachedHandler!: () => void;
    const scanning = new Promise<void>((resolve) => (scanReachedHandler = resolve));
    app.addHook('preHandler', async (request) => {
      if (armed && request.url.includes('TODAY')) scanReachedHandler(); // the scan's text, however the URL is encoded
    });
    await app.ready();
    try {
      // The first run parses and compiles; the timed run below only scans.
      expect((await app.inject({ method: 'GET', url: SCAN, headers })).json()).toMatchObject({ totalSize: 0, done: true });
      armed = true;
      const finished: string[] = [];
      const scan = app.inject({ method: 'GET', url: SCAN, headers }).then((res) => {
        finished.push('scan');
        return res;
      });
      await scanning; // the scan's handler is about to run: the other requests come after it started
      const limits = app.inject({ method: 'GET', url: `${V}/limits`, headers }).then((res) => {
        finished.push('limits');
        return res;
      });
      const byId = app.inject({ method: 'GET', url: BY_ID, headers }).then((res) => {
        finished.push('byId');
        return res;
      });
      const [scanRes, limitsRes, byIdRes] = await Promise.all([scan, limits, byId]);
      expect(scanRes.json()).toMatchObject({ totalSize: 0, done: true });
      expect(limitsRes.statusCode).toBe(200);
      expect(byIdRes.json()).toMatchObject({ totalSize: 1, records: [{ Id: jobId(7) }] });
      expect(finished).toHaveLength(3);
      expect(finished[2]).toBe('scan');
    } finally {
      await app.close();
    }
  }, 60_000);
});
