/**
 * Integration Procedure Action: runs the procedure `integrationProcedureKey` of this library with
 * the action's input, on the same org and deadline; its response (what IPResult would hold) is the
 * action's result. A failure inside it is this step's failure, with the inner element in
 * `details.cause`. Recursion and depth are refused by the library (INVOKE-400).
 */
import { IpemuError } from '../../core/errors';
import { compileAction } from '../runner/action';
import { FatalRunError } from '../runner/run-errors';
import { ACTION_PROPERTIES } from './action-properties';
import { defineElementType } from './element-type';
import { obj, str } from './properties';

export const integrationProcedureAction = defineElementType({
  types: ['Integration Procedure Action'],
  properties: { ...ACTION_PROPERTIES, integrationProcedureKey: str(), remoteOptions: obj() },
  compile(spec, cc) {
    const key = typeof spec.props.integrationProcedureKey === 'string' ? spec.props.integrationProcedureKey.trim() : '';
    if (key === '') cc.problem(spec.def.name, 'integrationProcedureKey', 'an Integration Procedure Action needs an integrationProcedureKey (Type_SubType)');
    return compileAction(spec, cc, async (input, _frame, ctx) => {
      try {
        return { value: await ctx.callProcedure(key, input(), ctx) };
      } catch (err) {
        if (err instanceof FatalRunError || !(err instanceof IpemuError)) throw err;
        throw new IpemuError(err.code, err.message, { procedure: key, ...(err.details === undefined ? {} : { cause: err.details }) });
      }
    });
  },
});
