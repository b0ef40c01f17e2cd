/** At most `limit` of `values`, spread evenly over them and the same every run: all of them when they fit. */
export function evenSample<T>(values: readonly T[], limit: number): T[] {
  if (values.length <= limit) return [...values];
  const picked: T[] = [];
  for (let i = 0; i < limit; i++) picked.push(values[Math.floor((i * values.length) / limit)]!);
  return picked;
}
