'use strict';
// Writes the bench's Integration Procedure as a vlocity_build expanded DataPack (managed-package
// schema), the format most teams export: ten elements, a Remote Action to the status service, an
// if/else Conditional Block, Set Values with formulas, one skipped element and a Response Action.
const fs = require('node:fs');
const path = require('node:path');

const NS = '%vlocity_namespace%__';

/** [name, type, property set, parent name] in execution (depth-first) order. */
function elementsOf() {
  const quiet = { failOnStepError: true, executionConditionalFormula: '', failureConditionalFormula: '', responseJSONNode: '', responseJSONPath: '' };
  return [
    ['Prepare', 'Set Values', { ...quiet, elementValueMap: { request: { jobId: '%jobId%', attempt: '=%attempt% + 1' } } }],
    [
      'GetStatus',
      'Remote Action',
      {
        ...quiet,
        remoteClass: 'vlocity_ins.InsPolicyService',
        remoteMethod: 'getPolicyAsyncJobStatus',
        remoteOptions: {},
        remoteTimeout: 30000,
        sendJSONPath: 'Prepare:request',
      },
    ],
    ['StatusBlock', 'Conditional Block', { ...quiet, isIfElseBlock: true }],
    [
      'IfSuccess',
      'Set Values',
      {
        ...quiet,
        executionConditionalFormula: '%GetStatus:status% == "Success"',
        responseJSONNode: 'Outcome',
        elementValueMap: { summary: "=CONCAT('Job ', %GetStatus:jobId%, ' succeeded')", done: true },
      },
      'StatusBlock',
    ],
    [
      'IfFailed',
      'Set Values',
      {
        ...quiet,
        executionConditionalFormula: '%GetStatus:status% == "Failed" || %GetStatus:status% == "Aborted"',
        responseJSONNode: 'Outcome',
        elementValueMap: { summary: "=CONCAT('Job failed: ', %GetStatus:error%)", done: true },
      },
      'StatusBlock',
    ],
    [
      'IfRunning',
      'Set Values',
      { ...quiet, responseJSONNode: 'Outcome', elementValueMap: { summary: 'Job %GetStatus:jobId% is still running', done: false } },
      'StatusBlock',
    ],
    [
      'Compute',
      'Set Values',
      {
        ...quiet,
        elementValueMap: {
          pollAgainInSeconds: '=IF(%Outcome:done%, 0, 5 * 2)',
          statusUpper: '=UPPER(%GetStatus:status%)',
          ratio: '=ROUND(%Prepare:request:attempt% / 3, 2)',
        },
      },
    ],
    ['Check', 'Set Values', { ...quiet, executionConditionalFormula: 'ISNOTBLANK(%GetStatus:jobId%)', elementValueMap: { hasJob: true } }],
    ['Never', 'Set Values', { ...quiet, executionConditionalFormula: '1 == 2', elementValueMap: { never: true } }],
    [
      'Respond',
      'Response Action',
      {
        ...quiet,
        returnOnlyAdditionalOutput: true,
        additionalOutput: {
          status: '%GetStatus:status%',
          summary: '%Outcome:summary%',
          done: '%Outcome:done%',
          pollAgainInSeconds: '%Compute:pollAgainInSeconds%',
        },
      },
    ],
  ];
}

/** Writes Type_SubType as an expanded DataPack folder under `dir`; returns the folder. */
function writeProcedure(dir, type, subType) {
  const key = `${type}_${subType}`;
  const folder = path.join(dir, key);
  fs.mkdirSync(folder, { recursive: true });
  const elements = elementsOf();
  const files = [];
  for (const [name, elementType, props, parent] of elements) {
    const file = `${key}_Element_${name}.json`;
    files.push(file);
    const element = {
      [`${NS}Active__c`]: true,
      [`${NS}PropertySet__c`]: props,
      [`${NS}Type__c`]: elementType,
      Name: name,
      VlocityRecordSObjectType: `${NS}Element__c`,
    };
    if (parent) Object.assign(element, { [`${NS}ParentElementName__c`]: parent, [`${NS}ParentElementType__c`]: 'Conditional Block' });
    fs.writeFileSync(path.join(folder, file), JSON.stringify(element, null, 2));
  }
  fs.writeFileSync(path.join(folder, `${key}_PropertySet.json`), JSON.stringify({ includeAllActionsInResponse: false, mockResponseMap: {} }, null, 2));
  const header = {
    [`${NS}Element__c`]: files,
    [`${NS}IsProcedure__c`]: true,
    [`${NS}IsTest__c`]: false,
    [`${NS}ProcedureKey__c`]: key,
    [`${NS}PropertySet__c`]: `${key}_PropertySet.json`,
    [`${NS}SubType__c`]: subType,
    [`${NS}Type__c`]: type,
    Name: subType,
    VlocityRecordSObjectType: `${NS}OmniScript__c`,
  };
  fs.writeFileSync(path.join(folder, `${key}_DataPack.json`), JSON.stringify(header, null, 2));
  return folder;
}

module.exports = { writeProcedure, ELEMENTS: elementsOf().length };
