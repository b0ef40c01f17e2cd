import { API_NAME, API_NAME_PATH } from '../core/salesforce-api';

export { API_NAME, API_NAME_PATH };

/** Whether `text` is an object or field API name (letters, digits and `_`, a letter first). */
export function isApiName(text: string): boolean {
  return API_NAME.test(text);
}

/** Whether `text` is a field name or a dotted parent-relationship path of them. */
export function isApiNamePath(text: string): boolean {
  return API_NAME_PATH.test(text);
}
