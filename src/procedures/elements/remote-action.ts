/**
 * Remote Action: `<remoteClass minus its namespace>:<remoteMethod>` through the emulator's own
 * invoke, with the action's input and its resolved remoteOptions as options. Its timeout is the
 * smaller of remoteTimeout and what is left of the run's deadline. An answer whose errorCode is
 * not INVOKE-200 is the step's failure (the answer is still its result).
 */
import { MAX_TIMEOUT_MS } from '../../core/emulator';
import { IpemuError } from '../../core/errors';
import { compileAction } from '../runner/action';
import { stripNamespace } from '../runner/namespaces';
import { FatalRunError, faultOfOutputMap } from '../runner/run-errors';
import { scopeOf } from '../runner/types';
import { ACTION_PROPERTIES } from './action-properties';
import { defineElementType } from './element-type';
import { num, obj, str } from './properties';

export const remoteAction = defineElementType({
  types: ['Remote Action'],
  properties: { ...ACTION_PROPERTIES, remoteClass: str(), remoteMethod: str(), remoteOptions: obj(), remoteTimeout: num(null) },
  compile(spec, cc) {
    const { name } = spec.def;
    const p = spec.props;
    const remoteClass = typeof p.remoteClass === 'string' ? stripNamespace(p.remoteClass.trim()) : '';
    const remoteMethod = typeof p.remoteMethod === 'string' ? p.remoteMethod.trim() : '';
    if (remoteClass === '') cc.problem(name, 'remoteClass', 'a Remote Action needs a remoteClass');
    if (remoteMethod === '') cc.problem(name, 'remoteMethod', 'a Remote Action needs a remoteMethod');
    const key = `${remoteClass}:${remoteMethod}`;
    const remoteOptions = cc.value(name, 'remoteOptions', p.remoteOptions);
    const sendPath = typeof p.sendJSONPath === 'string' ? p.sendJSONPath : '';
    const remoteTimeout = typeof p.remoteTimeout === 'number' && p.remoteTimeout > 0 ? p.remoteTimeout : undefined;

    return compileAction(spec, cc, async (input, frame, ctx) => {
      const left = Math.floor(ctx.host.deadlineAt - ctx.host.clock());
      if (left < 1) throw new FatalRunError('TIMEOUT', `The run's deadline passed before Remote Action ${name}.`, { element: name });
      const timeout = Math.max(1, Math.min(left, remoteTimeout ?? MAX_TIMEOUT_MS, MAX_TIMEOUT_MS));
      const options = { ...(remoteOptions(scopeOf(frame, ctx)) as Record<string, unknown>), timeout: Math.floor(timeout) };
      const sent = input();
      if (sent === undefined) {
        // The service would only say "Input must be a JSON object": say which property left it empty.
        throw new IpemuError('INVALID_INPUT', `Remote Action ${name} has no input to send: sendJSONPath "${sendPath}" resolves to nothing in the data JSON.`, {
          property: 'sendJSONPath',
        });
      }
      const answer = await ctx.host.invoke(key, sent, options);
      const fault = faultOfOutputMap(answer);
      return fault ? { value: answer, fault } : { value: answer };
    });
  },
});
