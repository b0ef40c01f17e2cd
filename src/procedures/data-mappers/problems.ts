import type { DataMapperDefinition, DataMapperItem, DefinitionProblem } from '../model';

/** An item with its position in the definition: problems name items by it. */
export interface ItemEntry {
  readonly index: number;
  readonly item: DataMapperItem;
}

/** How a problem names an item: its position (1-based, as exported) and what it reads or writes. */
export function itemLabel(index: number, item: DataMapperItem): string {
  const what = [item.inputObjectName, item.inputFieldName, item.outputFieldName ? `→ ${item.outputFieldName}` : undefined].filter(Boolean).join(' ');
  return what ? `item ${index + 1} (${what})` : `item ${index + 1}`;
}

/**
 * A problem of one Data Mapper: the file, the Data Mapper as the element, the item as the property;
 * the message says only what is wrong (ip validate prints the four together).
 */
export function dataMapperProblem(def: DataMapperDefinition, message: string, item?: ItemEntry): DefinitionProblem {
  const property = item ? itemLabel(item.index, item.item) : undefined;
  return { file: def.origin.file, element: def.name, ...(property ? { property } : {}), message };
}
