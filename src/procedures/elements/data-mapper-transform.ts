/** Data Mapper (DataRaptor) Transform Action: mappings and formulas over its input, no org. */
import { compileAction } from '../runner/action';
import { compileDataMapperCall, DATA_MAPPER_PROPERTIES } from './data-mapper-call';
import { defineElementType } from './element-type';

export const dataMapperTransform = defineElementType({
  types: ['DataRaptor Transform Action', 'Data Mapper Transform Action', 'Data Mapper Transform'],
  properties: DATA_MAPPER_PROPERTIES,
  compile: (spec, cc) => compileAction(spec, cc, compileDataMapperCall(spec, cc)),
});
