import { describeFields, restQueryAll, type DescribedField } from './round-trip-cli';

/** One side of a comparison: a served org and the token of the user it is read as. */
export interface OrgSide {
  instanceUrl: string;
  token: string;
}

export interface ObjectComparison {
  sobject: string;
  /** Undefined when the user cannot see the object on that side. */
  sourceFields: DescribedField[] | undefined;
  recordedFields: DescribedField[] | undefined;
  sourceRecords: Record<string, unknown>[];
  recordedRecords: Record<string, unknown>[];
}

/**
 * Describe and every record of one object on both sides, each read through the fake REST API as a
 * client would: `SELECT <every field the source's describe lists> FROM <object> ORDER BY Id`.
 */
export async function compareObject(source: OrgSide, recorded: OrgSide, sobject: string): Promise<ObjectComparison> {
  const sourceFields = await describeFields(source, source.token, sobject);
  const recordedFields = await describeFields(recorded, recorded.token, sobject);
  if (sourceFields === undefined) return { sobject, sourceFields, recordedFields, sourceRecords: [], recordedRecords: [] };
  const soql = `SELECT ${sourceFields.map((f) => f.name).join(', ')} FROM ${sobject} ORDER BY Id`;
  const sourceRecords = await restQueryAll(source, source.token, soql);
  const recordedRecords = recordedFields === undefined ? [] : await restQueryAll(recorded, recorded.token, soql);
  return { sobject, sourceFields, recordedFields, sourceRecords, recordedRecords };
}

/** `SELECT COUNT() FROM <object>`'s totalSize over the REST API. */
export async function countOf(side: OrgSide, sobject: string): Promise<number> {
  const res = await fetch(`${side.instanceUrl}/services/data/v64.0/query?q=${encodeURIComponent(`SELECT COUNT() FROM ${sobject}`)}`, {
    headers: { authorization: `Bearer ${side.token}` },
  });
  const body = (await res.json()) as { totalSize?: number };
  if (res.status !== 200 || body.totalSize === undefined) throw new Error(`COUNT() of ${sobject}: ${res.status} ${JSON.stringify(body)}`);
  return body.totalSize;
}

/** Every `step`-th Id of the list (sorted), always the first and the last: a sample that is the same on every run. */
export function everyNth(ids: readonly string[], step: number): string[] {
  const sorted = [...ids].sort();
  const out = sorted.filter((_, i) => i % step === 0);
  const last = sorted[sorted.length - 1];
  if (last !== undefined && out[out.length - 1] !== last) out.push(last);
  return out;
}

/** The records with these Ids (all listed fields), read in chunks of `IN (…)` lists, ordered by Id. */
export async function recordsById(side: OrgSide, sobject: string, fields: readonly string[], ids: readonly string[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < ids.length; i += 200) {
    const list = ids
      .slice(i, i + 200)
      .map((id) => `'${id}'`)
      .join(',');
    out.push(...(await restQueryAll(side, side.token, `SELECT ${fields.join(', ')} FROM ${sobject} WHERE Id IN (${list}) ORDER BY Id`)));
  }
  return out;
}
