import type { DefinitionProblem } from './model';

/** One problem as a line: the file, then the element and the property when known, then what is wrong. */
export function problemText(problem: DefinitionProblem): string {
  const where = [
    problem.file,
    problem.element === undefined ? undefined : `element ${problem.element}`,
    problem.property === undefined ? undefined : `property ${problem.property}`,
  ];
  return `${where.filter((part) => part !== undefined).join(': ')}: ${problem.message}`;
}
