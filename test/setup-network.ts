// Tests never reach the internet: only loopback connections are allowed.
import nock from 'nock';

// Each test file loads its own nock, but Node's http module is shared by the files of a jest
// worker: a file's nock is (re)activated before its tests and unpatched when the file ends, so
// every file's interceptors are the ones in force.
if (!nock.isActive()) nock.activate();
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterAll(() => {
  nock.cleanAll();
  nock.restore();
});
