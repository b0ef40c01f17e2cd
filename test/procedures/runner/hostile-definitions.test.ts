/**
 * Nothing a definition holds crashes the runner: random element trees of every type, with random
 * JSON property values, compile (problems at most) and every run answers an envelope, a success or
 * a coded failure, never a thrown error.
 */
import fc from 'fast-check';
import { isOutputMap } from '../../../src/core/envelope';
import { ELEMENT_TYPES } from '../../../src/procedures/elements';
import type { ElementDefinition, JsonObject, JsonValue } from '../../../src/procedures/model';
import { host, library, proc } from '../run-helpers';

const TYPES = [...ELEMENT_TYPES.map((t) => t.types[0] as string), 'Rest Action', 'Unknown Thing'];
const PROPERTY_NAMES = [...new Set(ELEMENT_TYPES.flatMap((t) => Object.keys(t.properties)))];
const VALUES: fc.Arbitrary<JsonValue> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<JsonValue>,
  fc.constantFrom<JsonValue>(
    '%a%',
    '=1 +',
    '=%a% + 1',
    'a:b|1',
    'true',
    '',
    ['a', 'b'],
    { x: '%a%' },
    'vlocity_ins.InsPolicyService',
    'getPolicyAsyncJobStatus',
    'E0',
    'a',
  ),
);
const PROPS: fc.Arbitrary<JsonObject> = fc.dictionary(fc.constantFrom(...PROPERTY_NAMES), VALUES, { maxKeys: 6 });

const tree: fc.Memo<ElementDefinition[]> = fc.memo((depth) =>
  fc.uniqueArray(
    fc.record({
      name: fc.constantFrom('E0', 'E1', 'E2', 'E3', 'E4', 'a', 'b'),
      type: fc.constantFrom(...TYPES),
      active: fc.boolean(),
      props: PROPS,
      children: depth > 1 ? tree(depth - 1) : fc.constant([]),
    }),
    { maxLength: 3, selector: (e) => e.name },
  ),
);

describe('hostile definitions', () => {
  it('compile without throwing and every run answers an output map', async () => {
    await fc.assert(
      fc.asyncProperty(tree(3), fc.dictionary(fc.constantFrom('a', 'b', 'E0'), VALUES, { maxKeys: 3 }), fc.boolean(), async (elements, input, test) => {
        const lib = library([
          proc('H_Self', [
            ...elements,
            { name: 'Call', type: 'Integration Procedure Action', active: true, props: { integrationProcedureKey: 'H_Self' }, children: [] },
          ]),
        ]);
        const out = await lib.run('H_Self', { ...input }, { test, trace: true }, host());
        expect(isOutputMap(out)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
