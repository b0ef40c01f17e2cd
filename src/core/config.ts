import { readFileSync, existsSync } from 'node:fs';
import { IpemuError } from './errors';
import { isPlainObject } from './plain-object';
import { API_NAME as NAME, API_NAME_PATH as PATH } from './salesforce-api';

/** Where the org records which AsyncApexJob belongs to which InsurancePolicy. */
export interface JobLinkConfig {
  /** The link object. */
  sobject: string;
  /** Field on the link object holding the InsurancePolicy Id. */
  policyField: string;
  /** Field (or parent-relationship path) on the link object holding the AsyncApexJob Id. */
  jobIdField: string;
}

export interface EmulatorConfig {
  jobLink: JobLinkConfig;
  /** (ipemu) Where the out-of-sequence endorsement jobs are linked to policies; by default the jobLink in effect. */
  outOfSequenceJobLink: JobLinkConfig;
  [key: string]: unknown;
}

export const DEFAULT_JOB_LINK: Readonly<JobLinkConfig> = Object.freeze({
  sobject: 'InsuranceAsyncBulkRecordDetail',
  policyField: 'ReferenceRecordId',
  jobIdField: 'InsuranceAsyncBulkRequestItem.BatchJobId',
});

/** Checks one link key (`jobLink`, `outOfSequenceJobLink`); a part left out comes from `defaults`. */
function checkJobLink(value: unknown, source: string, key: string, defaults: Readonly<JobLinkConfig>): JobLinkConfig {
  const link = value as Partial<JobLinkConfig> | null;
  if (!isPlainObject(link)) {
    throw new IpemuError('INVALID_INPUT', `${source}: "${key}" must be an object with sobject, policyField and jobIdField.`);
  }
  const sobject = link.sobject ?? defaults.sobject;
  const policyField = link.policyField ?? defaults.policyField;
  const jobIdField = link.jobIdField ?? defaults.jobIdField;
  if (typeof sobject !== 'string' || !NAME.test(sobject)) throw new IpemuError('INVALID_INPUT', `${source}: ${key}.sobject must be an object API name.`);
  if (typeof policyField !== 'string' || !NAME.test(policyField))
    throw new IpemuError('INVALID_INPUT', `${source}: ${key}.policyField must be a field API name.`);
  if (typeof jobIdField !== 'string' || !PATH.test(jobIdField))
    throw new IpemuError('INVALID_INPUT', `${source}: ${key}.jobIdField must be a field name or relationship path.`);
  return { sobject, policyField, jobIdField };
}

/** Fills defaults and checks a config object (library `config` or ipemu.config.json). */
export function resolveConfig(partial: unknown = {}, source = 'config'): EmulatorConfig {
  if (!isPlainObject(partial)) {
    throw new IpemuError('INVALID_INPUT', `${source} must be a JSON object.`);
  }
  const raw = partial;
  const jobLink = Object.freeze(raw.jobLink === undefined ? { ...DEFAULT_JOB_LINK } : checkJobLink(raw.jobLink, source, 'jobLink', DEFAULT_JOB_LINK));
  // (ipemu) The package does not say where it links out-of-sequence jobs apart from the others: by
  // default they are read through the same link, and a part left out is the jobLink's.
  const outOfSequenceJobLink =
    raw.outOfSequenceJobLink === undefined ? jobLink : Object.freeze(checkJobLink(raw.outOfSequenceJobLink, source, 'outOfSequenceJobLink', jobLink));
  return Object.freeze({ ...raw, jobLink, outOfSequenceJobLink });
}

/** Reads ipemu.config.json (or another path). A missing default file is an empty config. */
export function loadConfigFile(path: string, required: boolean): EmulatorConfig {
  if (!existsSync(path)) {
    if (required) throw new IpemuError('INVALID_INPUT', `Config file not found: ${path}`);
    return resolveConfig({});
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new IpemuError('INVALID_INPUT', `${path}: not valid JSON (${(err as Error).message}).`);
  }
  return resolveConfig(parsed, path);
}
