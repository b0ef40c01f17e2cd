/**
 * The one procedure tree and the one Data Mapper model. Every export format (loader/) normalises
 * to these, and everything after loading (the runner, the elements, `ip validate`, `ip list`)
 * reads only these. Definitions are plain JSON data, frozen once loaded.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** The export a definition came from: errors name the file, and `ip list` shows the format. */
export interface DefinitionOrigin {
  /** Absolute path of the file (or the DataPack folder's header file) the definition was read from. */
  readonly file: string;
  readonly format: 'datapack-expanded' | 'datapack-raw' | 'oip-xml' | 'rpt-xml' | 'dataraptor-folder';
}

/** One element of an Integration Procedure; blocks hold their children in execution order. */
export interface ElementDefinition {
  readonly name: string;
  /** The stored type string, as exported ("Set Values", "DataRaptor Extract Action", "Rest Action"…). */
  readonly type: string;
  /** Inactive elements are kept in the tree (the IP Designer shows them) but never run. */
  readonly active: boolean;
  /** The element's property set (`PropertySet__c` / `propertySetConfig`), parsed from JSON. */
  readonly props: JsonObject;
  readonly children: readonly ElementDefinition[];
}

export interface ProcedureDefinition {
  /** `Type_SubType`: the key `runProcedure` and the routes take. */
  readonly key: string;
  readonly type: string;
  readonly subType: string;
  /** Of several versions of one key, the highest active one runs. Exports without a version are 1. */
  readonly version: number;
  readonly active: boolean;
  readonly isTest: boolean;
  /** The IP's own property set (`mockResponseMap`, `includeAllActionsInResponse`, …). */
  readonly props: JsonObject;
  /** Top-level elements in execution order. */
  readonly elements: readonly ElementDefinition[];
  readonly origin: DefinitionOrigin;
  /** The export's test data (`CustomJavaScript__c`), when it has an input map there. */
  readonly sampleInput?: JsonObject;
}

/**
 * One Data Mapper item, under the standard-runtime names (OmniDataTransformItem; the managed
 * package's `DRMapItem__c` names are mapped as vlocity_build's platformObjectMappings.yaml maps them).
 * Items with `outputCreationSequence` 0 are extraction steps; the others are mappings or formulas.
 */
export interface DataMapperItem {
  readonly inputObjectName?: string;
  readonly inputObjectQuerySequence?: number;
  readonly inputFieldName?: string;
  readonly outputObjectName?: string;
  readonly outputCreationSequence: number;
  readonly outputFieldName?: string;
  readonly outputFieldFormat?: string;
  readonly filterOperator?: string;
  readonly filterValue?: string;
  readonly filterGroup?: number;
  readonly formulaExpression?: string;
  /** The engine's compiled postfix form of `formulaExpression`, kept as exported. */
  readonly formulaConverted?: string;
  readonly formulaSequence?: number;
  readonly formulaResultPath?: string;
  readonly defaultValue?: string;
  readonly transformValueMappings?: JsonValue;
  readonly lookupObjectName?: string;
  readonly lookupByFieldName?: string;
  readonly lookupReturnedFieldName?: string;
  readonly isDisabled: boolean;
}

export interface DataMapperDefinition {
  /** The bundle name an element's `bundle` property names. */
  readonly name: string;
  /** As stored: "Extract", "Transform", "Load", "Turbo Extract". */
  readonly type: string;
  readonly inputType?: string;
  readonly outputType?: string;
  /**
   * `versionNumber` of a metadata export (`getCases_1.rpt`, `getCases_2.rpt`); 1 where the export
   * has none (the managed package's DRBundle__c). Every version is loaded; choosing is the user's.
   */
  readonly version?: number;
  /** `active` as exported; true where the export has none. Real `.rpt` exports often say false for the mapper in use. */
  readonly active?: boolean;
  readonly items: readonly DataMapperItem[];
  readonly origin: DefinitionOrigin;
}

/** A definition that could not be read: it names the file, and the element and property when known. */
export interface DefinitionProblem {
  readonly file: string;
  readonly element?: string;
  readonly property?: string;
  readonly message: string;
}

/** What loading a set of folders and files yields: every version of every definition, and what could not be read. */
export interface DefinitionSet {
  readonly procedures: readonly ProcedureDefinition[];
  readonly dataMappers: readonly DataMapperDefinition[];
  readonly problems: readonly DefinitionProblem[];
}
