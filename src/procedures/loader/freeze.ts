/**
 * Definitions are shared by every run: frozen once, so no element can change the next run's
 * definition. Iterative: a definition is within the depth limit, but freezing should not rely on it.
 */
export function deepFreeze<T>(value: T): T {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object' || Object.isFrozen(current)) continue;
    Object.freeze(current);
    for (const child of Object.values(current as Record<string, unknown>)) pending.push(child);
  }
  return value;
}
