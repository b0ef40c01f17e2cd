import type { DataMapperDefinition, DataMapperItem, DefinitionProblem } from '../model';

/** How a problem names an item: its position (1-based, as exported) and what it reads or writes. */
export function itemLabel(index: number, item: DataMapperItem): string {
  const what = [item.inputObjectName, item.inputFieldName, item.outputFieldName ? `→ ${item.outputFieldName}` : undefined].filter(Boolean).join(' ');
  return what ? `item ${index + 1} (${what})` : `item ${index + 1}`;
}

/** A problem of one Data Mapper: the file, the Data Mapper as the element, the item as the property. */
export function dataMapperProblem(def: DataMapperDefinition, message: string, item?: { index: number; item: DataMapperItem }): DefinitionProblem {
  const property = item ? itemLabel(item.index, item.item) : undefined;
  const where = property ? `Data Mapper ${def.name}, ${property}` : `Data Mapper ${def.name}`;
  return { file: def.origin.file, element: def.name, ...(property ? { property } : {}), message: `${where}: ${message}` };
}
