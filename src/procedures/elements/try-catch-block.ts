/**
 * Try Catch Block: a child's failure that would end the IP (failOnStepError) is caught here. With
 * `failOnBlockError` the IP still ends, answering the block's failure (its `failureResponse` in
 * details); without it the block's result is its `failureResponse` (or the failure itself) under
 * its name, and the IP goes on. The run's deadline and an unimplemented element are never caught.
 */
import { IpemuError } from '../../core/errors';
import { isPlainObject } from '../../core/plain-object';
import { writeData } from '../runner/data-json';
import { faultOfThrown, faultResult } from '../runner/run-errors';
import { runSequence } from '../runner/sequence';
import { scopeOf } from '../runner/types';
import { CONDITION_PROPERTIES } from './action-properties';
import { defineElementType } from './element-type';
import { bool, obj } from './properties';

export const tryCatchBlock = defineElementType({
  types: ['Try Catch Block', 'Try-Catch Block'],
  properties: { ...CONDITION_PROPERTIES, failOnBlockError: bool(true), failureResponse: obj() },
  compile(spec, cc) {
    const { name } = spec.def;
    const children = cc.children(spec.def.children);
    const failOnBlockError = spec.props.failOnBlockError !== false;
    const p = spec.props.failureResponse;
    const failureResponse = isPlainObject(p) && Object.keys(p).length > 0 ? cc.value(name, 'failureResponse', p) : undefined;
    return async (frame, ctx) => {
      try {
        await runSequence(children, frame, ctx);
        return { status: 'ran' };
      } catch (err) {
        if (!(err instanceof IpemuError)) throw err;
        const fault = faultOfThrown(err);
        const response = failureResponse?.(scopeOf(frame, ctx));
        // The answer names the child that failed; the block adds its failureResponse.
        if (failOnBlockError)
          throw response === undefined
            ? err
            : new IpemuError(err.code, err.message, { ...(isPlainObject(err.details) ? err.details : {}), failureResponse: response });
        const output = response ?? faultResult(fault);
        writeData(frame, name, output);
        return { status: 'failed', output };
      }
    };
  },
});
