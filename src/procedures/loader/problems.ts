import type { DefinitionProblem } from '../model';

/** Where the problems of one load are gathered: every reader pushes here, nothing throws. */
export type ProblemSink = DefinitionProblem[];

export function addProblem(problems: ProblemSink, file: string, message: string, element?: string, property?: string): void {
  const problem: { file: string; element?: string; property?: string; message: string } = { file, message };
  if (element !== undefined) problem.element = element;
  if (property !== undefined) problem.property = property;
  problems.push(problem);
}

/**
 * `file: element E: property P: message`, leaving out what a problem does not have: the one wording
 * of a definition problem, for `ipemu ip validate` and every command that loads definitions.
 */
export function formatDefinitionProblem(problem: DefinitionProblem): string {
  const parts = [
    problem.file,
    problem.element !== undefined ? `element ${problem.element}` : undefined,
    problem.property !== undefined ? `property ${problem.property}` : undefined,
    problem.message,
  ];
  return parts.filter((part) => part !== undefined).join(': ');
}
