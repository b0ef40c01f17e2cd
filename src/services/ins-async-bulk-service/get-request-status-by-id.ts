import { IpemuError } from '../../core/errors';
import type { MethodDefinition, ServiceContext } from '../../core/define-service';
import { selectWhereIn } from '../../salesforce/select-where-in';
import { unreadableFields } from '../../salesforce/field-access';
import { forbidden } from '../ins-policy-service/field-access';
import { REQUEST_KEY_PREFIX, type Issue } from '../ins-policy-service/input-keys';
import { loadSchema } from '../schema-file';
import {
  INFO_FIELD,
  optionalId,
  readAdditionalInfo,
  REQUEST_FIELDS,
  REQUEST_OBJECT,
  RequestDetail,
  requestDetails,
  RequestRow,
  statusNeeds,
  throwIssues,
} from './request-status';

/** The two reads (with and without AdditionalInformation), made once, so the permission verdicts are cached per read. */
function plan(withInfo: boolean) {
  const fields = withInfo ? [...REQUEST_FIELDS, INFO_FIELD] : [...REQUEST_FIELDS];
  return { query: selectWhereIn(REQUEST_OBJECT, fields, 'Id', 'requestIds'), needs: statusNeeds(fields) };
}
const PLANS = { plain: plan(false), withInfo: plan(true) };

function parseInput(input: Readonly<Record<string, unknown>>): { requestId: string; withInfo: boolean } {
  const issues: Issue[] = [];
  const requestId = optionalId(input, 'requestId', REQUEST_KEY_PREFIX, REQUEST_OBJECT, issues);
  if (requestId === undefined && issues.length === 0) issues.push({ path: 'requestId', message: 'requestId is required.' });
  const withInfo = readAdditionalInfo(input, issues);
  throwIssues(issues);
  return { requestId: requestId!, withInfo };
}

/** The documentation's steps: the request by Id, its items, their jobs; AdditionalInformation when asked. */
async function getRequestStatusById(input: Record<string, unknown>, { org }: ServiceContext): Promise<RequestDetail> {
  const { requestId, withInfo } = parseInput(input);
  const { query, needs } = withInfo ? PLANS.withInfo : PLANS.plain;
  // Field-level permissions first, as the family's status services check them.
  const unreadable = await unreadableFields(org, needs);
  if (unreadable.length > 0) throw forbidden(unreadable);
  const [request] = (await org.query<RequestRow>(query.soql, { requestIds: [requestId] }, query.options)).records;
  if (!request) throw new IpemuError('NOT_FOUND', `No async bulk request found with requestId ${requestId}.`);
  const [detail] = await requestDetails(org, [request], withInfo);
  return detail!;
}

export const getRequestStatusByIdMethod: MethodDefinition = {
  description:
    'Status of an InsuranceAsyncBulkRequest by requestId: its job counts by state and request items, and AdditionalInformation when isAdditionalInfo is true.',
  input: loadSchema('InsAsyncBulkService', 'getRequestStatusById', 'input'),
  output: loadSchema('InsAsyncBulkService', 'getRequestStatusById', 'output'),
  handler: getRequestStatusById,
};
