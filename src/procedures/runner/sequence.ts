/**
 * Runs a list of elements in order (a procedure's top level, a block's children): inactive ones
 * and those whose executionConditionalFormula is false are skipped, the run's signal is checked
 * before each, a Response Action ends the list, and with `trace` every element gets its entry.
 */
import { copyJson } from '../../core/json-copy';
import { IpemuError } from '../../core/errors';
import { isPlainObject } from '../../core/plain-object';
import { FormulaEvaluationError } from '../formula';
import { FatalRunError, stopIfAborted } from './run-errors';
import { scopeOf, CompiledElement, ElementOutcome, Frame, RunContext, TraceEntry } from './types';

/** A trace shows outputs, not megabytes of them. */
export const TRACE_OUTPUT_CHARS = 65_536;

export const REASON_INACTIVE = 'the element is inactive';
export const REASON_CONDITION = 'executionConditionalFormula is false';
export const REASON_BRANCH_TAKEN = 'an earlier branch of the if-else block ran';

function traced(output: unknown): unknown {
  if (output === undefined) return undefined;
  const copy = copyJson(output, TRACE_OUTPUT_CHARS);
  return copy.ok ? copy.value : `(output not shown: ${copy.problem})`;
}

function skip(ctx: RunContext, el: CompiledElement, reason: string): void {
  ctx.trace?.push({ name: el.name, type: el.type, status: 'skipped', reason, ms: 0 });
}

/**
 * A failure that does not name its element yet (a formula that could not be evaluated, a block's
 * own refusal) gets the element and its type, so every answer says where the IP stopped.
 */
function named(err: unknown, el: CompiledElement): unknown {
  if (!(err instanceof IpemuError) || err instanceof FatalRunError) return err;
  const details = isPlainObject(err.details) ? err.details : {};
  if (typeof details.element === 'string') return err;
  const message = err instanceof FormulaEvaluationError ? `Element ${el.name}: ${err.message}` : err.message;
  return new IpemuError(err.code, message, { ...details, element: el.name, type: el.type });
}

async function runOne(el: CompiledElement, frame: Frame, ctx: RunContext): Promise<void> {
  const entry: TraceEntry | undefined = ctx.trace ? { name: el.name, type: el.type, status: 'ran', ms: 0 } : undefined;
  if (entry) ctx.trace?.push(entry);
  const started = entry ? ctx.host.clock() : 0;
  let outcome: ElementOutcome;
  try {
    outcome = await el.run(frame, ctx);
  } catch (err) {
    if (entry) {
      entry.status = 'failed';
      entry.ms = ctx.host.clock() - started;
    }
    throw named(err, el);
  }
  if (outcome.status === 'failed') frame.failedSteps = (frame.failedSteps ?? 0) + 1;
  if (entry) {
    entry.status = outcome.status;
    if (outcome.reason !== undefined) entry.reason = outcome.reason;
    entry.ms = ctx.host.clock() - started;
    const output = traced(outcome.output);
    if (output !== undefined) entry.output = output;
  }
}

/** Whether `el` should run now; undefined when it has no condition. */
function conditionHolds(el: CompiledElement, frame: Frame, ctx: RunContext): boolean {
  if (el.condition === undefined) return true;
  try {
    return el.condition(scopeOf(frame, ctx));
  } catch (err) {
    throw named(err, el);
  }
}

/**
 * `exclusive` is an if-else Conditional Block: the first child whose condition holds runs (a child
 * without one is the else), the rest are skipped.
 */
export async function runSequence(elements: readonly CompiledElement[], frame: Frame, ctx: RunContext, exclusive = false): Promise<void> {
  let branchTaken = false;
  for (const el of elements) {
    if (frame.ended) return;
    if (!el.active) {
      skip(ctx, el, REASON_INACTIVE);
      continue;
    }
    if (exclusive && branchTaken) {
      skip(ctx, el, REASON_BRANCH_TAKEN);
      continue;
    }
    stopIfAborted(ctx.host.signal, el.name);
    if (!conditionHolds(el, frame, ctx)) {
      skip(ctx, el, REASON_CONDITION);
      continue;
    }
    branchTaken = true;
    await runOne(el, frame, ctx);
  }
}
