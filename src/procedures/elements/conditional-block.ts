/**
 * Conditional Block: its children run when its condition holds. With `isIfElseBlock` they are
 * exclusive: the first child whose condition holds runs, a child without a condition is the else.
 * Children write into the data JSON as they would outside the block; the block writes nothing
 * under its own name (ipemu's reading: real exports read the children's nodes at the top level).
 */
import { runSequence } from '../runner/sequence';
import { CONDITION_PROPERTIES } from './action-properties';
import { defineElementType } from './element-type';
import { bool } from './properties';

const RAN = Object.freeze({ status: 'ran' as const });

export const conditionalBlock = defineElementType({
  types: ['Conditional Block'],
  properties: { ...CONDITION_PROPERTIES, isIfElseBlock: bool(false) },
  compile(spec, cc) {
    const children = cc.children(spec.def.children);
    const exclusive = spec.props.isIfElseBlock === true;
    return (frame, ctx) => {
      const pending = runSequence(children, frame, ctx, exclusive);
      return pending ? pending.then(() => RAN) : RAN;
    };
  },
});
