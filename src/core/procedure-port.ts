/**
 * The port through which the emulator runs Integration Procedures. core knows no procedure, no
 * loader and no element: the composition root hands in a `ProcedurePort` (src/procedures builds
 * it), as it hands in services. The emulator owns what every invocation shares: the copy of input
 * and options, the key check, the org, the deadline and the envelope of every failure.
 */
import type { EmulatorConfig } from './config';
import type { InvokeOptions } from './define-service';
import type { OutputMap } from './envelope';
import type { Logger } from './logger';
import type { Org } from './org';

/** One loaded procedure as `emu.describeProcedures()`, `ipemu ip list` and OpenAPI show it. */
export interface ProcedureInfo {
  /** `Type_SubType`. */
  readonly key: string;
  readonly type: string;
  readonly subType: string;
  /** The version that runs: the highest active one. */
  readonly version: number;
  readonly isTest: boolean;
  /** The file it was read from, and its export format. */
  readonly file: string;
  readonly format: string;
  /** The export's test data (an input map), when it has one: the OpenAPI request example. */
  readonly sampleInput?: Readonly<Record<string, unknown>>;
}

export interface ProcedureRunOptions extends InvokeOptions {
  /** Adds `trace` to the envelope: one entry per element (name, type, ran/skipped/failed, ms, output). */
  trace?: boolean;
  /** A test run: the procedures' `mockResponseMap` replaces the named elements' results. */
  test?: boolean;
}

/** What the emulator gives one run of a procedure. */
export interface ProcedureHost {
  /** The org, carrying this run's abort signal on every request. */
  readonly org: Org;
  /** Aborts when the run's deadline passes (or its caller gives up). Made on first read: between elements, read `expired`. */
  readonly signal: AbortSignal;
  /** The run's deadline has passed: what a runner checks between elements, at no cost. */
  readonly expired: boolean;
  /** The run's deadline on `clock`; a Remote Action gives the service what is left of it. */
  readonly deadlineAt: number;
  clock(): number;
  /** The emulator's own invoke: Remote Actions reach services only through it. */
  invoke(key: string, input: unknown, options?: InvokeOptions): Promise<OutputMap>;
  readonly logger: Logger;
  readonly config: Readonly<EmulatorConfig>;
}

export interface ProcedurePort {
  /** Every runnable procedure, in key order. */
  list(): readonly ProcedureInfo[];
  has(key: string): boolean;
  /**
   * Runs `key` (known to `has`) on an input that is already a plain JSON copy. Resolves to the
   * envelope: `{ IPResult, errorCode: 'INVOKE-200', error: 'OK' }` or a failure with
   * `details: { element, type, … }`. It may throw or reject: the emulator settles that.
   */
  run(key: string, input: Record<string, unknown>, options: ProcedureRunOptions, host: ProcedureHost): Promise<OutputMap>;
}
