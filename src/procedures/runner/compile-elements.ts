/** Each element through the element table, once: its condition, its properties, its run closure. */
import { elementTypeOf, isKnownUnimplemented } from '../elements';
import type { ElementRun } from '../elements/element-type';
import { readProperties } from '../elements/properties';
import { compileUnimplemented } from '../elements/unimplemented';
import type { ElementDefinition } from '../model';
import type { CompileContext } from './compile-context';
import type { CompiledElement } from './types';

function compileElement(def: ElementDefinition, cc: CompileContext): CompiledElement {
  const condition = cc.condition(def.name, 'executionConditionalFormula', def.props.executionConditionalFormula);
  const type = elementTypeOf(def.type);
  let run: ElementRun;
  if (type === undefined) {
    run = compileUnimplemented(def, isKnownUnimplemented(def.type));
    // Their children are still compiled: a syntax error anywhere in the IP is reported at load.
    cc.children(def.children);
  } else run = type.compile({ def, props: readProperties(def, type.properties, cc) }, cc);
  return condition === undefined
    ? { name: def.name, type: def.type, active: def.active, run }
    : { name: def.name, type: def.type, active: def.active, condition, run };
}

export function compileElements(defs: readonly ElementDefinition[], cc: CompileContext): CompiledElement[] {
  return defs.map((def) => compileElement(def, cc));
}
