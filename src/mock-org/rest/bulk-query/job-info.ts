/** A query job's states: created UploadComplete, then InProgress, then JobComplete or Failed; Aborted by the client (query_get_one_job.htm). */
export type JobState = 'UploadComplete' | 'InProgress' | 'Aborted' | 'JobComplete' | 'Failed';

export type Operation = 'query' | 'queryAll';

export const OPERATIONS: readonly Operation[] = ['query', 'queryAll'];

/** The delimiters a job may ask for, and the character each writes (create_job.htm). */
export const COLUMN_DELIMITERS = { BACKQUOTE: '`', CARET: '^', COMMA: ',', PIPE: '|', SEMICOLON: ';', TAB: '\t' } as const;
export type ColumnDelimiter = keyof typeof COLUMN_DELIMITERS;

export const LINE_ENDINGS = { LF: '\n', CRLF: '\r\n' } as const;
export type LineEnding = keyof typeof LINE_ENDINGS;

/** What the list (`GET /jobs/query`) says of a job. */
export interface JobSummary {
  id: string;
  operation: Operation;
  object: string;
  createdById: string;
  createdDate: string;
  systemModstamp: string;
  state: JobState;
  concurrencyMode: 'Parallel';
  contentType: 'CSV';
  apiVersion: number;
  jobType: 'V2Query';
  lineEnding: LineEnding;
  columnDelimiter: ColumnDelimiter;
}

/** What `GET /jobs/query/<id>` says: the summary and the processing figures (and why it failed). */
export interface JobInfo extends JobSummary {
  numberRecordsProcessed: number;
  retries: number;
  totalProcessingTime: number;
  isPkChunkingSupported: boolean;
  errorMessage?: string;
}

/** What creating a job answers: its summary without jobType, as the guide's example shows (query_create_job.htm). */
export type CreatedJob = Omit<JobSummary, 'jobType'>;
