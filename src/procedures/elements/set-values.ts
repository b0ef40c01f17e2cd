/** Set Values: its result is `elementValueMap` with merge fields and formulas evaluated. */
import { compileAction } from '../runner/action';
import { scopeOf } from '../runner/types';
import { ACTION_PROPERTIES } from './action-properties';
import { defineElementType } from './element-type';
import { obj } from './properties';

export const setValues = defineElementType({
  types: ['Set Values'],
  properties: { ...ACTION_PROPERTIES, elementValueMap: obj() },
  compile(spec, cc) {
    const values = cc.value(spec.def.name, 'elementValueMap', spec.props.elementValueMap);
    return compileAction(spec, cc, (_input, frame, ctx) => ({ value: values(scopeOf(frame, ctx)) }));
  },
});
