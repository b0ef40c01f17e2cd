/**
 * The path every action shares: its input (sendJSONPath, sendJSONNode, additionalInput,
 * sendOnlyAdditionalInput), its result (a test run's mockResponseMap first), its output
 * (responseJSONPath, additionalOutput, returnOnlyAdditionalOutput, responseJSONNode), its failure
 * (failureConditionalFormula, failOnStepError, failureResponse). An action type supplies only
 * the call in the middle.
 */
import { isPlainObject } from '../../core/plain-object';
import type { ElementRun, ElementSpec } from '../elements/element-type';
import type { ValueTemplate } from '../merge-fields';
import type { CompiledPath } from '../paths';
import type { CompileContext } from './compile-context';
import { freshCopy, writeData } from './data-json';
import { faultError, faultOfThrown, faultResult, StepFault } from './run-errors';
import { isPromise, scopeOf, ElementOutcome, Frame, RunContext } from './types';

/** What an action's call gave: its result, and the fault when the step failed. */
export interface CallResult {
  readonly value: unknown;
  readonly fault?: StepFault;
}

/** The middle of an action: `input()` builds the action's input when (and only if) it needs one. */
export type ActionCall = (input: () => unknown, frame: Frame, ctx: RunContext) => CallResult | Promise<CallResult>;

function nonEmpty(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.keys(value).length > 0;
}

function merged(base: unknown, extra: Record<string, unknown>): unknown {
  return isPlainObject(base) ? { ...base, ...extra } : extra;
}

export function compileInput(spec: ElementSpec, cc: CompileContext): (frame: Frame, ctx: RunContext) => unknown {
  const name = spec.def.name;
  const p = spec.props;
  const sendPath = cc.path(name, 'sendJSONPath', p.sendJSONPath);
  const sendNode = cc.path(name, 'sendJSONNode', p.sendJSONNode);
  const additional = nonEmpty(p.additionalInput) ? cc.value(name, 'additionalInput', p.additionalInput) : undefined;
  const only = p.sendOnlyAdditionalInput === true;
  return (frame, ctx) => {
    let input: unknown = only ? {} : sendPath ? sendPath.get(frame.data) : frame.data;
    if (sendNode && !only) {
      const wrapped: Record<string, unknown> = {};
      sendNode.set(wrapped, input);
      input = wrapped;
    }
    if (additional) input = merged(input, additional(scopeOf(frame, ctx)) as Record<string, unknown>);
    return input;
  };
}

/** Where and what an action writes into the data JSON. */
export interface OutputShape {
  readonly responsePath?: CompiledPath;
  readonly responseNode?: CompiledPath;
  readonly additional?: ValueTemplate;
  readonly returnOnlyAdditional: boolean;
}

export function compileOutputShape(spec: ElementSpec, cc: CompileContext): OutputShape {
  const name = spec.def.name;
  const p = spec.props;
  const shape: { -readonly [K in keyof OutputShape]: OutputShape[K] } = {
    returnOnlyAdditional: p.returnOnlyAdditionalOutput === true,
  };
  const responsePath = cc.path(name, 'responseJSONPath', p.responseJSONPath);
  if (responsePath) shape.responsePath = responsePath;
  const responseNode = cc.path(name, 'responseJSONNode', p.responseJSONNode);
  if (responseNode) shape.responseNode = responseNode;
  if (nonEmpty(p.additionalOutput) || shape.returnOnlyAdditional) shape.additional = cc.value(name, 'additionalOutput', p.additionalOutput ?? {});
  return shape;
}

/**
 * The result trimmed to responseJSONPath, then additionalOutput merged over it (or only that), as
 * it is written. Trimming first is ipemu's reading: the extra keys are the designer's, not the call's.
 */
export function shapeOutput(shape: OutputShape, value: unknown, frame: Frame, ctx: RunContext): unknown {
  if (shape.returnOnlyAdditional) return shape.additional ? shape.additional(scopeOf(frame, ctx)) : {};
  const trimmed = shape.responsePath ? shape.responsePath.get(value) : value;
  return shape.additional ? merged(trimmed, shape.additional(scopeOf(frame, ctx)) as Record<string, unknown>) : trimmed;
}

export function compileAction(spec: ElementSpec, cc: CompileContext, call: ActionCall): ElementRun {
  const { name, type } = spec.def;
  const p = spec.props;
  const input = compileInput(spec, cc);
  const shape = compileOutputShape(spec, cc);
  const failureCondition = cc.condition(name, 'failureConditionalFormula', p.failureConditionalFormula);
  const failOnStepError = p.failOnStepError !== false;
  const failureResponse = nonEmpty(p.failureResponse) ? cc.value(name, 'failureResponse', p.failureResponse) : undefined;

  const failedCall = (err: unknown): CallResult => {
    const fault = faultOfThrown(err);
    return { value: faultResult(fault), fault };
  };

  const finish = (result: CallResult, frame: Frame, ctx: RunContext): ElementOutcome => {
    const output = shapeOutput(shape, result.value, frame, ctx);
    writeData(frame, shape.responseNode ?? name, output);
    let fault = result.fault;
    if (fault === undefined && failureCondition?.(scopeOf(frame, ctx)) === true) {
      fault = { code: 'INTERNAL', message: `Element ${name} failed: its failureConditionalFormula is true.` };
    }
    if (fault === undefined) return { status: 'ran', output };
    if (failOnStepError) {
      throw faultError(fault, name, type, failureResponse ? { failureResponse: failureResponse(scopeOf(frame, ctx)) } : undefined);
    }
    return { status: 'failed', output };
  };

  return (frame, ctx) => {
    const mock = frame.mocks?.[name];
    if (mock !== undefined) return finish({ value: freshCopy(mock) }, frame, ctx);
    let called: CallResult | Promise<CallResult>;
    try {
      called = call(() => input(frame, ctx), frame, ctx);
    } catch (err) {
      return finish(failedCall(err), frame, ctx);
    }
    if (!isPromise(called)) return finish(called, frame, ctx);
    return called.then(
      (result) => finish(result, frame, ctx),
      (err: unknown) => finish(failedCall(err), frame, ctx),
    );
  };
}
