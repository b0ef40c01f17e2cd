import type { DataMapperDefinition } from '../model';
import { assembleDataMapper } from './data-mapper-record';
import { fieldsOf } from './fields';
import { addProblem, type ProblemSink } from './problems';
import { entriesOf, readXmlDefinition } from './read-xml';

/** Standard-runtime Data Mappers: `*.rpt` / `*.rpt-meta.xml`, an `OmniDataTransform` document with its `omniDataTransformItem`s. */
export function readRptXml(file: string, problems: ProblemSink): DataMapperDefinition | undefined {
  const doc = readXmlDefinition(file, problems);
  if (doc === undefined) return undefined;
  const root = fieldsOf(doc.OmniDataTransform);
  if (root === undefined) {
    addProblem(problems, file, `not an OmniDataTransform document (its root element is ${Object.keys(doc)[0] ?? 'missing'})`);
    return undefined;
  }
  const items = entriesOf(root.value('omnidatatransformitem'));
  return assembleDataMapper({ origin: { file, format: 'rpt-xml' }, header: root, items, nameField: 'name' }, problems);
}
