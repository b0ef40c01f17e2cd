import type { Query } from '@jetstreamapp/soql-parser-js';
import type { Binds } from '../../core/org';
import { malformed, missingBind, numberOutsideValidRange, unsupported } from './errors';
import { tokenize } from './soql-tokens';

/**
 * `LIMIT :n` and `OFFSET :skip` (Apex takes binds there; the parser library only numbers). The
 * text is parsed with each bind swapped for a number padded to the bind's length, so columns in
 * syntax errors stay the query's own, and the AST carries the bind names.
 */
export interface PageBinds {
  readonly limit?: string;
  readonly offset?: string;
}

/** The parser's AST, with the LIMIT/OFFSET bind names when the text had them. */
export type SoqlAst = Query & { readonly pageBinds?: PageBinds };

const MAYBE_PAGE_BIND = /\b(?:LIMIT|OFFSET)\s*:/i;

/** The text the parser gets and the bind names, or undefined when the text binds neither (the usual case, one regex test). */
export function swapPageBinds(soql: string): { text: string; binds: PageBinds } | undefined {
  if (!MAYBE_PAGE_BIND.test(soql)) return undefined;
  const tokens = tokenize(soql);
  let depth = 0;
  let text = soql;
  const binds: { limit?: string; offset?: string } = {};
  for (let i = 0; i + 2 < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.text === '(') depth++;
    else if (token.text === ')') depth--;
    const clause = token.text.toUpperCase();
    if ((clause !== 'LIMIT' && clause !== 'OFFSET') || tokens[i + 1]!.text !== ':') continue;
    // Apex takes them in a subquery too; the mock binds only the outer query's.
    if (depth !== 0) throw unsupported(`a bind in a subquery's ${clause}`);
    const name = tokens[i + 2]!;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.text)) continue;
    const from = tokens[i + 1]!.start;
    text = text.slice(0, from) + '0'.padEnd(name.end - from) + text.slice(name.end);
    binds[clause === 'LIMIT' ? 'limit' : 'offset'] = name.text;
  }
  return binds.limit === undefined && binds.offset === undefined ? undefined : { text, binds };
}

/** Marks the AST parsed from the swapped text with the bind names, in place of the placeholder numbers. */
export function withPageBinds(query: Query, binds: PageBinds): SoqlAst {
  // The placeholders are not the query's numbers.
  if (binds.limit !== undefined) delete query.limit;
  if (binds.offset !== undefined) delete query.offset;
  return Object.assign(query, { pageBinds: binds });
}

/** The Apex type a bind value stands for, as Apex names it in its type errors. */
function apexTypeOf(value: Binds[string] | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'List';
  if (value instanceof Date) return 'Datetime';
  if (typeof value === 'number') return 'Decimal';
  return typeof value === 'string' ? 'String' : 'Boolean';
}

/**
 * A LIMIT or OFFSET bind's value: a non-negative integer (an OFFSET at most 2,000, as for
 * literals). (ipemu) The wording for a value of another type or a negative one is the mock's:
 * Apex checks the type when it compiles, and the message for a negative value is not documented.
 */
export function pageBindValue(binds: Binds, name: string, clause: 'LIMIT' | 'OFFSET', maxOffset: number): number {
  if (!Object.prototype.hasOwnProperty.call(binds, name)) throw missingBind(name);
  const value = binds[name];
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw malformed(`Invalid bind expression type of ${apexTypeOf(value)} for ${clause} (an Integer is required): :${name}`);
  }
  if (value < 0) throw numberOutsideValidRange(`The ${clause} value must be non-negative: ${value}`);
  if (clause === 'OFFSET' && value > maxOffset) throw numberOutsideValidRange(`Maximum SOQL offset allowed is ${maxOffset}`);
  return value;
}
