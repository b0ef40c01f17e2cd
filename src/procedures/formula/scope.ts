/** What a compiled formula reads when it runs: the data JSON and the `$Vlocity.*` context. */

export interface VlocityContext {
  readonly userId?: string;
  /** The clock behind $Vlocity.NOW, NOW(), TODAY() and $Vlocity.TODAY: injected, so tests and runs agree on "now". */
  now(): Date;
  /** The IANA zone TODAY() and FORMATDATETIME read the clock in; UTC when absent. */
  readonly timeZone?: string;
}

export interface FormulaScope {
  readonly data: unknown;
  readonly vlocity: VlocityContext;
}

export type Evaluator = (scope: FormulaScope) => unknown;
