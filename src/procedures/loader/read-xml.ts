import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isPlainObject } from '../../core/plain-object';
import { addProblem, type ProblemSink } from './problems';
import { nestedDeeperThan } from '../../core/limited-file';
import { MAX_DEFINITION_DEPTH, readDefinitionText } from './read-file';

/** Tags that repeat: always lists, even when an export holds one. */
const LIST_TAGS = new Set(['omniProcessElements', 'childElements', 'omniDataTransformItem']);

/**
 * Tag text stays text: a name such as `0001` or `true` must not become a number or a boolean.
 * The readers turn `1.0` and `true` into numbers and booleans where the field is one.
 */
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (tagName: string) => LIST_TAGS.has(tagName),
  maxNestedTags: MAX_DEFINITION_DEPTH,
});

/** A metadata XML file's root element (`{ OmniIntegrationProcedure: {…} }`), or undefined with a problem. */
export function readXmlDefinition(file: string, problems: ProblemSink): Record<string, unknown> | undefined {
  const text = readDefinitionText(file, problems);
  if (text === undefined) return undefined;
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    addProblem(problems, file, `not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
    return undefined;
  }
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    // The parser stops at maxNestedTags; say so in the words the JSON readers use.
    addProblem(problems, file, /nested tags/i.test(message) ? `XML nested deeper than ${MAX_DEFINITION_DEPTH} levels` : `cannot be read as XML: ${message}`);
    return undefined;
  }
  if (nestedDeeperThan(doc, MAX_DEFINITION_DEPTH)) {
    addProblem(problems, file, `XML nested deeper than ${MAX_DEFINITION_DEPTH} levels`);
    return undefined;
  }
  if (!isPlainObject(doc)) {
    addProblem(problems, file, 'not an XML document');
    return undefined;
  }
  return doc;
}

/** A repeated tag's entries (the parser makes them a list); a lone text or a missing tag is none. */
export function entriesOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value as unknown[]).filter(isPlainObject) : [];
}
