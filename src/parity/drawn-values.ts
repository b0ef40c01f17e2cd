import type { Org } from '../core/org';
import { isOrgError } from '../core/org';
import { evenSample } from './even-sample';

/** The recorded org's own values that parity uses as inputs, at most `limit` of each kind. */
export interface DrawnValues {
  jobs: string[];
  policies: string[];
  references: string[];
  requests: string[];
  users: string[];
  accounts: string[];
  names: string[];
}

export const DEFAULT_LIMIT = 1000;

interface Kind {
  key: keyof DrawnValues;
  sobject: string;
  field: string;
}

const KINDS: readonly Kind[] = [
  { key: 'jobs', sobject: 'AsyncApexJob', field: 'Id' },
  { key: 'policies', sobject: 'InsurancePolicy', field: 'Id' },
  { key: 'references', sobject: 'InsurancePolicy', field: 'ReferencePolicyNumber' },
  { key: 'requests', sobject: 'InsuranceAsyncBulkRequest', field: 'Id' },
  { key: 'users', sobject: 'InsuranceAsyncBulkRequest', field: 'CreatedById' },
  { key: 'accounts', sobject: 'InsuranceAsyncBulkRequest', field: 'AccountId' },
  { key: 'names', sobject: 'InsuranceAsyncBulkRequest', field: 'Name' },
];

/** The distinct non-null values of one field, sorted, so the sample is the same every run. */
async function distinctValues(org: Org, { sobject, field }: Kind): Promise<string[]> {
  const { records } = await org.query(`SELECT ${field} FROM ${sobject} WHERE ${field} != null`);
  const values = new Set<string>();
  for (const record of records) {
    const value = record[field];
    if (typeof value === 'string') values.add(value);
  }
  return [...values].sort();
}

/**
 * Queries the recorded (mock) org, through the Org port, for the Ids and values parity feeds the
 * services: a kind whose query the org refuses (a field hidden from the running user, an object
 * it lacks) gives no values and a warning, and the run goes on.
 */
export async function drawValues(org: Org, limit: number, warnings: string[]): Promise<DrawnValues> {
  const values: DrawnValues = { jobs: [], policies: [], references: [], requests: [], users: [], accounts: [], names: [] };
  for (const kind of KINDS) {
    try {
      values[kind.key] = evenSample(await distinctValues(org, kind), limit);
    } catch (err) {
      if (!isOrgError(err)) throw err;
      warnings.push(`No ${kind.sobject}.${kind.field} values drawn from the mock org: ${err.errorCode}: ${err.message}`);
    }
  }
  return values;
}
