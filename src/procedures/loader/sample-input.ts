import { isPlainObject } from '../../core/plain-object';
import type { JsonObject } from '../model';
import { valueOrFile } from './datapack-parts';
import type { RecordFields } from './fields';

/**
 * The procedure's test data: the input the IP Designer's Preview starts from, stored in
 * `CustomJavaScript__c` (an expanded DataPack names its `_SampleInput.json` there). It only
 * documents the procedure (OpenAPI's request example), so an unreadable one is left out, never a
 * problem that would stop the procedure from loading.
 */
export function readSampleInput(header: RecordFields, headerFile?: string, consumed?: Set<string>): JsonObject | undefined {
  let value = header.value('customjavascript');
  if (headerFile !== undefined && consumed !== undefined) {
    const read = valueOrFile(headerFile, value, [], 'CustomJavaScript__c', consumed);
    value = read.ok ? read.value : undefined;
  }
  if (typeof value === 'string' && /^\s*\{/.test(value)) {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  return isPlainObject(value) ? (value as JsonObject) : undefined;
}
