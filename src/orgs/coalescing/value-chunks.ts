/** Merged values as requests: each rendered query stays within what Salesforce accepts in a URL. */

/** Salesforce refuses URLs (with headers) over 16,384 bytes; stay well under it. */
const URL_BUDGET_BYTES = 12_000;
/** Rough size of `/services/data/vXX.X/query?q=` plus slack. */
const URL_OVERHEAD_BYTES = 200;
/** Never more values than this in one query, whatever their length. */
export const MAX_VALUES_PER_CHUNK = 300;

export type MergeValue = string | number;

/** The URL-encoded size of the SOQL text without its values. */
export function baseBytesOf(soql: string): number {
  return encodeURIComponent(soql).length + URL_OVERHEAD_BYTES;
}

function isPlainText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const plain = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46 || c === 95;
    if (!plain) return false;
  }
  return true;
}

/**
 * The URL-encoded size of one rendered value: escaped as a SOQL literal, two quotes and a comma
 * (`%27…%27%2C`), with `'` counted encoded as some clients encode it. An 18-character Id costs 27.
 */
function renderedBytes(value: MergeValue): number {
  const text = String(value);
  // Ids and most keys are letters, digits and `-_.`, which neither escaping nor URL encoding grows.
  if (isPlainText(text)) return text.length + 9;
  const escaped = text.replace(/[\\'"\n\r\t\b\f]/g, '\\$&');
  return encodeURIComponent(escaped).replace(/'/g, '%27').length + 9;
}

/** Splits the values so that each rendered query stays within the URL budget and the value cap. */
export function chunkValues(values: readonly MergeValue[], baseBytes: number): MergeValue[][] {
  const chunks: MergeValue[][] = [];
  let chunk: MergeValue[] = [];
  let bytes = baseBytes;
  for (const value of values) {
    const cost = renderedBytes(value);
    if (chunk.length > 0 && (chunk.length >= MAX_VALUES_PER_CHUNK || bytes + cost > URL_BUDGET_BYTES)) {
      chunks.push(chunk);
      chunk = [];
      bytes = baseBytes;
    }
    chunk.push(value);
    bytes += cost;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
