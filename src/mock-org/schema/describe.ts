import type { DescribeResult, FieldDescribe } from '../../core/org';
import { isPolymorphicReference, type FieldSchema, type ObjectSchema, type Schema } from './schema';
import type { OrgUser } from './users';
import type { ChildRelationship } from './child-relationships';

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

/** A childRelationships entry, keys as Salesforce orders them. (ipemu) No master-detail: cascadeDelete is always false. */
export interface ChildRelationshipDescribe {
  cascadeDelete: boolean;
  childSObject: string;
  deprecatedAndHidden: boolean;
  field: string;
  junctionIdListNames: string[];
  junctionReferenceTo: string[];
  relationshipName: string | null;
  restrictedDelete: boolean;
}

/** (ipemu) A child object or reference field the user cannot read is left out, as its field is left out of the child's describe. */
function describeChildren(children: readonly ChildRelationship[], user: OrgUser): ChildRelationshipDescribe[] {
  return children
    .filter((rel) => user.canSeeObject(rel.child.name) && user.canSeeField(rel.child.name, rel.field.name))
    .map((rel) => ({
      cascadeDelete: false,
      childSObject: rel.child.name,
      deprecatedAndHidden: false,
      field: rel.field.name,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: rel.relationshipName,
      restrictedDelete: false,
    }));
}

/** Describe as the user sees it: fields the user cannot read are left out. */
export function describeObject(object: ObjectSchema, user: OrgUser, apiVersion: string, children: readonly ChildRelationship[] = []): DescribeResult {
  return {
    ...describeSummary(object, apiVersion),
    fields: object.fields.filter((field) => user.canSeeField(object.name, field.name)).map((field) => describeField(object, field, user)),
    childRelationships: describeChildren(children, user),
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
