import { OrgError } from '../../core/org';

/** Salesforce's errors for bad SOQL, in its codes and wording (status 400). */

export function noSuchColumn(field: string, entity: string): OrgError {
  return new OrgError(
    'INVALID_FIELD',
    `No such column '${field}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function unsupportedType(sobject: string): OrgError {
  return new OrgError(
    'INVALID_TYPE',
    `sObject type '${sobject}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function unknownRelationship(name: string): OrgError {
  return new OrgError(
    'INVALID_FIELD',
    `Didn't understand relationship '${name}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/** Salesforce's answer to a field selected twice (documented for `SELECT Id, FIELDS(ALL)`). */
export function duplicateField(field: string): OrgError {
  return new OrgError('INVALID_FIELD', `duplicate field selected: ${field}`);
}

export function malformed(message: string): OrgError {
  return new OrgError('MALFORMED_QUERY', message);
}

/** What SOQL allows but the mock org does not evaluate: refused rather than answered wrongly. */
export function unsupported(feature: string): OrgError {
  return new OrgError('MALFORMED_QUERY', `The mock org does not support ${feature}.`);
}

/** (ipemu) A bind name missing from the binds: what Apex says, with the code a REST client gets for `:name`. */
export function missingBind(name: string): OrgError {
  return new OrgError('MALFORMED_QUERY', `Variable does not exist: ${name}`);
}

export function invalidId(value: string): OrgError {
  return new OrgError('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${value}`);
}

export function filterTypeMismatch(field: string, type: string, quoted: boolean): OrgError {
  return new OrgError(
    'INVALID_QUERY_FILTER_OPERATOR',
    `value of filter criterion for field '${field}' must be of type ${type} and should ${quoted ? '' : 'not '}be enclosed in quotes`,
  );
}

export function invalidOperator(operator: string, type: string): OrgError {
  return new OrgError('INVALID_QUERY_FILTER_OPERATOR', `invalid operator ${operator} on ${type} field`);
}

/** A fresh copy, so a cached failure does not hand every caller the same error object. */
export function copyOrgError(err: OrgError): OrgError {
  return new OrgError(err.errorCode, err.message, err.status, err.fields);
}

/** Salesforce's answer to a query that ran past its time limit. */
export function queryTimeout(): OrgError {
  return new OrgError('QUERY_TIMEOUT', 'Your query request was running for too long.');
}

export function numberOutsideValidRange(message: string): OrgError {
  return new OrgError('NUMBER_OUTSIDE_VALID_RANGE', message);
}

/**
 * (ipemu) A date function on a field of the wrong type (DAY_ONLY and HOUR_IN_DAY take dateTime
 * only): worded after Salesforce's documented "field X does not support aggregate operator Y".
 */
export function dateFunctionFieldType(fn: string, field: string): OrgError {
  return new OrgError('INVALID_FIELD', `field ${field} does not support date function ${fn}`);
}

/** (ipemu) convertTimezone() on a date field: the reference says it converts dateTime fields. */
export function convertTimezoneOnDate(field: string): OrgError {
  return new OrgError('INVALID_FIELD', `convertTimezone() can only be applied to a dateTime field: ${field}`);
}

/* Aggregate queries (aggregate-plan.ts). Salesforce's wording where found; (ipemu) where inferred. */

export function mustBeGrouped(field: string): OrgError {
  return new OrgError('MALFORMED_QUERY', `Field must be grouped or aggregated: ${field}`);
}

export function orderMustBeGrouped(field: string): OrgError {
  return new OrgError('MALFORMED_QUERY', `Ordered field must be grouped or aggregated: ${field}`);
}

export function groupedAggregated(field: string): OrgError {
  return new OrgError('MALFORMED_QUERY', `Grouped field should not be aggregated: ${field}`);
}

/** (ipemu) The code: Salesforce's wording is known from client reports, which show only the message. */
export function notGroupable(field: string): OrgError {
  return new OrgError('MALFORMED_QUERY', `field '${field}' can not be grouped in a query call`);
}

/** (ipemu) The code, as for notGroupable. */
export function aggregateNotSupported(field: string, fn: string): OrgError {
  return new OrgError('MALFORMED_QUERY', `field ${field} does not support aggregate operator ${fn}`);
}

/** Salesforce refuses an aggregate answer larger than one batch (2,000 groups); the code is the one it gives for other unpageable queries. */
export function aggregateTooLarge(): OrgError {
  return new OrgError('EXCEEDED_ID_LIMIT', 'Aggregate query does not support queryMore(), use LIMIT to restrict the results to a single batch');
}

// ---- Subqueries: parent-to-child in SELECT, semi-joins and anti-joins in WHERE ----
// Wording seen from real orgs where noted; (ipemu) marks what no public source shows.

/** A subquery's FROM that names no child relationship of the parent (Salesforce's INVALID_TYPE). */
export function unknownChildRelationship(name: string): OrgError {
  return new OrgError(
    'INVALID_TYPE',
    `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

/** Salesforce: "No more than 20 parent-to-child relationships can be specified in a query." (ipemu) its wording as the message. */
export function tooManyChildSubqueries(max: number): OrgError {
  return malformed(`No more than ${max} parent-to-child relationships can be specified in a query`);
}

/** (ipemu) The same child relationship selected twice. */
export function childRelationshipTwice(name: string): OrgError {
  return malformed(`Cannot follow the same aggregate relationship twice: ${name}`);
}

/** COUNT() or another aggregate inside a parent-to-child subquery. */
export function aggregateInSubquery(): OrgError {
  return malformed('only root queries support aggregate expressions');
}

/** Salesforce: "A subquery can use OFFSET only if the parent query has a LIMIT 1 clause." (ipemu) that sentence as the message. */
export function subqueryOffsetNeedsLimitOne(): OrgError {
  return malformed('A subquery can use OFFSET only if the parent query has a LIMIT 1 clause');
}

export function semiJoinWithOr(): OrgError {
  return malformed("Semi join sub-selects are not allowed with the 'OR' operator");
}

/** A semi-join under NOT, or in a WHERE that is not the query's own (a parent-to-child subquery's). */
export function semiJoinNotTopLevel(): OrgError {
  return malformed('Semi join sub-selects are only allowed at the top level WHERE expressions and not in nested WHERE expressions.');
}

export function nestedSemiJoin(): OrgError {
  return malformed('Nesting of semi join sub-selects is not supported');
}

/** Salesforce documents at most two; (ipemu) the wording is one project's record of it. */
export function tooManySemiJoins(max: number): OrgError {
  return malformed(`Maximum ${max} semi join sub-selects are allowed`);
}

export function semiJoinSameObject(): OrgError {
  return malformed('The inner and outer selects should not be on the same object type');
}

/** The inner field leads to another object than the left operand (or to none). */
export function semiJoinTypeMismatch(inner: string, outer: string): OrgError {
  return malformed(
    `The selected field '${inner}' in the subquery and the left operand field in the where expression in the outer query '${outer}' should point to the same object type`,
  );
}

/** A dotted inner field (`Contact.AccountId`). */
export function semiJoinInnerRelationship(): OrgError {
  return malformed('inner select field cannot have more than one level of relationships');
}

/** (ipemu) An object Salesforce documents as unsupported in semi-join subqueries (Event, Task, Note…). */
export function semiJoinEntityNotSupported(entity: string): OrgError {
  return malformed(`Entity '${entity}' is not supported for semi join inner selects`);
}

/** (ipemu) A left operand that is not an Id or reference field of the queried object, or follows a relationship. */
export function semiJoinLeftOperand(field: string): OrgError {
  return malformed(`The left operand '${field}' of a semi join sub-select must be an Id or a reference field of the queried object, without relationships`);
}

/** (ipemu) An inner SELECT of anything but one field, or an operator other than IN and NOT IN. */
export function semiJoinShape(detail: string): OrgError {
  return malformed(`Semi join sub-selects ${detail}`);
}

/** (ipemu, wording inferred) INCLUDES or EXCLUDES on a field that is not a multi-select picklist. */
export function includesOnOtherType(): OrgError {
  return new OrgError('INVALID_QUERY_FILTER_OPERATOR', 'includes or excludes operator only valid on multipicklist field');
}

/** Salesforce's answer to ORDER BY on a field it cannot sort (a multi-select picklist, a long text area). */
export function notSortable(field: string): OrgError {
  return new OrgError('INVALID_FIELD', `field '${field}' can not be sorted in a query call`);
}
