import type { DescribeResult } from '../core/org';
import type { FieldDecl, FieldType } from '../mock-org/fixtures/types';
import { fieldDeclsFromDescribe, type SkippedObjectField } from './schema-from-describe';

/** One object's fields as a recording reads them: every describe field the recorded schema holds. */
export interface RecordedFields {
  /** The SELECT list, Id first (the reference pass reads a record's Id from the start of its line). */
  readonly names: readonly string[];
  readonly types: ReadonlyMap<string, FieldType>;
  /** Each field's full declaration (for the anonymizer: its kind, length, lookup flag). */
  readonly decls: Readonly<Record<string, FieldDecl>>;
  /** Reference fields, whose values the summary checks against the recorded Ids. */
  readonly references: readonly string[];
}

export function recordedFields(describe: DescribeResult, skipped: readonly SkippedObjectField[]): RecordedFields {
  const decls = fieldDeclsFromDescribe(describe, skipped);
  const rest = Object.keys(decls).filter((name) => name !== 'Id');
  const names = 'Id' in decls ? ['Id', ...rest] : rest;
  const types = new Map(names.map((name) => [name, decls[name]!.type]));
  const references = names.filter((name) => decls[name]!.type === 'reference');
  return { names, types, decls, references };
}
