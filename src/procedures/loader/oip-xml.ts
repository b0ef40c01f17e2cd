import type { ProcedureDefinition } from '../model';
import type { FlatElement } from './element-tree';
import { asBoolean, asNumber, asText, fieldsOf, RecordFields } from './fields';
import { addProblem, type ProblemSink } from './problems';
import { assembleProcedure, type SchemaNames } from './procedure-record';
import { readPropertySet } from './property-set';
import { entriesOf, readXmlDefinition } from './read-xml';

/**
 * Standard-runtime metadata: `*.oip` / `*.oip-meta.xml`, an `OmniIntegrationProcedure` document.
 * Block children nest in `childElements`. Salesforce writes siblings in alphabetical order of name;
 * the execution order is `sequenceNumber`, global across the IP.
 */

const XML_NAMES: SchemaNames = {
  element: { name: 'name', type: 'type', parent: 'childElements' },
  type: 'type',
  subType: 'subType',
  props: 'propertySetConfig',
  elements: 'omniProcessElements',
};

const ROOT = 'OmniIntegrationProcedure';

/** Every element, nested or not, with its enclosing element's name as its parent. */
function flatten(file: string, roots: Record<string, unknown>[], problems: ProblemSink): FlatElement[] {
  const out: FlatElement[] = [];
  const pending: { record: Record<string, unknown>; parent?: string }[] = roots.map((record) => ({ record }));
  for (let item = pending.shift(); item !== undefined; item = pending.shift()) {
    const fields = new RecordFields(item.record);
    const name = asText(fields.value('name'));
    const type = asText(fields.value('type'));
    const props = readPropertySet(fields.value('propertysetconfig'), { file, element: name, property: 'propertySetConfig' }, problems);
    const element: { -readonly [K in keyof FlatElement]: FlatElement[K] } = { file, active: asBoolean(fields.value('isactive'), true) };
    if (name !== undefined) element.name = name;
    if (type !== undefined) element.type = type;
    if (props !== undefined) element.props = props;
    // Nesting says whose child an element is; a flat export may say it with parentElementName instead.
    const parent = item.parent ?? asText(fields.value('parentelementname'));
    if (parent !== undefined) element.parent = parent;
    const order = asNumber(fields.value('sequencenumber'));
    if (order !== undefined) element.order = order;
    out.push(element);
    const children = entriesOf(item.record.childElements);
    if (children.length > 0 && name === undefined) {
      addProblem(problems, file, 'an element with child elements has no name', undefined, 'name');
      continue;
    }
    for (const child of children) pending.push({ record: child, parent: name });
  }
  return out;
}

/** The procedure of one `.oip` file; undefined when it is not one (an OmniScript) or cannot be read. */
export function readOipXml(file: string, problems: ProblemSink): ProcedureDefinition | undefined {
  const doc = readXmlDefinition(file, problems);
  if (doc === undefined) return undefined;
  const root = fieldsOf(doc[ROOT]);
  if (root === undefined) {
    if (doc.OmniScript === undefined) addProblem(problems, file, `not an ${ROOT} document (its root element is ${Object.keys(doc)[0] ?? 'missing'})`);
    return undefined;
  }
  if (!asBoolean(root.value('isintegrationprocedure'), true)) return undefined;
  const props = readPropertySet(root.value('propertysetconfig'), { file, property: 'propertySetConfig' }, problems);
  const elements = flatten(file, entriesOf(root.value('omniprocesselements')), problems);
  return assembleProcedure({ origin: { file, format: 'oip-xml' }, header: root, props, elements, names: XML_NAMES }, problems);
}
