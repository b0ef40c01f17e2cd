import type { ObjectSchema } from '../schema/schema';
import type { Row } from '../store/store';
import { valuesAt } from '../store/store';
import { unsupported } from './errors';

/**
 * USING SCOPE. The mock org models owners (an `OwnerId` field) but no teams, territories,
 * delegates or queues: `Everything` reads every record, `Mine` the records whose OwnerId is the
 * running user's Id; any other scope is refused rather than answered as if it were Everything.
 */
/** The owner field USING SCOPE Mine tests, or undefined when the scope filters nothing (none, Everything). */
export function compileScope(root: ObjectSchema, written: string | undefined): string | undefined {
  if (written === undefined) return undefined;
  const scope = written.toLowerCase();
  if (scope === 'everything') return undefined;
  if (scope !== 'mine') throw unsupported(`USING SCOPE ${written}`);
  const owner = root.fieldByLower.get('ownerid');
  if (!owner || owner.type !== 'reference') throw unsupported(`USING SCOPE Mine on ${root.name}, which has no OwnerId`);
  return owner.name;
}

/** The row test of USING SCOPE Mine, after the WHERE's own test (if any). */
export function ownedBy(ownerField: string, userId: string, elapsed: number, test: ((row: Row) => boolean) | undefined): (row: Row) => boolean {
  return (row) => valuesAt(row, elapsed)[ownerField] === userId && (test === undefined || test(row));
}
