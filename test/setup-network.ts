// Tests never reach the internet: only loopback connections are allowed.
import http from 'node:http';
import https from 'node:https';
import { types } from 'node:util';
import nock from 'nock';

// Each test file loads its own nock, but Node's http and https modules are shared by the files of
// a jest worker, and nock patches them (http.request, https.request, http.ClientRequest, …) as soon
// as it is imported. jest runs a file's root-level beforeAll/afterAll only when the file has at
// least one enabled test, so a file whose tests are all skipped (test/live/live-org.test.ts without
// SF_* credentials, or any file under a -t filter that matches nothing) used to keep its nock
// patched into the worker forever. Every later file's nock then wrapped that stale one, which saw
// each request first, found none of its own scopes and refused it as a disallowed net connect
// (ENETUNREACH): nock "stopped intercepting" in whatever file followed in the same worker.
//
// So the import-time patch is undone at once, and nock is applied in a beforeAll and removed in
// the matching afterAll: jest runs both or neither.
nock.restore();
if ([http.request, http.get, https.request, https.get, http.ClientRequest].some((f) => types.isProxy(f))) {
  throw new Error('An earlier test file in this jest worker left nock patched into node:http; see test/setup-network.ts.');
}
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

beforeAll(() => {
  nock.activate();
});

afterAll(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
  nock.restore();
});
