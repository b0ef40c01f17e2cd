/**
 * `operationId`s as code generators want them: camelCase letters and digits only (valid in a URL
 * and as an identifier), and unique in the document.
 */

/** `['invoke', 'InsPolicyService', 'getPolicyAsyncJobStatus']` → `invokeInsPolicyServiceGetPolicyAsyncJobStatus`. */
export function camelId(parts: readonly string[]): string {
  const words = parts.flatMap((part) => part.split(/[^A-Za-z0-9]+/)).filter((word) => word.length > 0);
  const id = words.map((word, i) => (i === 0 ? word[0]!.toLowerCase() : word[0]!.toUpperCase()) + word.slice(1)).join('');
  // An identifier cannot start with a digit.
  return /^[A-Za-z]/.test(id) ? id : `op${id}`;
}

/** Hands out ids, numbering the second and later of one spelling (`…2`, `…3`). */
export class OperationIds {
  private readonly taken = new Set<string>();

  next(parts: readonly string[]): string {
    const base = camelId(parts);
    let id = base;
    for (let n = 2; this.taken.has(id); n += 1) id = `${base}${n}`;
    this.taken.add(id);
    return id;
  }
}
