import { openOrg } from '../src/ipemu';
import { DEMO_FIXTURES } from '../src/mock-org/mock-org';

/** `--state` (OrgSelection.state) keeps a mock org's writes: with a real org it is refused, like --user. */
describe('openOrg: --state is a mock-org flag', () => {
  const message = "--state keeps a mock org's writes; it does not apply to a real org.";

  it.each([[{ instanceUrl: 'http://127.0.0.1:1', accessToken: 'tok-123456', state: '/tmp/org.state' }], [{ targetOrg: 'my-alias', state: '/tmp/org.state' }]])(
    'refuses %j',
    async (selection) => {
      await expect(openOrg(selection, {})).rejects.toMatchObject({ code: 'INVALID_INPUT', message });
    },
  );

  it('refuses it with SF_* credentials in the environment (the org they select is real)', async () => {
    await expect(openOrg({ state: '/tmp/org.state' }, { SF_INSTANCE_URL: 'http://127.0.0.1:1', SF_ACCESS_TOKEN: 'tok-123456' })).rejects.toMatchObject({
      message,
    });
  });

  it('refuses --fixtures with a real-org flag before it opens any state file', async () => {
    await expect(openOrg({ fixtures: DEMO_FIXTURES, state: '/nonexistent/dir/org.state', targetOrg: 'x' }, {})).rejects.toMatchObject({
      message: '--fixtures selects a mock org; it cannot be combined with --instance-url, --access-token or --target-org.',
    });
  });
});
