/** The tree a formula parses to: what the compiler turns into closures and the postfix printer prints. */

export type BinaryOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | 'LIKE' | 'NOTLIKE' | '+' | '-' | '*' | '/' | '^' | '&';

export type FormulaNode =
  | { readonly kind: 'number'; readonly text: string; readonly position: number }
  | { readonly kind: 'string'; readonly value: string; readonly position: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly position: number }
  | { readonly kind: 'null'; readonly position: number }
  | { readonly kind: 'path'; readonly path: string; readonly merge: boolean; readonly position: number }
  /** `$Vlocity.<name>`, the name as written. */
  | { readonly kind: 'vlocity'; readonly name: string; readonly position: number }
  | { readonly kind: 'negate' | 'not'; readonly operand: FormulaNode; readonly position: number }
  | { readonly kind: 'binary'; readonly operator: BinaryOperator; readonly left: FormulaNode; readonly right: FormulaNode; readonly position: number }
  /** A function call; `name` upper-cased, since function names ignore case. */
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly FormulaNode[]; readonly position: number };
