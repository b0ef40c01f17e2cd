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
  [key: string]: unknown;
}

export const DEFAULT_JOB_LINK: Readonly<JobLinkConfig> = Object.freeze({
  sobject: 'InsuranceAsyncBulkRecordDetail',
  policyField: 'ReferenceRecordId',
  jobIdField: 'InsuranceAsyncBulkRequestItem.BatchJobId',
});

function checkJobLink(value: unknown, source: string): JobLinkConfig {
  const link = value as Partial<JobLinkConfig> | null;
  if (!isPlainObject(link)) {
    throw new IpemuError('INVALID_INPUT', `${source}: "jobLink" must be an object with sobject, policyField and jobIdField.`);
  }
  const sobject = link.sobject ?? DEFAULT_JOB_LINK.sobject;
  const policyField = link.policyField ?? DEFAULT_JOB_LINK.policyField;
  const jobIdField = link.jobIdField ?? DEFAULT_JOB_LINK.jobIdField;
  if (typeof sobject !== 'string' || !NAME.test(sobject)) throw new IpemuError('INVALID_INPUT', `${source}: jobLink.sobject must be an object API name.`);
  if (typeof policyField !== 'string' || !NAME.test(policyField))
    throw new IpemuError('INVALID_INPUT', `${source}: jobLink.policyField must be a field API name.`);
  if (typeof jobIdField !== 'string' || !PATH.test(jobIdField))
    throw new IpemuError('INVALID_INPUT', `${source}: jobLink.jobIdField must be a field name or relationship path.`);
  return { sobject, policyField, jobIdField };
}

/** Fills defaults and checks a config object (library `config` or ipemu.config.json). */
export function resolveConfig(partial: unknown = {}, source = 'config'): EmulatorConfig {
  if (!isPlainObject(partial)) {
    throw new IpemuError('INVALID_INPUT', `${source} must be a JSON object.`);
  }
  const raw = partial;
  const jobLink = raw.jobLink === undefined ? { ...DEFAULT_JOB_LINK } : checkJobLink(raw.jobLink, source);
  return Object.freeze({ ...raw, jobLink: Object.freeze(jobLink) });
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
