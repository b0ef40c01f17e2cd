import type { DefinitionProblem } from '../model';

/** Where the problems of one load are gathered: every reader pushes here, nothing throws. */
export type ProblemSink = DefinitionProblem[];

export function addProblem(problems: ProblemSink, file: string, message: string, element?: string, property?: string): void {
  const problem: { file: string; element?: string; property?: string; message: string } = { file, message };
  if (element !== undefined) problem.element = element;
  if (property !== undefined) problem.property = property;
  problems.push(problem);
}
