import { JournalContent } from '../../../src/mock-org/state/journal-content';
import type { StoreChange } from '../../../src/mock-org/writes/changes';

const A = '0YT000000000001AAA';
const B = '0YT000000000002AAA';
const FIXTURE_ROW = '7075j00004uK6GjAAK';

function fold(...transactions: StoreChange[][]): StoreChange[] {
  const content = new JournalContent();
  for (const changes of transactions) content.add(changes);
  return content.changes();
}

describe("the journal's content: every record's changes folded into one", () => {
  it('many updates of an inserted record become one insert with the last values', () => {
    const updates = Array.from({ length: 50 }, (_, i): StoreChange[] => [{ op: 'update', id: A, values: { Name: `P-${i}` } }]);
    expect(fold([{ op: 'insert', object: 'InsurancePolicy', id: A, values: { Name: 'P', Status: 'Draft' } }], ...updates)).toEqual([
      { op: 'insert', object: 'InsurancePolicy', id: A, values: { Name: 'P-49', Status: 'Draft' } },
    ]);
  });

  it('updates of a record the journal did not insert (a fixture row) become one update', () => {
    expect(
      fold([{ op: 'update', id: FIXTURE_ROW, values: { Status: 'Processing' } }], [{ op: 'update', id: FIXTURE_ROW, values: { NumberOfErrors: 1 } }]),
    ).toEqual([{ op: 'update', id: FIXTURE_ROW, values: { Status: 'Processing', NumberOfErrors: 1 } }]);
  });

  it('a deleted record stays, deleted (the org answers ENTITY_IS_DELETED for it, not NOT_FOUND)', () => {
    expect(fold([{ op: 'insert', object: 'Quote', id: A, values: { Name: 'Q' } }], [{ op: 'delete', id: A }], [{ op: 'delete', id: FIXTURE_ROW }])).toEqual([
      { op: 'insert', object: 'Quote', id: A, values: { Name: 'Q' } },
      { op: 'delete', id: A },
      { op: 'delete', id: FIXTURE_ROW },
    ]);
  });

  it('records keep the order in which the journal first touched them (table order)', () => {
    const changes = fold(
      [{ op: 'insert', object: 'Quote', id: B, values: {} }],
      [{ op: 'insert', object: 'Quote', id: A, values: {} }],
      [{ op: 'update', id: B, values: { Name: 'x' } }],
    );
    expect(changes.map((c) => c.id)).toEqual([B, A]);
  });

  it("an update's values win over earlier steps for the fields they set; its own steps are added, by instant", () => {
    const changes = fold(
      [
        {
          op: 'insert',
          object: 'AsyncApexJob',
          id: A,
          values: { Status: 'Queued' },
          timeline: [
            { at: 1000, values: { Status: 'Processing' } },
            { at: 3000, values: { Status: 'Completed', JobItemsProcessed: 1 } },
          ],
        },
      ],
      [{ op: 'update', id: A, values: { Status: 'Aborted' }, timeline: [{ at: 2000, values: { ExtendedStatus: 'stopped' } }] }],
    );
    expect(changes).toEqual([
      {
        op: 'insert',
        object: 'AsyncApexJob',
        id: A,
        values: { Status: 'Aborted' },
        timeline: [
          { at: 2000, values: { ExtendedStatus: 'stopped' } },
          { at: 3000, values: { JobItemsProcessed: 1 } },
        ],
      },
    ]);
  });

  it('folding does not change the changes it was given', () => {
    const insert: StoreChange = { op: 'insert', object: 'Quote', id: A, values: { Name: 'Q' }, timeline: [{ at: 1, values: { Status: 'x' } }] };
    const copy = JSON.parse(JSON.stringify(insert)) as StoreChange;
    fold([insert], [{ op: 'update', id: A, values: { Name: 'R', Status: 'y' } }]);
    expect(insert).toEqual(copy);
  });
});
