/**
 * The two ways a formula fails. Both are IpemuErrors, so a run that meets one answers through the
 * one error table: a formula that cannot be read is invalid input (INVOKE-400); so is one that
 * cannot be evaluated on its data, except a function ipemu does not provide, which is "known to
 * Salesforce but not provided here" (INVOKE-501).
 */
import { IpemuError } from '../../core/errors';

export class FormulaSyntaxError extends IpemuError {
  /** 1-based column of the expression where reading failed. */
  readonly position: number;
  readonly expression: string;

  constructor(message: string, expression: string, position: number) {
    super('INVALID_INPUT', message, { expression, position });
    this.name = 'FormulaSyntaxError';
    this.expression = expression;
    this.position = position;
  }
}

export class FormulaEvaluationError extends IpemuError {
  /** The function that failed or is unknown, upper-cased, when a function is the cause. */
  readonly functionName?: string;

  constructor(message: string, options: { functionName?: string; unknownFunction?: boolean } = {}) {
    super(
      options.unknownFunction === true ? 'NOT_IMPLEMENTED' : 'INVALID_INPUT',
      message,
      options.functionName === undefined ? undefined : { function: options.functionName },
    );
    this.name = 'FormulaEvaluationError';
    if (options.functionName !== undefined) this.functionName = options.functionName;
  }
}
