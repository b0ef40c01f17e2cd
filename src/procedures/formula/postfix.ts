/**
 * Prints a parsed formula in the postfix notation the OmniStudio engine stores beside each Data
 * Mapper formula (`formulaConverted`): operands and operators in evaluation order, separated by
 * spaces; a call opens with `|` and closes with the function name: `IF((a != ''),a,b)` →
 * `| var:a '' != var:a var:b IF`. [data] Checked against the engine's own output in public Data
 * Mapper exports, the printer keeps what the engine keeps: an operator as written (`=` stays `=`,
 * `==` stays `==`), a string in the quote it was written with, `null` as the variable `var:null`
 * (the engine reads it as a path), a negative literal as `-1`, and `AND(a, b)` / `OR(a, b)` as the
 * binary operator with no `|`. [data] The engine writes a space inside a string as `/\/\/`; ipemu
 * prints the space. How the engine writes `<>`, word operators in infix form, `AND`/`OR` calls of
 * other than two arguments, booleans and unary minus on anything but a number is not in the
 * exports seen; those forms are ipemu's. [inferred]
 */
import type { FormulaNode } from './ast';
import { parseFormula } from './parser';

/** `AND(a, b, c)` as the engine's binary operator, folded left: `a b AND c AND`. [inferred past two arguments] */
function printLogicalCall(name: string, args: readonly FormulaNode[], out: string[]): void {
  args.forEach((arg, index) => {
    print(arg, out);
    if (index > 0) out.push(name);
  });
  if (args.length < 2) out.push(name);
}

function print(node: FormulaNode, out: string[]): void {
  switch (node.kind) {
    case 'number':
      out.push(node.text);
      return;
    case 'string':
      out.push(`${node.quote}${node.raw}${node.quote}`);
      return;
    case 'boolean':
      out.push(node.value ? 'true' : 'false');
      return;
    case 'null':
      out.push(`var:${node.text}`);
      return;
    case 'path':
      out.push(`var:${node.path}`);
      return;
    case 'vlocity':
      out.push(`$Vlocity.${node.name}`);
      return;
    case 'negate':
      // The engine's tokenizer reads `-1` as one number, so it never negates a literal. [data]
      if (node.operand.kind === 'number') out.push(`-${node.operand.text}`);
      else {
        print(node.operand, out);
        out.push('NEG');
      }
      return;
    case 'not':
      print(node.operand, out);
      out.push('NOT');
      return;
    case 'binary':
      print(node.left, out);
      print(node.right, out);
      out.push(node.symbol);
      return;
    case 'call':
      if (node.name === 'AND' || node.name === 'OR') {
        printLogicalCall(node.name, node.args, out);
        return;
      }
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
