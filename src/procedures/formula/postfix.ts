/**
 * Prints a parsed formula in the postfix notation the OmniStudio engine stores beside each Data
 * Mapper formula (`FormulaConverted`): operands and operators in evaluation order, separated by
 * spaces; a path is `var:<path>`, text is in single quotes, and a call opens with `|` and closes
 * with the function name: `IF((a != ''),a,b)` → `| var:a '' != var:a var:b IF`. [data] How the
 * engine writes booleans, null, $Vlocity variables and unary operators is not in any export we
 * have seen; those forms are ipemu's. [inferred]
 */
import type { FormulaNode } from './ast';
import { parseFormula } from './parser';

function print(node: FormulaNode, out: string[]): void {
  switch (node.kind) {
    case 'number':
      out.push(node.text);
      return;
    case 'string':
      out.push(`'${node.value}'`);
      return;
    case 'boolean':
      out.push(node.value ? 'true' : 'false');
      return;
    case 'null':
      out.push('null');
      return;
    case 'path':
      out.push(`var:${node.path}`);
      return;
    case 'vlocity':
      out.push(`$Vlocity.${node.name}`);
      return;
    case 'negate':
    case 'not':
      print(node.operand, out);
      out.push(node.kind === 'negate' ? 'NEG' : 'NOT');
      return;
    case 'binary':
      print(node.left, out);
      print(node.right, out);
      out.push(node.operator);
      return;
    case 'call':
      out.push('|');
      for (const arg of node.args) print(arg, out);
      out.push(node.name);
      return;
  }
}

export function postfixOfTree(tree: FormulaNode): string {
  const out: string[] = [];
  print(tree, out);
  return out.join(' ');
}

/** The postfix form of a formula's text (without a leading '='); throws FormulaSyntaxError as compileFormula does. */
export function postfixOf(expression: string): string {
  return postfixOfTree(parseFormula(expression.replace(/^\s*=/, '')));
}
