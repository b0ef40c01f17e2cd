import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DataMapperDefinition, DefinitionSet, ElementDefinition, ProcedureDefinition } from '../../../src/procedures/model';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'procedures');
export const VLOCITY_BUILD = join(FIXTURES, 'vlocity-build');
export const COND_BLOCK = join(VLOCITY_BUILD, 'IntegrationProcedure', 'DataPackTest_IPCondBlock1');
export const IP_TEST = join(VLOCITY_BUILD, 'IntegrationProcedure', 'DataPackTest_IPTest1');
export const RAW = join(VLOCITY_BUILD, 'rawDataPacks');
export const SAME = join(FIXTURES, 'same-definition');

/** A scratch folder per test, removed after it. */
export function scratch(): { dir: () => string } {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ipemu-loader-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return { dir: () => dir };
}

export function write(file: string, content: string | object): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

/** A copy of a fixture folder whose files `edit` may change (text in, text out). */
export function copyFolder(from: string, to: string, edit: (name: string, text: string) => string = (_n, t) => t): string {
  cpSync(from, to, { recursive: true });
  for (const name of readdirSync(to)) {
    const file = join(to, name);
    writeFileSync(file, edit(name, readFileSync(file, 'utf8')));
  }
  return to;
}

export const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** `Name [Type]` with children indented: a tree's shape and order at a glance. */
export function outline(elements: readonly ElementDefinition[], depth = 0): string[] {
  return elements.flatMap((e) => [`${'  '.repeat(depth)}${e.name} [${e.type}]`, ...outline(e.children, depth + 1)]);
}

/** The definition as a plain copy without `origin`: formats differ only there. */
export const withoutOrigin = <T extends ProcedureDefinition | DataMapperDefinition>(definition: T): Record<string, unknown> => {
  const copy = { ...definition } as Record<string, unknown>;
  delete copy.origin;
  return copy;
};

export function onlyProcedure(set: DefinitionSet): ProcedureDefinition {
  expect(set.problems).toEqual([]);
  expect(set.procedures).toHaveLength(1);
  return set.procedures[0] as ProcedureDefinition;
}

export function find(elements: readonly ElementDefinition[], name: string): ElementDefinition | undefined {
  for (const element of elements) {
    if (element.name === name) return element;
    const inner = find(element.children, name);
    if (inner) return inner;
  }
  return undefined;
}
