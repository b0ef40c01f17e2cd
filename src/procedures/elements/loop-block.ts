/**
 * Loop Block: its children run once per item of the list at `loopList`; during an iteration that
 * path holds the current item, after the loop it holds the list again. What children write to
 * other nodes stays (the last iteration's value). The block's own result, under its name, is a
 * list with one entry per iteration: `loopOutput` evaluated at the end of that iteration, or
 * `{ "success": "OK" }` when there is none (the documented default) (ipemu's reading of the shape).
 * A loopList that is one object is a list of one; absent or null, no iteration; any other value
 * (text, a number) is the step's failure, INVOKE-400 naming the element.
 */
import { IpemuError } from '../../core/errors';
import { isPlainObject } from '../../core/plain-object';
import { writeData } from '../runner/data-json';
import { stopIfExpired } from '../runner/run-errors';
import { runSequence } from '../runner/sequence';
import { scopeOf } from '../runner/types';
import { CONDITION_PROPERTIES } from './action-properties';
import { defineElementType } from './element-type';
import { obj, str } from './properties';

/**
 * A loop over a long list (an input of 1 MiB holds some 500,000 items) yields to the event loop
 * after every slice of this many milliseconds: a server keeps answering other requests, and the
 * run's deadline timer can fire and stop it.
 */
export const LOOP_SLICE_MS = 10;

/** Lets timers and I/O run. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function itemsOf(value: unknown, element: string, path: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) return [];
  if (isPlainObject(value)) return [value];
  throw new IpemuError('INVALID_INPUT', `Loop Block ${element}: loopList "${path}" is ${typeof value}, not a list.`, { property: 'loopList' });
}

export const loopBlock = defineElementType({
  types: ['Loop Block'],
  properties: { ...CONDITION_PROPERTIES, loopList: str(), loopOutput: obj() },
  compile(spec, cc) {
    const { name } = spec.def;
    const children = cc.children(spec.def.children);
    const listPath = cc.path(name, 'loopList', spec.props.loopList);
    if (!listPath) cc.problem(name, 'loopList', 'a Loop Block needs a loopList path');
    const p = spec.props.loopOutput;
    const loopOutput = isPlainObject(p) && Object.keys(p).length > 0 ? cc.value(name, 'loopOutput', p) : undefined;

    return async (frame, ctx) => {
      if (!listPath) throw new IpemuError('INVALID_INPUT', `Loop Block ${name} has no loopList.`, { property: 'loopList' });
      const list = listPath.get(frame.data);
      const items = itemsOf(list, name, listPath.text);
      const outputs: unknown[] = [];
      let sliceStart = ctx.host.clock();
      try {
        for (const item of items) {
          if (ctx.host.clock() - sliceStart >= LOOP_SLICE_MS) {
            await nextTurn();
            stopIfExpired(ctx.host, name);
            sliceStart = ctx.host.clock();
          }
          listPath.set(frame.data, item);
          await runSequence(children, frame, ctx);
          if (frame.ended) break;
          outputs.push(loopOutput ? loopOutput(scopeOf(frame, ctx)) : { success: 'OK' });
        }
      } finally {
        // A Response Action inside answered the data JSON as it was then: nothing may change it after.
        if (!frame.ended) listPath.set(frame.data, list);
      }
      if (frame.ended) return { status: 'ran', output: outputs };
      writeData(frame, name, outputs);
      return { status: 'ran', output: outputs };
    };
  },
});
