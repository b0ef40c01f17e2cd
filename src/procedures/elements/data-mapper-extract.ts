/** Data Mapper (DataRaptor) Extract Action: runs an Extract mapper's bound SOQL through the org. */
import { compileAction } from '../runner/action';
import { compileDataMapperCall, DATA_MAPPER_PROPERTIES } from './data-mapper-call';
import { defineElementType } from './element-type';

export const dataMapperExtract = defineElementType({
  types: ['DataRaptor Extract Action', 'Data Mapper Extract Action', 'Data Mapper Extract'],
  properties: DATA_MAPPER_PROPERTIES,
  compile: (spec, cc) => compileAction(spec, cc, compileDataMapperCall(spec, cc)),
});
