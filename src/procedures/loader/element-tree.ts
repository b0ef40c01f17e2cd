import type { ElementDefinition, JsonObject } from '../model';
import { addProblem, type ProblemSink } from './problems';

/**
 * Every format first reads its elements into this flat list; one function turns it into the
 * tree and checks it, so "names are unique" and "a child's parent is a block" have one home.
 */
export interface FlatElement {
  /** The file the element was read from (an expanded DataPack has one per element). */
  readonly file: string;
  readonly name?: string;
  readonly type?: string;
  readonly active: boolean;
  /** Undefined when the property set could not be read (the problem is already recorded). */
  readonly props?: JsonObject;
  readonly parent?: string;
  /** Execution position: the header list's index, `Order__c`, or `sequenceNumber`. */
  readonly order?: number;
  /** The keys this record wrote its fields under (`vlocity_ins__Type__c`), for problems to name as written. */
  readonly keys?: Partial<ElementFieldNames>;
}

/** What a format calls the fields a problem may name. */
export interface ElementFieldNames {
  readonly name: string;
  readonly type: string;
  readonly parent: string;
}

/** No real procedure nests blocks this deep; it bounds every recursive walk of the tree. */
export const MAX_ELEMENT_NESTING = 32;

/** Types whose elements hold children: Conditional, Loop, Try Catch and Cache Block ("Try-Catch Block" too). */
export function isBlockType(type: string): boolean {
  return /block$/i.test(type.trim());
}

interface Node {
  readonly flat: FlatElement;
  readonly name: string;
  readonly type: string;
  readonly children: Node[];
}

const toDefinition = (node: Node): ElementDefinition => ({
  name: node.name,
  type: node.type,
  active: node.flat.active,
  props: node.flat.props ?? {},
  children: node.children.map(toDefinition),
});

/**
 * The elements in execution order, each block's children under it; undefined when any element is
 * unusable (the problems say which and why). Elements run in `order` (stable: equal or missing
 * orders keep the export's order), and children keep that order under their parent.
 */
export function buildElementTree(flat: readonly FlatElement[], schemaNames: ElementFieldNames, problems: ProblemSink): ElementDefinition[] | undefined {
  const namesOf = (element: FlatElement): ElementFieldNames => ({ ...schemaNames, ...element.keys });
  const before = problems.length;
  const indexed = flat.map((element, index) => ({ element, index }));
  indexed.sort((a, b) => (a.element.order ?? Infinity) - (b.element.order ?? Infinity) || a.index - b.index);

  const byName = new Map<string, Node>();
  const ordered: Node[] = [];
  for (const { element, index } of indexed) {
    if (element.name === undefined) {
      addProblem(problems, element.file, `element ${index + 1} has no name`, undefined, namesOf(element).name);
      continue;
    }
    if (element.type === undefined) addProblem(problems, element.file, 'the element has no type', element.name, namesOf(element).type);
    if (byName.has(element.name)) {
      // The data JSON is keyed by element name: two elements of one name would overwrite each other.
      addProblem(problems, element.file, `the element name "${element.name}" is used twice in this procedure`, element.name, namesOf(element).name);
      continue;
    }
    const node: Node = { flat: element, name: element.name, type: element.type ?? '', children: [] };
    byName.set(element.name, node);
    ordered.push(node);
  }

  const roots: Node[] = [];
  for (const node of ordered) {
    const parentName = node.flat.parent;
    if (parentName === undefined) {
      roots.push(node);
      continue;
    }
    const parent = byName.get(parentName);
    if (parent === undefined) {
      addProblem(problems, node.flat.file, `the parent element "${parentName}" does not exist in this procedure`, node.name, namesOf(node.flat).parent);
    } else if (!isBlockType(parent.type)) {
      addProblem(
        problems,
        node.flat.file,
        `the parent element "${parentName}" is ${parent.type ? `a ${parent.type}` : 'an element without a type'}, not a block`,
        node.name,
        namesOf(node.flat).parent,
      );
    } else if (parent === node) {
      addProblem(problems, node.flat.file, 'the element names itself as its parent', node.name, namesOf(node.flat).parent);
    } else {
      parent.children.push(node);
    }
  }

  // Parents that name each other in a ring never reach a root; nor does anything nested too deep.
  const reached = new Set<Node>();
  const walk: { node: Node; depth: number }[] = roots.map((node) => ({ node, depth: 1 }));
  for (let item = walk.pop(); item !== undefined; item = walk.pop()) {
    const { node, depth } = item;
    reached.add(node);
    if (depth > MAX_ELEMENT_NESTING) {
      addProblem(problems, node.flat.file, `blocks are nested deeper than ${MAX_ELEMENT_NESTING} levels`, node.name, namesOf(node.flat).parent);
      continue;
    }
    for (const child of node.children) walk.push({ node: child, depth: depth + 1 });
  }
  // Only when nothing else is wrong: an orphan's children are unreached too, and are no ring.
  for (const node of ordered) {
    if (!reached.has(node) && node.flat.parent !== undefined && byName.has(node.flat.parent) && problems.length === before) {
      addProblem(problems, node.flat.file, 'the element is its own ancestor (its parents form a ring)', node.name, namesOf(node.flat).parent);
    }
  }
  if (flat.some((element) => element.props === undefined)) return undefined;
  return problems.length === before ? roots.map(toDefinition) : undefined;
}
