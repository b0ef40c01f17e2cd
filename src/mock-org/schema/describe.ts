import type { DescribeResult, FieldDescribe } from '../../core/org';
import { isPolymorphicReference, type FieldSchema, type ObjectSchema, type Schema } from './schema';
import type { OrgUser } from './users';

const SOAP_TYPES: Readonly<Record<string, string>> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

/** The field as this user may write it: a readOnlyFields field is neither createable nor updateable for them. */
function describeField(object: ObjectSchema, field: FieldSchema, user: OrgUser): FieldDescribe {
  const editable = user.canEditField(object.name, field.name);
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType: SOAP_TYPES[field.type] ?? 'xsd:string',
    length: field.length,
    nillable: field.nillable,
    filterable: true,
    // Salesforce sorts no multi-select picklist (ORDER BY on one is refused).
    sortable: field.type !== 'multipicklist',
    idLookup: field.idLookup,
    externalId: false,
    custom: field.name.endsWith('__c'),
    createable: editable && field.createable,
    updateable: editable && field.updateable,
    defaultedOnCreate: field.defaultedOnCreate,
    referenceTo: [...field.referenceTo],
    relationshipName: field.relationshipName,
    polymorphicForeignKey: isPolymorphicReference(field),
    picklistValues: (field.picklistValues ?? []).map((value) => ({ value, label: field.picklistLabels?.[value] ?? value, active: true, defaultValue: false })),
  };
}

function objectUrls(object: ObjectSchema, apiVersion: string): Record<string, string> {
  const base = `/services/data/v${apiVersion}/sobjects/${object.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

/** An object's entry in describeGlobal, also `GET /sobjects/<SObject>`'s objectDescribe. */
export interface ObjectSummary {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  queryable: boolean;
  retrieveable: boolean;
  searchable: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  urls: Record<string, string>;
}

export function describeSummary(object: ObjectSchema, apiVersion: string): ObjectSummary {
  return {
    name: object.name,
    label: object.label,
    labelPlural: object.label,
    keyPrefix: object.keyPrefix,
    custom: object.name.endsWith('__c'),
    queryable: true,
    retrieveable: true,
    searchable: false,
    createable: object.createable,
    updateable: object.updateable,
    deletable: object.deletable,
    urls: objectUrls(object, apiVersion),
  };
}

/** Describe as the user sees it: fields the user cannot read are left out. */
export function describeObject(object: ObjectSchema, user: OrgUser, apiVersion: string): DescribeResult {
  return {
    ...describeSummary(object, apiVersion),
    fields: object.fields.filter((field) => user.canSeeField(object.name, field.name)).map((field) => describeField(object, field, user)),
    childRelationships: [],
  };
}

export interface GlobalDescribe {
  encoding: 'UTF-8';
  maxBatchSize: number;
  sobjects: ObjectSummary[];
}

export function describeGlobal(schema: Schema, user: OrgUser, apiVersion: string): GlobalDescribe {
  const sobjects = schema
    .objects()
    .filter((object) => user.canSeeObject(object.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((object) => describeSummary(object, apiVersion));
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects };
}
