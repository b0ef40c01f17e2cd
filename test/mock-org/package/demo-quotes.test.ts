import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_FIXTURES } from '../../../src/mock-org/mock-org';
import { demoOrg, POLICY, QUOTE, rows } from './package-helpers';

describe('the demo org quotes (fixtures/demo/README.md, "Starting jobs")', () => {
  test('each listed quote exists with the root products its row names', async () => {
    const { org } = await demoOrg();
    const roots = (quoteId: string) =>
      rows(org, 'SELECT Product2.ProductCode FROM QuoteLineItem WHERE QuoteId = :quoteId AND ParentQuoteLineItemId = null ORDER BY LineNumber', {
        quoteId,
      }).map((line) => (line.Product2 as { ProductCode: string }).ProductCode);
    expect(Object.fromEntries(Object.entries(QUOTE).map(([name, id]) => [name, roots(id)]))).toEqual({
      twoRoots: ['AUTO', 'PROP'],
      oneRoot: ['HOME'],
      noRoot: [],
      scriptedToFail: ['MARINE'],
      globexEndorsement: ['AUTO', 'PROP', 'CYBER'],
      leeEndorsement: ['AUTO'],
    });
    const readme = readFileSync(join(DEMO_FIXTURES, 'README.md'), 'utf8');
    for (const id of [...Object.values(QUOTE), ...Object.values(POLICY)]) expect(readme).toContain(`\`${id}\``);
  });

  test('the policies to start from have no job yet: getPolicyAsyncJobStatus answers INVOKE-404 for them', async () => {
    const { status } = await demoOrg();
    for (const id of [POLICY.globexParent, POLICY.leeV2, POLICY.okafor]) expect((await status(id)).errorCode).toBe('INVOKE-404');
  });
});
