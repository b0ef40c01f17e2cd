import { IpemuError } from '../../core/errors';
import type { MethodDefinition, ServiceContext } from '../../core/define-service';
import type { Binds } from '../../core/org';
import { instantOf } from '../../salesforce/datetimes';
import { unreadableFields, type FieldNeed } from '../../salesforce/field-access';
import { forbidden } from '../ins-policy-service/field-access';
import { shown, type Issue } from '../ins-policy-service/input-keys';
import { loadSchema } from '../schema-file';
import {
  INFO_FIELD,
  optionalId,
  passed,
  readAdditionalInfo,
  REQUEST_FIELDS,
  REQUEST_OBJECT,
  RequestDetail,
  requestDetails,
  RequestRow,
  statusNeeds,
  throwIssues,
} from './request-status';

export const USER_KEY_PREFIX = '005';
export const ACCOUNT_KEY_PREFIX = '001';
/** (ipemu) Names per call, and a name's length (InsuranceAsyncBulkRequest.Name holds 80). */
export const MAX_NAMES = 200;
const MAX_NAME_LENGTH = 80;
export const BY_USER_SHAPE_MESSAGE = 'Specify one of userId, accountId, or names.';

interface Filters {
  userId?: string;
  accountId?: string;
  names?: string[];
  withInfo: boolean;
}

function readNames(value: unknown, issues: Issue[]): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_NAMES) {
    issues.push({ path: 'names', message: `names must be a list of 1 to ${MAX_NAMES} async bulk request names.` });
    return undefined;
  }
  const bad = value.findIndex((name: unknown) => typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME_LENGTH);
  if (bad >= 0) {
    const name: unknown = value[bad];
    const got = typeof name === 'string' ? shown(name) : typeof name;
    issues.push({ path: `names[${bad}]`, message: `names[${bad}] must be a non-blank name of at most ${MAX_NAME_LENGTH} characters, not ${got}.` });
    return undefined;
  }
  return value as string[];
}

function parseInput(input: Readonly<Record<string, unknown>>): Filters {
  if (!passed(input.userId) && !passed(input.accountId) && !passed(input.names)) throw new IpemuError('INVALID_INPUT', BY_USER_SHAPE_MESSAGE);
  const issues: Issue[] = [];
  const filters: Filters = { withInfo: false };
  filters.userId = optionalId(input, 'userId', USER_KEY_PREFIX, 'User', issues);
  filters.accountId = optionalId(input, 'accountId', ACCOUNT_KEY_PREFIX, 'Account', issues);
  if (passed(input.names)) filters.names = readNames(input.names, issues);
  filters.withInfo = readAdditionalInfo(input, issues);
  throwIssues(issues);
  return filters;
}

interface Plan {
  readonly soql: string;
  readonly needs: readonly FieldNeed[];
}

/** One plan per combination of filters, made once: its text for the org, its needs list for the permission verdict cache. */
const plans = new Map<string, Plan>();

/** Each filter passed narrows the requests (they combine with AND); values travel only as binds. */
function planFor({ userId, accountId, names, withInfo }: Filters): Plan {
  const shape = `${userId ? 'u' : ''}${accountId ? 'a' : ''}${names ? 'n' : ''}${withInfo ? 'i' : ''}`;
  let plan = plans.get(shape);
  if (!plan) {
    const selected: string[] = [...REQUEST_FIELDS, ...(withInfo ? [INFO_FIELD] : [])];
    const where: string[] = [];
    const filtered: string[] = [];
    if (userId) {
      where.push('CreatedById = :userId');
      filtered.push('CreatedById');
    }
    if (accountId) {
      where.push('AccountId = :accountId');
      filtered.push('AccountId');
    }
    if (names) where.push('Name IN :names');
    plan = { soql: `SELECT ${selected.join(', ')} FROM ${REQUEST_OBJECT} WHERE ${where.join(' AND ')}`, needs: statusNeeds([...selected, ...filtered]) };
    plans.set(shape, plan);
  }
  return plan;
}

/** Newest first by CreatedDate; ties: the greater Id, as the family orders jobs. */
function newestFirst(a: RequestRow, b: RequestRow): number {
  const ta = instantOf(a.CreatedDate);
  const tb = instantOf(b.CreatedDate);
  if (ta !== tb) return tb > ta ? 1 : -1;
  return b.Id.slice(0, 15) > a.Id.slice(0, 15) ? 1 : -1;
}

/**
 * The documentation's steps: the requests of the user, the account or the names, each with its
 * items and their jobs. (ipemu) "Active" requests are every one that still exists, whatever its
 * status: the documented sample lists a Completed one.
 */
async function getRequestStatusByUser(input: Record<string, unknown>, { org }: ServiceContext): Promise<{ requestDetails: RequestDetail[] }> {
  const filters = parseInput(input);
  const plan = planFor(filters);
  const unreadable = await unreadableFields(org, plan.needs);
  if (unreadable.length > 0) throw forbidden(unreadable);
  const binds: Record<string, Binds[string]> = {};
  if (filters.userId) binds.userId = filters.userId;
  if (filters.accountId) binds.accountId = filters.accountId;
  if (filters.names) binds.names = filters.names;
  const { records } = await org.query<RequestRow>(plan.soql, binds);
  return { requestDetails: await requestDetails(org, [...records].sort(newestFirst), filters.withInfo) };
}

export const getRequestStatusByUserMethod: MethodDefinition = {
  description: 'Status of the async bulk requests of a user (userId), an account (accountId) or by names: each with its job counts by state and request items.',
  input: loadSchema('InsAsyncBulkService', 'getRequestStatusByUser', 'input'),
  output: loadSchema('InsAsyncBulkService', 'getRequestStatusByUser', 'output'),
  handler: getRequestStatusByUser,
};
