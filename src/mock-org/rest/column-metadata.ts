import type { FieldDescribe } from '../../core/org';
import type { MockOrg } from '../mock-org';
import type { FieldType } from '../fixtures/types';
import type { Column } from '../soql/select';
import type { AggregatePlan } from '../soql/aggregate-plan';
import type { ChildrenColumn } from '../soql/child-subquery';
import type { ObjectSchema } from '../schema/schema';
import { isNumberType, isStringType } from '../schema/schema';

/**
 * `GET /query?q=…&columns=true`: what a query's columns are, without running it (the sf CLI's
 * `data query` reads it to lay out its table). The shape is Salesforce's, as the CLI's own test
 * exemplars record it: one entry per selected field, a parent relationship as an entry named by
 * the relationship with `foreignKeyName` and the fields reached through it in `joinColumns`.
 */

export interface ColumnMetadata {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMetadata[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

export interface QueryColumns {
  columnMetadata: ColumnMetadata[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string;
}

/** The Apex type of a field's values. (ipemu) number types other than int read as Double. */
const APEX_TYPES: Readonly<Record<FieldType, string>> = {
  id: 'Id',
  reference: 'Id',
  string: 'String',
  textarea: 'String',
  picklist: 'String',
  multipicklist: 'String',
  email: 'String',
  phone: 'String',
  url: 'String',
  boolean: 'Boolean',
  int: 'Integer',
  double: 'Double',
  currency: 'Double',
  percent: 'Double',
  date: 'Date',
  datetime: 'Datetime',
};

/** The running user's describe of each object met, built once per answer (insertable and updatable are theirs). */
type FieldsOf = (object: ObjectSchema) => ReadonlyMap<string, FieldDescribe>;

/** The Name pseudo-object a polymorphic relationship leads to has no describe: nothing on it is writable. */
const NAME_FIELDS: FieldsOf = () => new Map();

/** (ipemu) A TYPEOF, toLabel() or FORMAT() column: named by its key, typed as text, joined to nothing. */
function computedColumn(name: string): ColumnMetadata {
  return {
    aggregate: false,
    apexType: null,
    booleanType: false,
    columnName: name,
    custom: false,
    displayName: name,
    foreignKeyName: null,
    insertable: false,
    joinColumns: [],
    numberType: false,
    textType: true,
    updatable: false,
  };
}

function columnsOf(object: ObjectSchema, columns: readonly Column[], fieldsOf: FieldsOf): ColumnMetadata[] {
  return columns.map((column): ColumnMetadata => {
    if (column.kind === 'computed') return computedColumn(column.name);
    if (column.kind === 'children') return childColumn(column, fieldsOf);
    if (column.kind === 'parent') {
      const { field, target } = column.hop;
      return {
        aggregate: false,
        apexType: null,
        booleanType: false,
        columnName: column.name,
        custom: column.name.endsWith('__r'),
        displayName: column.name,
        foreignKeyName: field.name,
        insertable: false,
        joinColumns: columnsOf(target, column.columns, column.hop.polymorphic ? NAME_FIELDS : fieldsOf),
        numberType: false,
        textType: false,
        updatable: false,
      };
    }
    const schemaField = object.fieldByLower.get(column.name.toLowerCase())!; // the plan resolved it
    const described = fieldsOf(object).get(schemaField.name);
    return {
      aggregate: false,
      apexType: APEX_TYPES[schemaField.type],
      booleanType: schemaField.type === 'boolean',
      columnName: schemaField.name,
      custom: schemaField.name.endsWith('__c'),
      displayName: schemaField.name,
      foreignKeyName: null,
      insertable: described?.createable === true,
      joinColumns: [],
      numberType: isNumberType(schemaField.type),
      textType: isStringType(schemaField.type),
      updatable: described?.updateable === true,
    };
  });
}

/**
 * An aggregate query's columns, as the CLI's exemplar records them: a grouped field as a field
 * (under its alias), a function `aggregate: true` with `apexType` null and `displayName` the
 * function as written. (ipemu) MIN/MAX take the number, text and boolean flags of their field.
 */
function aggregateColumns(plan: AggregatePlan, fieldsOf: FieldsOf): ColumnMetadata[] {
  return plan.columns.map((column): ColumnMetadata => {
    const { source } = column;
    if (source.kind === 'field') {
      const [described] = columnsOf(source.path.owner, [{ kind: 'field', name: source.path.field.name }], fieldsOf);
      return { ...described!, columnName: column.name, displayName: column.name };
    }
    const type = column.operand.field.type;
    return {
      aggregate: true,
      apexType: null,
      booleanType: type === 'boolean',
      columnName: column.name,
      custom: false,
      displayName: source.text,
      foreignKeyName: null,
      insertable: false,
      joinColumns: [],
      numberType: isNumberType(type),
      textType: isStringType(type),
      updatable: false,
    };
  });
}

/** (ipemu) A child subquery as the sf CLI reads one: `aggregate` true, its fields in `joinColumns`. */
function childColumn(column: ChildrenColumn, fieldsOf: FieldsOf): ColumnMetadata {
  const { child } = column;
  return {
    aggregate: true,
    apexType: null,
    booleanType: false,
    columnName: column.name,
    custom: column.name.endsWith('__r'),
    displayName: column.name,
    foreignKeyName: null,
    insertable: false,
    joinColumns: columnsOf(child.relationship.child, child.columns, fieldsOf),
    numberType: false,
    textType: false,
    updatable: false,
  };
}

/** The columns of `soql` as the org's user would get them (a query they may not run is refused as running it would be). */
export function queryColumns(org: MockOrg, soql: string): QueryColumns {
  const plan = org.plan(soql);
  const described = new Map<string, ReadonlyMap<string, FieldDescribe>>();
  const fieldsOf: FieldsOf = (object) => {
    let fields = described.get(object.name);
    if (!fields) {
      fields = new Map(org.describeSync(object.name).fields.map((field) => [field.name, field]));
      described.set(object.name, fields);
    }
    return fields;
  };
  // COUNT() selects no column.
  const columnMetadata = plan.count ? [] : plan.aggregate ? aggregateColumns(plan.aggregate, fieldsOf) : columnsOf(plan.root, plan.columns, fieldsOf);
  return {
    columnMetadata,
    entityName: plan.root.name,
    groupBy: plan.aggregate?.grouped === true,
    idSelected: plan.columns.some((column) => column.kind === 'field' && column.name === 'Id'),
    keyPrefix: plan.root.keyPrefix,
  };
}
