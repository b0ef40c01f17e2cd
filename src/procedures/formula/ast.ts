/**
 * The tree a formula parses to: what the compiler turns into closures and the postfix printer prints.
 * The compiler reads only the meaning (`operator`, `value`); the spellings beside it (`symbol`,
 * `quote`, `raw`, `text`) are kept for the printer, which writes them as the formula was written.
 */

export type BinaryOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||' | 'LIKE' | 'NOTLIKE' | '+' | '-' | '*' | '/' | '^' | '&';

export type FormulaNode =
  | { readonly kind: 'number'; readonly text: string; readonly position: number }
  /** `raw`: the characters between the quotes, escapes undecoded. */
  | { readonly kind: 'string'; readonly value: string; readonly quote: '"' | "'"; readonly raw: string; readonly position: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly position: number }
  /** `text`: `null`, `NULL`, … as written. */
  | { readonly kind: 'null'; readonly text: string; readonly position: number }
  | { readonly kind: 'path'; readonly path: string; readonly merge: boolean; readonly position: number }
  /** `$Vlocity.<name>`, the name as written. */
  | { readonly kind: 'vlocity'; readonly name: string; readonly position: number }
  | { readonly kind: 'negate' | 'not'; readonly operand: FormulaNode; readonly position: number }
  /** `symbol`: the operator as written (`=` or `==`, `<>` or `!=`, `AND` or `&&`). */
  | {
      readonly kind: 'binary';
      readonly operator: BinaryOperator;
      readonly symbol: string;
      readonly left: FormulaNode;
      readonly right: FormulaNode;
      readonly position: number;
    }
  /** A function call; `name` upper-cased, since function names ignore case. */
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly FormulaNode[]; readonly position: number };
