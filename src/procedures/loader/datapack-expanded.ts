import type { JsonObject, ProcedureDefinition } from '../model';
import { partFile, valueOrFile } from './datapack-parts';
import type { FlatElement } from './element-tree';
import type { RecordFields } from './fields';
import { addProblem, type ProblemSink } from './problems';
import { assembleProcedure, readElementRecord, schemaNamesOf } from './procedure-record';
import { readPropertySet } from './property-set';
import { readJsonDefinition } from './read-file';
import { readSampleInput } from './sample-input';

/**
 * vlocity_build's expanded Integration Procedure DataPacks: a folder whose
 * `<Type>_<SubType>_DataPack.json` header names its `_PropertySet.json` and one
 * `_Element_<Name>.json` per element, in the managed package's schema (`Element__c`) or the standard
 * objects' (`OmniProcessElement`). The header's element list is in depth-first execution order:
 * expanded files drop `Order__c`.
 */

/** `X_Element_CalculateTax.json` → `CalculateTax`: the name a missing element file stands for. */
const elementNameOf = (reference: string): string | undefined => /_Element_(.+)\.json$/.exec(reference)?.[1];

/** The IP of one expanded header; the part files it reads are added to `consumed`. */
export function readExpandedProcedure(headerFile: string, header: RecordFields, problems: ProblemSink, consumed: Set<string>): ProcedureDefinition | undefined {
  const names = schemaNamesOf(header);
  const propsField = header.get('propertyset', 'propertysetconfig');
  const propsKey = propsField?.key ?? names.props;
  const propsValue = valueOrFile(headerFile, propsField?.value, problems, propsKey, consumed);
  const props: JsonObject | undefined = propsValue.ok
    ? readPropertySet(propsValue.value, { file: headerFile, property: propsKey }, problems, propsValue.fromFile !== true)
    : undefined;

  const listField = header.get('element', 'omniprocesselement');
  const listKey = listField?.key ?? names.elements;
  const list: unknown = listField?.value ?? [];
  const elements: FlatElement[] = [];
  const before = problems.length;
  if (!Array.isArray(list)) addProblem(problems, headerFile, 'the element list must be a list of element file names', undefined, listKey);
  else {
    list.forEach((entry: unknown, index) => {
      let record: unknown = entry;
      let file = headerFile;
      if (typeof entry === 'string') {
        const part = partFile(headerFile, entry, problems, elementNameOf(entry), listKey);
        if (part === undefined) return;
        consumed.add(part);
        file = part;
        const problemsBefore = problems.length;
        record = readJsonDefinition(part, problems, elementNameOf(entry), listKey);
        if (problems.length !== problemsBefore) return;
      }
      const element = readElementRecord(record, file, index, problems);
      // The list's order is the execution order; an expanded file's own Order__c (if any) is stale.
      if (element !== undefined) elements.push({ ...element, order: index });
    });
  }
  if (problems.length !== before) {
    // A missing or broken element file already says what is wrong; its children would only add orphans.
    return undefined;
  }
  const sampleInput = readSampleInput(header, headerFile, consumed);
  return assembleProcedure(
    { origin: { file: headerFile, format: 'datapack-expanded' }, header, props, elements, names, ...(sampleInput ? { sampleInput } : {}) },
    problems,
  );
}
