/**
 * What a compiled procedure is made of and what one run of it carries. Elements compile once (in
 * library.ts, through the element table) into these closures; a run only calls them.
 */
import type { ProcedureHost, ProcedureRunOptions } from '../../core/procedure-port';
import type { FormulaScope, VlocityContext } from '../formula';
import type { CompiledPath } from '../paths';

/** One entry of `trace`: what the IP Designer's preview shows for an element. */
export interface TraceEntry {
  name: string;
  type: string;
  status: 'ran' | 'skipped' | 'failed';
  reason?: string;
  ms: number;
  output?: unknown;
}

/** One Assert Action's verdict in a test run. */
export interface AssertResult {
  name: string;
  passed: boolean;
  message: string;
}

/** How an element's run ended, for the trace. */
export interface ElementOutcome {
  readonly status: 'ran' | 'skipped' | 'failed';
  readonly reason?: string;
  readonly output?: unknown;
}

/** A write into the data JSON, as a Cache Block records it to replay on a hit. */
export interface DataWrite {
  /** A top-level key (the element's name) or a `responseJSONNode` path. */
  readonly target: string | CompiledPath;
  readonly value: unknown;
}

/** The data JSON of one procedure invocation (a nested IP has its own), and whether a Response Action ended it. */
export interface Frame {
  readonly data: Record<string, unknown>;
  /** Set by a Response Action: the IP's response. */
  ended?: { readonly response: unknown };
  /** Open Cache Blocks collecting what their children write. */
  recorders?: DataWrite[][];
  /** How many steps failed without ending the IP (failOnStepError false): a Cache Block caches no failure. */
  failedSteps?: number;
  /** The `mockResponseMap` that applies to this invocation (test runs only). */
  readonly mocks?: Readonly<Record<string, unknown>>;
}

/** What the whole run shares, across nested procedures. */
export interface RunContext {
  readonly host: ProcedureHost;
  readonly options: ProcedureRunOptions;
  readonly vlocity: VlocityContext;
  /** Procedure keys from the outermost to the one running now. */
  readonly stack: readonly string[];
  readonly trace?: TraceEntry[];
  readonly asserts: AssertResult[];
  /** The outermost procedure's Response Action headers. */
  responseHeaders?: Record<string, unknown>;
  /** Runs another procedure of the library (Integration Procedure Action). */
  callProcedure(key: string, input: unknown, ctx: RunContext): Promise<unknown>;
}

/** An element ready to run: its shared part (name, type, condition) and its own run function. */
export interface CompiledElement {
  readonly name: string;
  readonly type: string;
  readonly active: boolean;
  readonly condition?: (scope: FormulaScope) => boolean;
  /** Synchronous when the element does no I/O (Set Values, Response…): a promise per element costs a hop per element. */
  run(frame: Frame, ctx: RunContext): ElementOutcome | Promise<ElementOutcome>;
}

/** Our own promises are native ones: a result that is not one is already there. */
export function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return value instanceof Promise;
}

export function scopeOf(frame: Frame, ctx: RunContext): FormulaScope {
  return { data: frame.data, vlocity: ctx.vlocity };
}
