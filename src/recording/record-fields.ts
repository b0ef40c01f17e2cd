import type { DescribeResult } from '../core/org';
import type { FieldDecl, FieldType } from '../mock-org/fixtures/types';
import { fieldTypeOf } from './field-types';

/** One object's fields as a recording reads them: every describe field with a fixture type. */
export interface RecordedFields {
  /** The SELECT list, Id first (the reference pass reads a record's Id from the start of its line). */
  readonly names: readonly string[];
  readonly types: ReadonlyMap<string, FieldType>;
  /** What the anonymizer needs to know of each field (its kind, length, lookup flag). */
  readonly decls: Readonly<Record<string, FieldDecl>>;
  /** Reference fields, whose values the summary checks against the recorded Ids. */
  readonly references: readonly string[];
}

export function recordedFields(describe: DescribeResult, skipped: ReadonlySet<string>): RecordedFields {
  const names: string[] = [];
  const types = new Map<string, FieldType>();
  const decls: Record<string, FieldDecl> = {};
  const references: string[] = [];
  for (const field of describe.fields) {
    if (skipped.has(field.name)) continue;
    const mapped = fieldTypeOf(field.type);
    if (!('type' in mapped)) continue;
    const decl: FieldDecl = { type: mapped.type, length: field.length, nillable: field.nillable, idLookup: field.idLookup };
    if (mapped.type === 'reference') decl.referenceTo = [...field.referenceTo];
    if (field.name === 'Id') names.unshift(field.name);
    else names.push(field.name);
    types.set(field.name, mapped.type);
    decls[field.name] = decl;
    if (mapped.type === 'reference') references.push(field.name);
  }
  return { names, types, decls, references };
}
