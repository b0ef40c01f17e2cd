/**
 * Runs a list of elements in order (a procedure's top level, a block's children): inactive ones
 * and those whose executionConditionalFormula is false are skipped, the run's deadline is checked
 * before each, a Response Action ends the list, and with `trace` every element gets its entry.
 */
import { copyJson } from '../../core/json-copy';
import { IpemuError } from '../../core/errors';
import { isPlainObject } from '../../core/plain-object';
import { FormulaEvaluationError } from '../formula';
import { FatalRunError, stopIfExpired } from './run-errors';
import { isPromise, scopeOf, CompiledElement, ElementOutcome, Frame, RunContext, TraceEntry } from './types';

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

/** What one element's run leaves behind: the frame's failure count and its trace entry. */
class Step {
  private readonly entry: TraceEntry | undefined;
  private readonly started: number;

  constructor(
    private readonly el: CompiledElement,
    private readonly frame: Frame,
    private readonly ctx: RunContext,
  ) {
    this.entry = ctx.trace ? { name: el.name, type: el.type, status: 'ran', ms: 0 } : undefined;
    if (this.entry) ctx.trace?.push(this.entry);
    this.started = this.entry ? ctx.host.clock() : 0;
  }

  done(outcome: ElementOutcome): void {
    if (outcome.status === 'failed') this.frame.failedSteps = (this.frame.failedSteps ?? 0) + 1;
    const entry = this.entry;
    if (entry === undefined) return;
    entry.status = outcome.status;
    if (outcome.reason !== undefined) entry.reason = outcome.reason;
    entry.ms = this.ctx.host.clock() - this.started;
    const output = traced(outcome.output);
    if (output !== undefined) entry.output = output;
  }

  failed(err: unknown): unknown {
    if (this.entry) {
      this.entry.status = 'failed';
      this.entry.ms = this.ctx.host.clock() - this.started;
    }
    return named(err, this.el);
  }
}

/** Runs one element; a promise only when the element's run is one (most elements do no I/O). */
function runOne(el: CompiledElement, frame: Frame, ctx: RunContext): Promise<void> | undefined {
  const step = new Step(el, frame, ctx);
  let outcome: ElementOutcome | Promise<ElementOutcome>;
  try {
    outcome = el.run(frame, ctx);
  } catch (err) {
    throw step.failed(err);
  }
  if (!isPromise(outcome)) {
    step.done(outcome);
    return undefined;
  }
  return outcome.then(
    (o) => step.done(o),
    (err: unknown) => {
      throw step.failed(err);
    },
  );
}

/** Whether `el` should run now: true when it has no condition. */
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
 * without one is the else), the rest are skipped. Synchronous until an element's run is a promise:
 * the rest of the list then continues after it (`from`, `branchTaken` carry where it was).
 */
export function runSequence(
  elements: readonly CompiledElement[],
  frame: Frame,
  ctx: RunContext,
  exclusive = false,
  from = 0,
  branchTaken = false,
): Promise<void> | undefined {
  for (let i = from; i < elements.length; i++) {
    const el = elements[i] as CompiledElement;
    if (frame.ended) return undefined;
    if (!el.active) {
      skip(ctx, el, REASON_INACTIVE);
      continue;
    }
    if (exclusive && branchTaken) {
      skip(ctx, el, REASON_BRANCH_TAKEN);
      continue;
    }
    stopIfExpired(ctx.host, el.name);
    if (!conditionHolds(el, frame, ctx)) {
      skip(ctx, el, REASON_CONDITION);
      continue;
    }
    branchTaken = true;
    const pending = runOne(el, frame, ctx);
    if (pending) return pending.then(() => runSequence(elements, frame, ctx, exclusive, i + 1, true));
  }
  return undefined;
}
