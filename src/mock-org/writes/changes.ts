import type { Binds, QueryResult } from '../../core/org';
import type { RowValues } from '../store/values';

/*
 * The contract between the mock org's writes, its state file and the emulated managed package
 * (issue 14). Every write is a transaction of changes: applied all or none, then handed once to
 * the org's commit hook (the state journal writes it as one line). Replaying the same changes on
 * the same fixtures gives the same org.
 */

/** A timeline step at an absolute instant (epoch ms): stored relative to the org's start, written absolute so it survives restarts. */
export interface ChangeStep {
  readonly at: number;
  readonly values: RowValues;
}

/** One committed change, values in stored form (what Store rows hold). */
export type StoreChange =
  | { readonly op: 'insert'; readonly object: string; readonly id: string; readonly values: RowValues; readonly timeline?: readonly ChangeStep[] }
  /** `values` win over the row's timeline for the fields they set; `timeline` steps are added to it. */
  | { readonly op: 'update'; readonly id: string; readonly values: RowValues; readonly timeline?: readonly ChangeStep[] }
  | { readonly op: 'delete'; readonly id: string };

/** Called with each transaction's changes before they become visible; a throw rolls the transaction back. */
export type CommitHook = (changes: readonly StoreChange[]) => void;

/**
 * What the emulated platform (the managed package's Apex, the job queue) may do inside one
 * transaction: system mode, so no field-level security, and it may write what users may not
 * (AsyncApexJob and its read-only fields). Types, picklists, lengths and references are still
 * checked (OrgError with Salesforce's code).
 */
export interface PlatformWriter {
  /** The org's clock, epoch ms. */
  now(): number;
  /** The Id of the running user (CreatedById of what it writes). */
  readonly userId: string;
  /** Inserts a record (REST-style values: Ids of 15 or 18 characters, ISO dates); answers its Id. */
  insert(sobject: string, values: Readonly<Record<string, unknown>>, timeline?: readonly { at: number; values: Readonly<Record<string, unknown>> }[]): string;
  update(id: string, values: Readonly<Record<string, unknown>>, timeline?: readonly { at: number; values: Readonly<Record<string, unknown>> }[]): void;
  /** SOQL in system mode (every field readable), seeing this transaction's own writes. */
  query(soql: string, binds?: Binds): QueryResult;
}
