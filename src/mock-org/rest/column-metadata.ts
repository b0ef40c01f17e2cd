import type { FieldDescribe } from '../../core/org';
import type { MockOrg } from '../mock-org';
import type { FieldType } from '../fixtures/types';
import type { Column } from '../soql/select';
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
  const columnMetadata = plan.count ? [] : columnsOf(plan.root, plan.columns, fieldsOf);
  return {
    columnMetadata,
    entityName: plan.root.name,
    groupBy: false,
    idSelected: plan.columns.some((column) => column.kind === 'field' && column.name === 'Id'),
    keyPrefix: plan.root.keyPrefix,
  };
}
