/**
 * Assert Action (test procedures): in a test run, `assertConditionalFormula` is checked and the
 * verdict recorded for the envelope's `asserts` (the IP goes on either way: `ip test` judges).
 * Outside a test run it is skipped.
 */
import { scopeOf } from '../runner/types';
import { CONDITION_PROPERTIES } from './action-properties';
import { defineElementType } from './element-type';
import { str } from './properties';

export const ASSERT_TYPE = 'Assert Action';

export const assertAction = defineElementType({
  types: [ASSERT_TYPE],
  properties: { ...CONDITION_PROPERTIES, assertConditionalFormula: str(), assertFailureMessage: str() },
  compile(spec, cc) {
    const { name } = spec.def;
    const check = cc.condition(name, 'assertConditionalFormula', spec.props.assertConditionalFormula);
    if (!check) cc.problem(name, 'assertConditionalFormula', 'an Assert Action needs an assertConditionalFormula');
    const failureMessage =
      typeof spec.props.assertFailureMessage === 'string' && spec.props.assertFailureMessage !== '' ? spec.props.assertFailureMessage : undefined;
    return (frame, ctx) => {
      if (ctx.options.test !== true) return { status: 'skipped', reason: 'not a test run' };
      const passed = check ? check(scopeOf(frame, ctx)) : false;
      const message = passed ? '' : (failureMessage ?? `assertConditionalFormula is false: ${String(spec.props.assertConditionalFormula)}`);
      ctx.asserts.push({ name, passed, message });
      return { status: 'ran', output: { passed, message } };
    };
  },
});
