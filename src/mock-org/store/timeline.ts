import type { ObjectSchema } from '../schema/schema';
import { parseDuration, RowValues } from './values';
import { coerceFixtureValue } from './field-kinds';
import { isPlainObject } from '../../core/plain-object';

/**
 * A record's `$timeline` (issue 5): steps that overlay the record once the org has run for
 * `after` (relative to the org's start), so a job's status moves with the (injectable) clock.
 */
export interface TimelineStep {
  readonly after: number;
  readonly values: RowValues;
}

export interface TimelineProblem {
  field?: string;
  message: string;
}

/**
 * Steps sorted by `after`. (ipemu) Besides Id and reference fields, idLookup fields may not move
 * either: the store indexes them once, at load.
 */
export function parseTimeline(object: ObjectSchema, raw: unknown, problems: TimelineProblem[]): TimelineStep[] {
  if (!Array.isArray(raw)) {
    problems.push({ field: '$timeline', message: 'must be a list of steps like { "after": "2s", "Status": "Processing" }' });
    return [];
  }
  const steps: TimelineStep[] = [];
  raw.forEach((step: unknown, index) => {
    const where = `$timeline[${index}]`;
    if (!isPlainObject(step)) {
      problems.push({ field: where, message: 'must be an object with "after" and field values' });
      return;
    }
    const entries = step;
    const after = parseDuration(entries.after);
    if (after === undefined) {
      problems.push({ field: `${where}.after`, message: `${JSON.stringify(entries.after)} is not a duration like 500ms, 2s, 1m or 1h` });
    }
    const values: RowValues = {};
    for (const [name, value] of Object.entries(entries)) {
      if (name === 'after') continue;
      const field = object.fieldByLower.get(name.toLowerCase());
      if (!field) {
        problems.push({ field: `${where}.${name}`, message: `no such field on ${object.name}` });
        continue;
      }
      if (field.type === 'id' || field.type === 'reference' || field.idLookup) {
        problems.push({ field: `${where}.${field.name}`, message: 'a timeline step may not change Id, reference or idLookup fields' });
        continue;
      }
      const coerced = coerceFixtureValue(field, value);
      if (coerced.ok) values[field.name] = coerced.value;
      else problems.push({ field: `${where}.${field.name}`, message: coerced.message });
    }
    if (after !== undefined) steps.push({ after, values });
  });
  return steps.sort((a, b) => a.after - b.after);
}
