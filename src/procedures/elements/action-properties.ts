/** The properties every action shares (DESIGN.md §5 "Elements"), with the designer's defaults. */
import type { PropertySchema } from './element-type';
import { bool, obj, str } from './properties';

export const CONDITION_PROPERTIES: PropertySchema = {
  executionConditionalFormula: str(),
};

export const ACTION_PROPERTIES: PropertySchema = {
  ...CONDITION_PROPERTIES,
  sendJSONPath: str(),
  sendJSONNode: str(),
  additionalInput: obj(),
  sendOnlyAdditionalInput: bool(false),
  responseJSONPath: str(),
  responseJSONNode: str(),
  additionalOutput: obj(),
  returnOnlyAdditionalOutput: bool(false),
  failureConditionalFormula: str(),
  // The designer checks it for a new action, and every real export sets it; absent, the step's failure ends the IP.
  failOnStepError: bool(true),
  failureResponse: obj(),
};
