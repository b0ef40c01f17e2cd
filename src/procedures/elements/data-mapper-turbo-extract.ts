/** Data Mapper (DataRaptor) Turbo Extract Action: one object, its fields as the mapper lists them. */
import { compileAction } from '../runner/action';
import { compileDataMapperCall, DATA_MAPPER_PROPERTIES } from './data-mapper-call';
import { defineElementType } from './element-type';

export const dataMapperTurboExtract = defineElementType({
  types: ['DataRaptor Turbo Action', 'Data Mapper Turbo Action', 'Data Mapper Turbo Extract Action', 'Data Mapper Turbo Extract'],
  properties: DATA_MAPPER_PROPERTIES,
  compile: (spec, cc) => compileAction(spec, cc, compileDataMapperCall(spec, cc)),
});
