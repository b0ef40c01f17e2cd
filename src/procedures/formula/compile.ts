/**
 * FormulaNode → closure. Everything that can be decided from the text is decided here, once:
 * paths are compiled, functions looked up, FILTER's literal conditions parsed. What is left for
 * each evaluation is calling closures.
 */
import { LRUCache } from 'lru-cache';
import { IpemuError } from '../../core/errors';
import { compilePath } from '../paths';
import type { FormulaNode } from './ast';
import { FormulaEvaluationError, FormulaSyntaxError } from './errors';
import { nowText, todayText } from './functions/date';
import { buildFunctionTable, type FormulaFunction } from './functions/index';
import { negate, OPERATIONS } from './operators';
import { parseFormula } from './parser';
import type { Evaluator, FormulaScope } from './scope';
import { isTrue } from './values';

const runTimeConditions = new LRUCache<string, Evaluator>({ max: 500 });

/** A condition that arrives only as data (FILTER(list, %cond%)): compiled once per distinct text, its syntax errors reported as evaluation errors. */
function compileAtRunTime(text: string): Evaluator {
  let evaluator = runTimeConditions.get(text);
  if (evaluator === undefined) {
    try {
      evaluator = compileTree(parseFormula(text), text);
    } catch (error) {
      throw new FormulaEvaluationError(`FILTER condition cannot be read: ${error instanceof Error ? error.message : String(error)}`, {
        functionName: 'FILTER',
      });
    }
    runTimeConditions.set(text, evaluator);
  }
  return evaluator;
}

const FUNCTIONS = buildFunctionTable(compileAtRunTime);

function constant(value: unknown): Evaluator {
  return () => value;
}

function fails(error: FormulaEvaluationError): Evaluator {
  return () => {
    throw error;
  };
}

function vlocityVariable(name: string): Evaluator {
  switch (name.toUpperCase()) {
    case 'NULL':
      return constant(null);
    case 'PERCENT':
      return constant('%');
    case 'TODAY':
      return (scope) => todayText(scope.vlocity);
    case 'NOW':
      return (scope) => nowText(scope.vlocity);
    case 'USERID':
      return (scope) => scope.vlocity.userId ?? null;
    default:
      return fails(new FormulaEvaluationError(`Unknown variable $Vlocity.${name}`, { unknownFunction: true }));
  }
}

function arityProblem(name: string, fn: FormulaFunction, count: number): string | undefined {
  const max = fn.maxArgs;
  if (count >= fn.minArgs && (max === undefined || count <= max)) return undefined;
  const expected = max === undefined ? `at least ${fn.minArgs}` : max === fn.minArgs ? `${max}` : `${fn.minArgs} to ${max}`;
  return `${name} expects ${expected} argument${expected === '1' ? '' : 's'}, got ${count}`;
}

/** A formula written as a text argument (FILTER's condition): its syntax errors point at the argument in the outer formula. */
function compileInner(text: string, name: string, position: number, source: string): Evaluator {
  try {
    return compileTree(parseFormula(text), text);
  } catch (error) {
    if (!(error instanceof FormulaSyntaxError)) throw error;
    throw new FormulaSyntaxError(`${error.message}, in the condition of ${name} at column ${position} of '${source}'`, source, position);
  }
}

function compileCall(node: Extract<FormulaNode, { kind: 'call' }>, source: string): Evaluator {
  const fn = FUNCTIONS.get(node.name);
  if (fn === undefined) return fails(new FormulaEvaluationError(`Unknown function ${node.name}`, { functionName: node.name, unknownFunction: true }));
  const problem = arityProblem(node.name, fn, node.args.length);
  if (problem !== undefined) return fails(new FormulaEvaluationError(problem, { functionName: node.name }));
  const args = node.args.map((arg, index) => {
    if (fn.formulaArgs?.includes(index) === true && arg.kind === 'string') return constant(compileInner(arg.value, node.name, arg.position, source));
    return compileNode(arg, source);
  });
  const name = node.name;
  return (scope: FormulaScope) => {
    const values = args.map((arg) => arg(scope));
    try {
      return fn.call(values, scope);
    } catch (error) {
      if (error instanceof FormulaEvaluationError) throw error;
      throw new FormulaEvaluationError(`${name} failed: ${error instanceof Error ? error.message : String(error)}`, { functionName: name });
    }
  };
}

function compileNode(node: FormulaNode, source: string): Evaluator {
  switch (node.kind) {
    case 'number':
      return constant(Number(node.text));
    case 'string':
      return constant(node.value);
    case 'boolean':
      return constant(node.value);
    case 'null':
      return constant(null);
    case 'path': {
      let path;
      try {
        path = compilePath(node.path);
      } catch (error) {
        if (!(error instanceof IpemuError)) throw error;
        throw new FormulaSyntaxError(`${error.message} at column ${node.position} of '${source}'`, source, node.position);
      }
      return (scope) => path.get(scope.data);
    }
    case 'vlocity':
      return vlocityVariable(node.name);
    case 'negate': {
      const operand = compileNode(node.operand, source);
      return (scope) => negate(operand(scope));
    }
    case 'not': {
      const operand = compileNode(node.operand, source);
      return (scope) => !isTrue(operand(scope));
    }
    case 'binary': {
      const left = compileNode(node.left, source);
      const right = compileNode(node.right, source);
      if (node.operator === '&&') return (scope) => isTrue(left(scope)) && isTrue(right(scope));
      if (node.operator === '||') return (scope) => isTrue(left(scope)) || isTrue(right(scope));
      const operation = OPERATIONS[node.operator];
      return (scope) => operation(left(scope), right(scope));
    }
    case 'call':
      return compileCall(node, source);
  }
}

/** The evaluator of a parsed tree; whatever goes wrong while it runs surfaces as a FormulaEvaluationError. */
export function compileTree(tree: FormulaNode, source: string): Evaluator {
  const evaluate = compileNode(tree, source);
  return (scope) => {
    try {
      return evaluate(scope);
    } catch (error) {
      if (error instanceof FormulaEvaluationError) throw error;
      throw new FormulaEvaluationError(`'${source}' cannot be evaluated: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
