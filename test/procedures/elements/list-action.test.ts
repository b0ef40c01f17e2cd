/** List Action (List Merge): join, merge by mergeFields, primary list, filter, sort. */
import { el, library, proc, run } from '../run-helpers';

const respondWith = (path: string) => el('Respond', 'Response Action', { sendJSONPath: path, sendJSONNode: 'list' });
const input = {
  policies: [
    { Id: 'p1', Name: 'Auto', Premium: 300 },
    { Id: 'p2', Name: 'Home', Premium: 900 },
  ],
  jobs: [
    { Id: 'p2', Status: 'Failed', Premium: null },
    { Id: 'p3', Status: 'Success' },
  ],
};

async function merged(props: Record<string, unknown>): Promise<unknown> {
  const lib = library([proc('T_List', [el('Merge', 'List Action', { mergeListsOrder: ['policies', 'jobs'], ...props }), respondWith('Merge')])]);
  const out = await run(lib, 'T_List', input);
  return (out.IPResult as { list: unknown }).list;
}

describe('List Action', () => {
  it('joins the lists of mergeListsOrder in order without mergeFields', async () => {
    expect(await merged({})).toEqual([...input.policies, ...input.jobs]);
  });

  it('merges items with equal mergeFields, later lists over earlier ones, nulls included by default', async () => {
    expect(await merged({ mergeFields: ['Id'] })).toEqual([
      { Id: 'p1', Name: 'Auto', Premium: 300 },
      { Id: 'p2', Name: 'Home', Premium: null, Status: 'Failed' },
      { Id: 'p3', Status: 'Success' },
    ]);
  });

  it('keeps earlier values over nulls when allowMergeNulls is false, and only primary-list keys with hasPrimary', async () => {
    expect(await merged({ mergeFields: ['Id'], allowMergeNulls: false, hasPrimary: true })).toEqual([
      { Id: 'p1', Name: 'Auto', Premium: 300 },
      { Id: 'p2', Name: 'Home', Premium: 900, Status: 'Failed' },
    ]);
  });

  it('filters by filterListFormula over each item and sorts by sortBy, descending when asked', async () => {
    expect(
      await merged({ mergeFields: ['Id'], allowMergeNulls: false, filterListFormula: 'Premium > 100', sortBy: ['Premium'], sortInDescendingOrder: true }),
    ).toEqual([
      { Id: 'p2', Name: 'Home', Premium: 900, Status: 'Failed' },
      { Id: 'p1', Name: 'Auto', Premium: 300 },
    ]);
  });

  it('answers INVOKE-501 for advancedMerge', async () => {
    const lib = library([proc('T_Adv', [el('Merge', 'List Action', { mergeListsOrder: ['policies'], advancedMerge: true })])]);
    expect(await run(lib, 'T_Adv', input)).toMatchObject({ errorCode: 'INVOKE-501', details: { element: 'Merge', type: 'List Action' } });
  });
});
