// Tests never reach the internet: only loopback connections are allowed.
import nock from 'nock';

nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

// Each test file loads its own nock, but Node's http module is shared by the files of a jest
// worker: unpatch it when the file ends, so the next file's nock intercepts for itself.
afterAll(() => {
  nock.cleanAll();
  nock.restore();
});
